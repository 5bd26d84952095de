"""`vigil export`: one zip per format, reproducible, safe, and nothing written on failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from markupsafe import escape

from conftest import MINIMAL, MKDOCS_YML, REPO, run_vigil
from vigil.check.project import check_project
from vigil.i18n.catalog import translator
from vigil.targets.archive import LEFT_OUT, PackageError, safe_name, site_files, write_zip
from vigil.targets.registry import TARGETS
from vigil.targets.scorm.launcher import OPEN_COURSE
from vigil.targets.scorm.manifest import MANIFEST, check_package

FORMATS = ("scorm12", "scorm2004", "zip")
NS = {
    "scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1",
}


def exported_all(course: Path, fmt: str, *args: str) -> list[Path]:
    """Every package an export wrote (one per language of the course)."""
    result = run_vigil("export", fmt, *args, cwd=course)
    assert result.returncode == 0, result.stderr
    found = re.search(r" to (.+\.zip)$", result.stdout.strip())
    assert found, result.stdout
    paths = [Path(p) for p in found[1].split(", ")]
    return [p if p.is_absolute() else course / p for p in paths]


def exported(course: Path, fmt: str, *args: str) -> Path:
    (path,) = exported_all(course, fmt, *args)
    return path


def test_every_format_is_a_target_that_packages_a_file() -> None:
    assert set(FORMATS) <= set(TARGETS)
    for fmt in FORMATS:
        target = TARGETS[fmt]
        assert (target.directory_urls, target.instant_navigation) == (False, False)
    assert TARGETS["scorm12"].storage == TARGETS["scorm2004"].storage == "storage-lms.js"
    assert TARGETS["zip"].storage == "storage-local.js"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-scenario course (conftest's tiny course), exported once in every format."""
    project = tmp_path_factory.mktemp("tiny")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Welcome\n", encoding="utf-8")
    (project / "scenarios").mkdir()
    shutil.copy(MINIMAL, project / "scenarios" / "minimal.yaml")
    for fmt in FORMATS:
        exported(project, fmt)
    return project


def package(tiny: Path, fmt: str) -> Path:
    checked = check_project(tiny)
    assert checked.course is not None
    return tiny / "dist" / f"tiny-{checked.course.version}-{fmt}.zip"


def test_default_names_sorted_entries_fixed_times(tiny: Path) -> None:
    made = {package(tiny, fmt) for fmt in FORMATS}
    assert set((tiny / "dist").iterdir()) == made, "one zip per format, and no leftovers"
    for path in made:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            assert names == sorted(names)
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert not set(names) & LEFT_OUT
            assert all(safe_name(name) == name for name in names)
            if path.name.endswith("-zip.zip"):
                assert "index.html" in names
                assert MANIFEST not in names
            else:
                check_package(archive)


def test_two_exports_of_the_sample_are_byte_identical(tmp_path: Path) -> None:
    project = tmp_path / "course"
    project.mkdir()
    for name in ("content", "scenarios", "mkdocs.yml"):
        (project / name).symlink_to(REPO / name)
    one = exported_all(project, "scorm12", "-o", str(tmp_path / "one.zip"))
    two = exported_all(project, "scorm12", "-o", str(tmp_path / "two.zip"))
    assert [p.name for p in one] == ["one-en.zip", "one-zh-Hans.zip"]  # a package per language
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]


