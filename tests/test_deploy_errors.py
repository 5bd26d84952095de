"""A full disk, a read-only folder or a bug: clear messages and exit codes of their own."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import vigil.engine.site
from conftest import run_vigil
from test_build import tree
from vigil import cli


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """`vigil` as the console script runs it, in this process."""
    monkeypatch.setattr(sys, "argv", ["vigil", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    return int(exited.value.code or 0)


def test_unwritable_cache_in_the_project_falls_back_to_the_user_cache(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores modes, so the project's cache folder is blocked by a file instead."""
    (course / ".vigil-cache").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    result = run_vigil("build", "--site-dir", tmp_path / "site", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert list((tmp_path / "xdg" / "vigil").glob("*/pages/course/index.md"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_project_builds_into_a_writable_site_dir(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    before = tree(course)
    folders = [course, *(p for p in course.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = run_vigil("build", "--site-dir", tmp_path / "site", cwd=course)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert tree(course) == before


def test_cache_dir_from_the_environment(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_CACHE_DIR", str(tmp_path / "cache"))
    result = run_vigil("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert not (course / ".vigil-cache").exists()
    assert list((tmp_path / "cache").glob("*/pages/course/index.md"))


@pytest.mark.parametrize("site_dir", ["afile/site", "afile/deeper/site"])
def test_site_dir_under_a_file_names_the_path(course: Path, site_dir: str) -> None:
    (course / "afile").write_text("a file\n", encoding="utf-8")
    result = run_vigil("build", "--site-dir", site_dir, cwd=course)
    assert result.returncode == 1
    assert f"{course / 'afile'} is not a folder" in result.stderr
    assert "internal error" not in result.stderr
    assert (course / "afile").read_text(encoding="utf-8") == "a file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_site_dir_parent_names_the_path(course: Path) -> None:
    parent = course / "locked"
    parent.mkdir()
    parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run_vigil("build", "--site-dir", "locked/site", cwd=course)
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert str(parent) in result.stderr
    assert "internal error" not in result.stderr


def test_unwritable_site_dir_parent_names_the_path(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only parent, as root would not see it: creating the build folder is denied."""
    real_mkdir = os.mkdir

    def denied(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).name.startswith(".site.new-"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", denied)
    assert run_main(monkeypatch, "build", "-p", str(course), "--site-dir", "out/site") == 1
    err = capsys.readouterr().err
    assert f"cannot write {course / 'out'}: Permission denied" in err
    assert "internal error" not in err
    assert list((course / "out").iterdir()) == []


def test_disk_full_during_the_build(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    before = tree(course / "build")
    monkeypatch.setattr(vigil.engine.site, "build", disk_full)
    assert run_main(monkeypatch, "build", "-p", str(course)) == 1
    err = capsys.readouterr().err
    assert f"cannot write {course / 'build'}: No space left on device" in err
    assert "internal error" not in err
    assert tree(course / "build") == before
    assert [p.name for p in course.iterdir() if p.name.startswith(".build")] == []


def test_disk_full_in_the_staging_cache(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(folder: Path, files: dict[str, bytes]) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / "x.md"))

    monkeypatch.setattr("vigil.pipeline.sync", full)
    assert run_main(monkeypatch, "build", "-p", str(course)) == 1
    err = capsys.readouterr().err
    assert f"{course / '.vigil-cache' / 'pages' / 'x.md'}: No space left on device" in err
    assert "VIGIL_CACHE_DIR" in err
    assert "internal error" not in err


def test_disk_full_anywhere_else_is_no_internal_error(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(course / "somewhere"))

    monkeypatch.setattr("vigil.engine.site.build_site", full)
    assert run_main(monkeypatch, "build", "-p", str(course)) == 1
    err = capsys.readouterr().err
    assert f"{course / 'somewhere'}: No space left on device" in err
    assert "internal error" not in err


def test_a_bug_exits_3(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.delenv("VIGIL_DEBUG", raising=False)
    monkeypatch.setattr("vigil.engine.site.build_site", bug)
    assert run_main(monkeypatch, "build", "-p", str(course)) == 3
    assert "internal error: KeyError" in capsys.readouterr().err


def test_problems_and_usage_errors_keep_their_codes(course: Path) -> None:
    (course / "scenarios" / "minimal.yaml").write_text("id: [broken\n", encoding="utf-8")
    assert CliRunner().invoke(cli.cli, ["build", "-p", str(course)]).exit_code == 1
    assert run_vigil("build", "--no-such-option", cwd=course).returncode == 2
