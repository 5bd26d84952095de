"""The text report quotes each problem's source line with a caret under its column."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from vigil.check.project import check_project
from vigil.check.report import WINDOW, format_report, quote
from vigil.format.loader import load_text
from vigil.problems import Problem, format_problems


def report(tmp_path: Path, text: str | bytes, line: int, col: int) -> list[str]:
    path = tmp_path / "s.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    problem = Problem("s.yaml", line, col, "code", "message")
    return format_report([problem], "text", tmp_path).splitlines()


def test_the_quote_looks_like_rustc(tmp_path: Path) -> None:
    text = "id: x\n" * 11 + "    by: fna\n"
    assert report(tmp_path, text, 12, 9) == [
        "s.yaml:12:9: error[code]: message",
        "   |",
        "12 |     by: fna",
        "   |         ^",
    ]


def test_tabs_are_expanded_so_the_caret_lines_up() -> None:
    assert quote("\tby:\tfna", 3, 6) == ["  |", "3 |     by:    fna", "  |            ^"]


def test_control_and_invisible_characters_are_escaped() -> None:
    lines = quote("a: \x1b[31mred\u202e\x07", 1, 4)
    assert lines[1] == "1 | a: \\x1b[31mred\\u202e\\x07"
    assert lines[2] == "  |    ^"
    assert all(c == "\n" or c.isprintable() for c in "\n".join(lines))


def test_wide_characters_take_two_columns() -> None:
    assert quote("title: 日本語 x", 1, 12) == ["  |", "1 | title: 日本語 x", "  |               ^"]


def test_a_huge_line_is_cut_to_a_window_around_the_column() -> None:
    line = "a" * 500_000 + "X" + "b" * 500_000
    _, shown, caret = quote(line, 1, 500_001)
    assert len(shown) <= len("1 | ") + WINDOW + 2
    assert shown.startswith("1 | …a")
    assert shown.endswith("b…")
    assert shown[caret.index("^")] == "X"


def test_the_window_near_either_end_uses_the_room_left() -> None:
    line = "x" * 300
    _, start, caret = quote(line, 1, 1)
    assert start == "1 | " + "x" * WINDOW + "…"
    assert caret == "  | ^"
    _, end, caret = quote(line, 1, 301)  # just past the end, as a missing value points
    assert end == "1 | …" + "x" * WINDOW
    assert caret.index("^") == len(end)


def test_missing_files_and_lines_print_no_quote(tmp_path: Path) -> None:
    problems = [Problem("gone.yaml", 1, 1, "c", "m"), Problem("s.yaml", 9, 1, "c", "m")]
    (tmp_path / "s.yaml").write_text("id: x\n", encoding="utf-8")
    assert format_report(problems, "text", tmp_path) == "\n".join(p.text() for p in problems)


def test_a_pipe_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "s.yaml")
    done: list[str] = []
    worker = threading.Thread(
        target=lambda: done.append(
            format_report([Problem("s.yaml", 1, 1, "c", "m")], "text", tmp_path)
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=5)
    assert done == ["s.yaml:1:1: error[c]: m"]


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_json_and_github_are_unchanged(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "s.yaml").write_text("id: x\n", encoding="utf-8")
    problems = [Problem("s.yaml", 1, 5, "c", "m")]
    assert format_report(problems, fmt, tmp_path) == format_problems(problems, fmt)
    if fmt == "json":
        assert json.loads(format_report(problems, fmt, tmp_path))[0]["col"] == 5


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: T\r\nid: [oops\r\n", 3),
        ("title: T\rid: [oops\r", 3),
        ("title: 'a\u2028b'\nid: [oops\n", 4),  # YAML counts LS, PS and NEL as breaks
        ("title: 'a\x85b'\nid: [oops\n", 4),
        ("\ufefftitle: T\nid: [oops\n", 3),
    ],
)
def test_the_quoted_line_is_the_line_yaml_numbered(tmp_path: Path, text: str, line: int) -> None:
    _, problems = load_text(text.lstrip("\ufeff"), "s.yaml")
    (tmp_path / "s.yaml").write_bytes(text.encode("utf-8"))
    lines = format_report(problems, "text", tmp_path).splitlines()
    assert lines[0].startswith(f"s.yaml:{line}:")
    assert len(lines) == 4
    if lines[2] != f"{line} |":  # the line after `id: [oops`: where the sequence should close
        assert lines[2].startswith(f"{line} | id: [oops")


def test_a_refused_control_character_is_found_and_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_bytes("id: x\ntitle: \u00e9t\u00e9 \x1b[2J\n".encode())
    result = check_project(tmp_path, [tmp_path / "s.yaml"])
    assert [(p.line, p.col, p.code) for p in result.problems] == [(2, 12, "yaml-syntax")]
    assert "\n" not in result.problems[0].message
    lines = format_report(result.problems, "text", tmp_path).splitlines()
    assert lines[2:] == ["2 | title: \u00e9t\u00e9 \\x1b[2J", "  |            ^"]


def test_files_outside_the_project_are_quoted_as_given(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("id: x\n", encoding="utf-8")
    path = str(tmp_path / "elsewhere.yaml")
    text = format_report([Problem(path, 1, 5, "c", "m")], "text", tmp_path / "project")
    assert text.splitlines()[2:] == ["1 | id: x", "  |     ^"]


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    text = "title: T\nid: \u00e9\u00e9\u00e9: x\n"
    _, problems = load_text(text, "s.yaml")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    lines = format_report(problems, "text", tmp_path).splitlines()
    assert lines[0].startswith("s.yaml:2:8: error[yaml-syntax]")
    assert lines[2:] == ["2 | id: \u00e9\u00e9\u00e9: x", "  |        ^"]
