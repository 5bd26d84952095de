"""The built site: ordinary file modes, a marker, and no user folder replaced by mistake."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_vigil
from test_build import tree

MARKER = ".vigil-site"


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore this process's umask after a test sets it (the CLI inherits it)."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


def modes(site: Path) -> tuple[set[int], set[int]]:
    """The permission bits of every folder (the site's own included) and of every file."""
    paths = [site, *site.rglob("*")]
    folders = {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_dir()}
    files = {stat.S_IMODE(p.stat().st_mode) for p in paths if p.is_file()}
    return folders, files


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(
    ("mask", "folder", "file"),
    [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)],
    ids=["umask-022", "umask-027"],
)
def test_site_modes_follow_the_umask(course: Path, mask: int, folder: int, file: int) -> None:
    os.umask(mask)
    for _ in range(2):  # the first site, and the one swapped in over it
        result = run_vigil("build", cwd=course)
        assert result.returncode == 0, result.stderr
        assert modes(course / "build") == ({folder}, {file})


def test_every_site_carries_the_marker(course: Path) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    marker = course / "build" / MARKER
    assert "Vigil" in marker.read_text(encoding="utf-8")


def test_folder_of_the_users_files_is_refused(course: Path) -> None:
    mine = course / "mine"
    (mine / "notes").mkdir(parents=True)
    (mine / "notes" / "plan.txt").write_text("keep me\n", encoding="utf-8")
    before = tree(mine)
    result = run_vigil("build", "--site-dir", "mine", cwd=course)
    assert result.returncode == 1
    assert str(mine) in result.stderr
    assert "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(mine) == before
    assert [p.name for p in course.iterdir() if p.name.startswith(".mine")] == []


def test_force_replaces_the_users_folder(course: Path) -> None:
    mine = course / "mine"
    mine.mkdir()
    (mine / "plan.txt").write_text("lost\n", encoding="utf-8")
    result = run_vigil("build", "--site-dir", "mine", "--force", cwd=course)
    assert result.returncode == 0, result.stderr
    assert not (mine / "plan.txt").exists()
    assert (mine / "index.html").is_file()
    assert (mine / MARKER).is_file()


def test_empty_folder_is_used(course: Path) -> None:
    (course / "empty").mkdir()
    result = run_vigil("build", "--site-dir", "empty", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (course / "empty" / "index.html").is_file()


def test_previous_vigil_build_is_replaced(course: Path) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    (course / "build" / "stale.html").write_text("old\n", encoding="utf-8")
    result = run_vigil("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert not (course / "build" / "stale.html").exists()


def test_site_built_before_the_marker_is_replaced(course: Path) -> None:
    """A build/ of an older Vigil has no marker; its quiz engine marks it as ours."""
    assert run_vigil("build", cwd=course).returncode == 0
    (course / "build" / MARKER).unlink()
    result = run_vigil("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (course / "build" / MARKER).is_file()
