"""A killed build leaves no temporary folder: signals clean up, the next build sweeps."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_vigil
from test_build import tree

MARKER = ".vigil-site"

# The real `vigil build`, pausing once MkDocs has filled the temporary folder.
SLOW_BUILD = """
import sys, time
import vigil.engine.site as site
real = site.build
def slow(config):
    real(config)
    print("built", flush=True)
    time.sleep(120)
site.build = slow
sys.argv = ["vigil", "build"]
from vigil.cli import main
main()
"""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".build."))


def paused_build(course: Path) -> subprocess.Popen[str]:
    """A build stopped mid-way, its temporary folder full; fails the test if it ended."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD],
        cwd=course,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line != "built\n":
        process.kill()
        pytest.fail(f"the build did not start: {process.communicate()[1]}")
    assert [name for name in leftovers(course) if ".new-" in name], "no temporary folder"
    return process


def dead_pid() -> int:
    """The process id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_removes_the_temporary_folder(course: Path, signum: int) -> None:
    assert run_vigil("build", cwd=course).returncode == 0
    before = tree(course / "build")
    process = paused_build(course)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    if signum == signal.SIGTERM:
        assert process.returncode == -signal.SIGTERM  # the signal still ends the process
    assert "Traceback" not in stderr
    assert leftovers(course) == []
    assert tree(course / "build") == before


def test_next_build_removes_what_a_kill_left(course: Path) -> None:
    process = paused_build(course)
    process.kill()  # SIGKILL: nothing can clean up
    process.communicate(timeout=60)
    assert leftovers(course) != []
    result = run_vigil("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert leftovers(course) == []


def test_next_build_removes_only_its_own_stale_folders(course: Path) -> None:
    dead, alive = dead_pid(), os.getpid()
    folders = {
        f".build.new-{dead}-0a1b2c3d": True,  # a killed build's folder
        f".build.old-{dead}": True,  # a previous site a killed swap left behind
        f".build.new-{alive}-0a1b2c3d": False,  # a build still running
        f".other.new-{dead}-0a1b2c3d": False,  # another site's
    }
    for name in folders:
        (course / name).mkdir()
        (course / name / MARKER).write_text("Built by Vigil.\n", encoding="utf-8")
    stranger = course / f".build.new-{dead}-users"  # no marker: not Vigil's
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep\n", encoding="utf-8")
    result = run_vigil("build", cwd=course)
    assert result.returncode == 0, result.stderr
    for name, removed in folders.items():
        assert (course / name).exists() != removed, name
    assert (stranger / "notes.txt").is_file()
