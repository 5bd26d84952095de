"""Integration: a tiny course builds with --strict, and a failed build changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_vigil


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_tiny_course_builds_strict(course: Path) -> None:
    result = run_vigil("build", "--strict", cwd=course)
    assert result.returncode == 0, result.stderr
    site = course / "build"
    assert (site / "course" / "friendly-questioning" / "minimal.html").is_file()
    assert (site / "course" / "progress.html").is_file()
    assert "Report to the duty officer." in (site / "index.html").read_text(encoding="utf-8")
    assert not (course / "content" / "course").exists()  # nothing generated into content/
    assert [p.name for p in course.iterdir() if p.name.startswith(".build")] == []


def test_plain_mkdocs_build_runs_the_pipeline(course: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "plain"],
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (course / "plain" / "course" / "friendly-questioning" / "minimal.html").is_file()


def test_failed_check_leaves_previous_build(course: Path) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    before = tree(course / "build")
    (course / "scenarios" / "minimal.yaml").write_text("id: [broken\n", encoding="utf-8")
    result = run_vigil("build", cwd=course)
    assert result.returncode == 1
    assert "scenarios/minimal.yaml:2:1: error[yaml-syntax]" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(course / "build") == before


def test_failed_site_build_leaves_previous_build(course: Path) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    before = tree(course / "build")
    (course / "content" / "index.md").write_text("[dead](nowhere.md)\n", encoding="utf-8")
    result = run_vigil("build", "--strict", cwd=course)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert tree(course / "build") == before
    assert [p.name for p in course.iterdir() if p.name.startswith(".build")] == []


@pytest.mark.parametrize("site_dir", ["content", "scenarios", ".", "content/site", ".."])
def test_site_dir_never_replaces_the_authors_files(course: Path, site_dir: str) -> None:
    before = tree(course / "content"), tree(course / "scenarios")
    result = run_vigil("build", "--site-dir", site_dir, cwd=course)
    assert result.returncode == 1
    assert "was not changed" in result.stderr
    assert (tree(course / "content"), tree(course / "scenarios")) == before
    assert (course / "mkdocs.yml").is_file()


def test_site_dir_elsewhere_is_fine(course: Path) -> None:
    result = run_vigil("build", "--site-dir", "out/site", cwd=course)
    assert result.returncode == 0, result.stderr
    assert (course / "out" / "site" / "index.html").is_file()
