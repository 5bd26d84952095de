"""Finding and reading scenario files: pipes, devices and looping links never hang the checker."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vigil.check.project import check_project, scenario_files
from vigil.format.loader import load_file, read_file

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")

# Run in a child process, so a checker that blocks fails the test instead of hanging it.
CHECK = "import sys; from pathlib import Path; from vigil.check.project import check_project\n"
CHECK += "r = check_project(Path(sys.argv[1]))\n"
CHECK += "print('\\n'.join(f'{p.path}:{p.line}:{p.col}:{p.code}' for p in r.problems))\n"


def check_in_child(project: Path, timeout: float = 60) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(project)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout.split()


@needs_posix
def test_a_fifo_is_reported_never_opened(project: Path) -> None:
    os.mkfifo(project / "scenarios" / "p.yaml")
    lines = check_in_child(project, timeout=60)  # blocked forever before the fix
    assert lines == ["scenarios/p.yaml:1:1:not-a-file"]


@needs_posix
def test_read_file_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.yaml"
    os.mkfifo(fifo)
    start = time.perf_counter()
    raw, problems = read_file(fifo, "stream.yaml")
    assert raw is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "not-a-file")]
    assert time.perf_counter() - start < 1.0
    doc, problems = load_file(fifo, "stream.yaml")
    assert doc is None
    assert [p.code for p in problems] == ["not-a-file"]


@needs_posix
def test_a_socket_and_a_device_are_not_files(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(sock_path))
        except OSError:  # path too long for a socket on this machine
            pytest.skip("cannot bind a unix socket here")
        assert [p.code for p in read_file(sock_path, "s.yaml")[1]] == ["not-a-file"]
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")  # endless: read whole, it would exhaust memory
    assert [p.code for p in read_file(link, "zero.yaml")[1]] == ["not-a-file"]


def test_a_folder_named_like_a_scenario_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    assert [p.code for p in read_file(folder, "x.yaml")[1]] == ["not-a-file"]


@needs_posix
def test_links_to_their_own_folder_end_fast_and_files_are_checked_once(project: Path) -> None:
    scenarios = project / "scenarios"
    (scenarios / "a").symlink_to(".")
    (scenarios / "b").symlink_to(".")
    start = time.perf_counter()
    files = scenario_files([scenarios])
    elapsed = time.perf_counter() - start
    assert files == [scenarios / "minimal.yaml"]
    assert elapsed < 0.5  # over 30 s before the fix
    result = check_project(project)
    assert result.problems == []
    assert result.course is not None
    assert [s.id for s in result.course.scenarios] == ["minimal"]


@needs_posix
def test_links_that_loop_between_folders_end(tmp_path: Path) -> None:
    (tmp_path / "one" / "two").mkdir(parents=True)
    (tmp_path / "one" / "two" / "up").symlink_to("../..")
    (tmp_path / "one" / "back").symlink_to("two")
    (tmp_path / "one" / "two" / "s.yaml").write_text("id: s\n", encoding="utf-8")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")  # a link to itself: unreadable, once
    start = time.perf_counter()
    files = scenario_files([tmp_path])
    assert time.perf_counter() - start < 0.5
    assert files == [tmp_path / "loop.yaml", tmp_path / "one" / "two" / "s.yaml"]
    assert [p.code for p in read_file(files[0], "loop.yaml")[1]] == ["unreadable"]


@needs_posix
def test_a_linked_folder_outside_is_still_followed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.yaml").write_text("id: s\n", encoding="utf-8")
    course = tmp_path / "course"
    course.mkdir()
    (course / "linked").symlink_to(shared)
    (course / "again").symlink_to(shared)
    assert scenario_files([course]) == [course / "again" / "s.yaml"]
