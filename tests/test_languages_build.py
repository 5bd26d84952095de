"""A course in several languages: `vigil build` writes build/<language>/ for each, in
parallel processes, with a root page; `vigil export` writes one package per language."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import build_course, run_vigil
from vigil.engine.parallel import JobError, run_parallel
from vigil.engine.theme_fixes import label_language_links
from vigil.i18n.languages import language_name, material_languages
from vigil.targets.scorm.manifest import MANIFEST, check_package

BILINGUAL = Path(__file__).parent / "bilingual"
LANGUAGES = ("en", "zh-Hans")
SCENARIO = "course/friendly-questioning/minimal.html"
ZWSP = "\u200b"  # Material's search puts it between the words jieba finds


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_course(BILINGUAL, tmp_path_factory.mktemp("bilingual"))


def copy_of(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "scenarios", "translations"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
        else:
            shutil.copy(source / name, dest / name)
    return dest


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_each_language_is_a_full_site_beside_a_root_page(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == [".vigil-site", "en", "index.html", "zh-Hans"]
    for language, html_lang in (("en", "en"), ("zh-Hans", "zh")):
        for page in ("index.html", "glossary.html", SCENARIO, "course/certificate.html"):
            html = (site / language / page).read_text(encoding="utf-8")
            assert f'<html lang="{html_lang}"' in html, (language, page)
        assert (site / language / "search" / "search_index.js").is_file(), "offline search"
    root = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in root
    assert "<title>Two-language course</title>" in root
    for language in LANGUAGES:
        link = f'<a href="{language}/index.html" hreflang="{language}" lang="{language}">'
        assert link + language_name(language) + "</a>" in root
    assert "navigator.languages" in root
    assert re.search(r"https?://", root) is None, "no request outside the site"


def test_the_switcher_points_at_the_same_page_in_every_language(site: Path) -> None:
    for language in LANGUAGES:
        for page in ("index.html", "glossary.html", SCENARIO):
            html = (site / language / page).read_text(encoding="utf-8")
            links = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)" lang="\2"([^>]*)', html)
            assert [tag for _, tag, _ in links] == list(LANGUAGES), (language, page)
            for href, tag, rest in links:
                target = (site / language / page).parent / href
                assert target.resolve() == (site / tag / page).resolve(), (href, page)
                assert ('aria-current="true"' in rest) == (tag == language)
            button = re.search(
                r'<button class="md-header__button md-icon" aria-label="([^"]+)"', html
            )
            assert button, "the switcher's button has a name"


def test_chinese_is_segmented_in_the_zh_search_index(site: Path) -> None:
    raw = (site / "zh-Hans" / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
    assert re.fullmatch(index["config"]["separator"], ZWSP), "the search splits words there"
    text = " ".join(doc["text"] for doc in index["docs"])
    assert f"{ZWSP}陀螺仪{ZWSP}" in text, "jieba found the word"


def test_one_language_builds_flat_as_before(course: Path) -> None:
    result = run_vigil("build", "--strict", "--site-dir", "site", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (course / "site" / "index.html").is_file()
    assert not (course / "site" / "en").exists()
    assert "md-select__link" not in (course / "site" / "index.html").read_text(encoding="utf-8")


def test_one_language_of_several_builds_flat(tmp_path: Path) -> None:
    project = copy_of(BILINGUAL, tmp_path)
    result = run_vigil("build", "--language", "zh-Hans", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    assert "md-select__link" not in html, "no switcher: the other language is not beside it"
    unknown = run_vigil("build", "--language", "fr", cwd=project)
    assert unknown.returncode == 2
    assert "unknown language 'fr'" in unknown.stderr


def test_a_failed_language_build_leaves_the_previous_build(tmp_path: Path) -> None:
    project = copy_of(BILINGUAL, tmp_path)
    first = run_vigil("build", "--strict", "--site-dir", "site", cwd=project)
    assert first.returncode == 0, first.stderr
    before = tree(project / "site")
    page = project / "content" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](missing.md)\n", "utf-8")
    failed = run_vigil("build", "--strict", "--site-dir", "site", cwd=project)
    assert failed.returncode == 1
    assert re.search(r"build failed: (en|zh-Hans): ", failed.stderr), failed.stderr
    assert "site/ was not changed" in failed.stderr
    assert tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_export_writes_one_package_per_language(tmp_path: Path) -> None:
    project = copy_of(BILINGUAL, tmp_path / "course")
    out = tmp_path / "dist"
    result = run_vigil("export", "scorm12", "-o", out / "course.zip", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["course-en.zip", "course-zh-Hans.zip"]
    for language, html_lang in (("en", "en"), ("zh-Hans", "zh")):
        with zipfile.ZipFile(out / f"course-{language}.zip") as archive:
            check_package(archive)
            assert MANIFEST in archive.namelist()
            html = archive.read(SCENARIO).decode()
            assert f'<html lang="{html_lang}"' in html
            assert "md-select__link" not in html, "a package holds one language"
    default = run_vigil("export", "zip", cwd=project)
    assert default.returncode == 0, default.stderr
    names = sorted(p.name for p in (project / "dist").iterdir())
    assert [re.sub(r"-[0-9a-f]{12}-", "-V-", n) for n in names] == [
        "bilingual-V-zip-en.zip",
        "bilingual-V-zip-zh-Hans.zip",
    ]


def test_material_names_and_language_names() -> None:
    assert material_languages("zh-Hans") == ["zh"]
    assert material_languages("pt-BR") == ["pt-BR", "pt"]
    assert material_languages("de") == ["de"]
    assert language_name("zh-Hans") == "中文 (简体)"
    assert language_name("qps-ploc") == "qps-ploc"
    html = '<a href="../zh-Hans/x.html" hreflang="zh-Hans" class="md-select__link">'
    assert label_language_links(html, "zh-Hans") == (
        '<a href="../zh-Hans/x.html" hreflang="zh-Hans" lang="zh-Hans" aria-current="true" '
        'class="md-select__link">'
    )


# --- the processes ----------------------------------------------------------------------------


def _write_pid(folder: Path, name: str) -> None:
    (folder / name).write_text(str(os.getpid()), encoding="utf-8")


def _fail() -> None:
    raise ValueError("no such page")


def _die() -> None:
    os._exit(7)


def test_jobs_run_in_processes_of_their_own(tmp_path: Path) -> None:
    import functools

    run_parallel({n: functools.partial(_write_pid, tmp_path, n) for n in ("a", "b", "c")}, 2)
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(pids) == 3
    assert str(os.getpid()) not in pids
    with pytest.raises(JobError, match=r"^zh-Hans: no such page$"):
        run_parallel({"en": functools.partial(_write_pid, tmp_path, "x"), "zh-Hans": _fail})
    with pytest.raises(JobError, match=r"^en: its process ended unexpectedly \(exit code 7\)"):
        run_parallel({"en": _die})


def _write_frozen(folder: Path) -> None:
    import gc

    (folder / "frozen").write_text(str(gc.get_freeze_count()), encoding="utf-8")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_what_the_parent_holds_is_frozen_for_the_workers_only(tmp_path: Path) -> None:
    import functools
    import gc

    before = gc.get_freeze_count()
    run_parallel({"en": functools.partial(_write_frozen, tmp_path)})
    assert int((tmp_path / "frozen").read_text(encoding="utf-8")) > before
    assert gc.get_freeze_count() == before
