"""Staging rewrites only changed files and removes files no longer generated."""

from __future__ import annotations

import os
from pathlib import Path

from vigil.staging import sync


def test_only_changed_files_are_written(tmp_path: Path) -> None:
    first = sync(tmp_path, {"a.md": b"one", "sub/b.md": b"two"})
    assert first.written == ("a.md", "sub/b.md")
    os.utime(tmp_path / "a.md", ns=(1, 1))
    second = sync(tmp_path, {"a.md": b"one", "sub/b.md": b"TWO"})
    assert second.written == ("sub/b.md",)
    assert (tmp_path / "a.md").stat().st_mtime_ns == 1  # untouched
    assert (tmp_path / "sub/b.md").read_bytes() == b"TWO"


def test_stale_files_and_empty_folders_are_removed(tmp_path: Path) -> None:
    sync(tmp_path, {"a.md": b"1", "old/x.md": b"2"})
    report = sync(tmp_path, {"a.md": b"1"})
    assert report.removed == ("old/x.md",)
    assert not (tmp_path / "old").exists()


def test_a_staged_file_changed_by_hand_is_rewritten(tmp_path: Path) -> None:
    # The sync remembers what it left; a change behind its back must still be seen.
    sync(tmp_path, {"a.md": b"one"})
    assert sync(tmp_path, {"a.md": b"one"}).written == ()
    (tmp_path / "a.md").write_bytes(b"two")
    os.utime(tmp_path / "a.md", ns=(1, 1))
    assert sync(tmp_path, {"a.md": b"one"}).written == ("a.md",)
    assert (tmp_path / "a.md").read_bytes() == b"one"
    (tmp_path / "a.md").unlink()
    assert sync(tmp_path, {"a.md": b"one"}).written == ("a.md",)