def test_source_date_epoch_sets_every_timestamp(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "dated.zip"
    exe = Path(sys.executable).with_name("vigil")
    result = subprocess.run(
        [str(exe), "export", "zip", "-o", str(out)],
        cwd=tiny,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        before = zipfile.ZipFile(package(tiny, "zip"))
        assert archive.namelist() == before.namelist()
        assert [archive.read(n) for n in archive.namelist()] == [
            before.read(n) for n in before.namelist()
        ], "only the timestamps differ"
        before.close()


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004"])
def test_the_manifest_of_each_version(tiny: Path, fmt: str) -> None:
    with zipfile.ZipFile(package(tiny, fmt)) as archive:
        root = ET.fromstring(archive.read(MANIFEST))  # noqa: S314 - written by this export
        names = set(archive.namelist())
    ns = {"cp": NS[fmt]}
    assert root.tag == f"{{{NS[fmt]}}}manifest"
    version = root.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
    assert version == ("1.2" if fmt == "scorm12" else "2004 4th Edition")
    assert root.findtext("cp:organizations/cp:organization/cp:title", namespaces=ns) == (
        "Tiny course"
    )
    items = root.findall(".//cp:item", ns)
    resources = root.findall(".//cp:resource", ns)
    assert len(items) == len(resources) == 1, "a single SCO"
    assert items[0].get("identifierref") == resources[0].get("identifier")
    resource = resources[0]
    sco = [v for k, v in resource.attrib.items() if k.lower().endswith("}scormtype")]
    assert sco == ["sco"]
    assert resource.get("href") == "scorm-launch.html"
    listed = {f.get("href") for f in resource.findall("cp:file", ns)}
    assert listed == names - {MANIFEST}, "every file listed, and only those"
    measure = root.find(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure")
    if fmt == "scorm2004":
        assert measure is not None
        assert measure.text == "0.8"
        objective = root.find(".//{http://www.imsglobal.org/xsd/imsss}primaryObjective")
        assert objective is not None
        assert objective.get("satisfiedByMeasure") == "true"
    else:
        assert measure is None
        assert b"masteryscore" not in ET.tostring(root)


def test_a_failed_check_writes_nothing(course: Path) -> None:
    (course / "scenarios" / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    result = run_vigil("export", "scorm12", cwd=course)
    assert result.returncode == 1
    assert "broken.yaml:" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (course / "dist").exists()


def test_an_existing_file_that_is_not_a_zip_is_kept(course: Path) -> None:
    mine = course / "notes.zip"
    mine.write_text("my notes", encoding="utf-8")
    result = run_vigil("export", "zip", "-o", "notes.zip", cwd=course)
    assert result.returncode == 1
    assert "not a zip" in result.stderr
    assert mine.read_text(encoding="utf-8") == "my notes"
    result = run_vigil("export", "zip", "-o", "content", cwd=course)
    assert result.returncode == 2  # a usage error: -o names a folder
    assert "is a directory" in result.stderr


def test_instant_navigation_and_folder_urls_are_turned_off(course: Path) -> None:
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("use_directory_urls: false", "")
    text = text.replace(
        "theme: {name: material, font: false}",
        "theme: {name: material, font: false, features: [navigation.instant]}",
    )
    config.write_text(text, encoding="utf-8")
    with zipfile.ZipFile(exported(course, "scorm12")) as archive:
        names = set(archive.namelist())
        home = archive.read("index.html").decode()
    assert "course/index.html" in names
    assert "course/index/index.html" not in names
    assert "course/progress/index.html" not in names
    assert "navigation.instant" not in home


def test_the_launcher_speaks_the_export_language(tiny: Path, tmp_path: Path) -> None:
    pseudo = tmp_path / "pseudo.zip"
    exported(tiny, "scorm12", "-o", str(pseudo), "--language", "qps-ploc")
    with zipfile.ZipFile(package(tiny, "scorm12")) as a, zipfile.ZipFile(pseudo) as b:
        english = a.read("scorm-launch.html").decode()
        other = b.read("scorm-launch.html").decode()
    assert "Open the course without reporting" in english
    # Through the catalog: pseudo-translated once the template holds the launcher's strings.
    assert str(escape(translator("qps-ploc").gettext(OPEN_COURSE))) in other
    assert '<html lang="qps-ploc">' in other


# --- the archive writer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../up.html", "/abs.html", "a/../../b", "a\\b", "C:/x", "a//b", "./a", ""]
)
def test_no_path_escapes_the_root(name: str) -> None:
    with pytest.raises(PackageError):
        safe_name(name)


def test_a_failed_check_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out.zip"
    out.write_bytes(b"the earlier zip")

    def refuse(archive: zipfile.ZipFile) -> None:
        raise PackageError("no")

    with pytest.raises(PackageError):
        write_zip(out, {"a.html": b"a"}, check=refuse)
    assert out.read_bytes() == b"the earlier zip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.zip"]
    with pytest.raises(PackageError):
        write_zip(tmp_path / "new.zip", {"../a.html": b"a"})
    assert not (tmp_path / "new.zip").exists()


def test_a_link_in_the_site_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / ".vigil-site").write_text("marker", encoding="utf-8")
    assert set(site_files(site)) == {"index.html"}
    (site / "secret").symlink_to(tmp_path)
    with pytest.raises(PackageError):
        site_files(site)
