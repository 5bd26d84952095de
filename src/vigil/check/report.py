"""Problems for people: each one with its source line quoted and a caret under the column.

    scenarios/gyro.yaml:12:9: error[unknown-persona]: no persona 'fna' in personas
       |
    12 |     by: fna
       |         ^

The first line is exactly `Problem.text()`, so editors and scripts that match it keep
working. The quote is shown as the terminal will draw it: tabs expanded, control and
invisible formatting characters escaped, wide characters counted twice, and a long line
cut to a window around the column.
"""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path

from vigil.format.loader import LINE_BREAKS, MAX_BYTES
from vigil.problems import Problem, format_problems

WINDOW = 100  # display columns of a quoted line at most
TAB = 4


def format_report(problems: list[Problem], fmt: str, root: Path | None = None) -> str:
    """`format_problems`, with each problem's source line quoted in the text format."""
    if fmt != "text" or root is None:
        return format_problems(problems, fmt)
    sources = Sources(root)
    out: list[str] = []
    for problem in sorted(problems):
        out.append(problem.text())
        out.extend(quote(sources.line(problem.path, problem.line), problem.line, problem.col))
    return "\n".join(out)


class Sources:
    """Source lines by file, each file read at most once and never past the size limit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, list[str] | None] = {}

    def line(self, path: str, number: int) -> str | None:
        if path not in self.files:
            self.files[path] = self._read(path)
        lines = self.files[path]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def _read(self, path: str) -> list[str] | None:
        for candidate in (self.root / path, Path(path)):
            try:
                if not stat.S_ISREG(candidate.stat().st_mode):  # never a pipe or a device
                    continue
                with candidate.open("rb") as stream:
                    raw = stream.read(MAX_BYTES)
            except (OSError, ValueError):
                continue
            text = raw.decode("utf-8-sig", errors="replace")
            return LINE_BREAKS.split(text)
        return None


def _shown(char: str) -> str:
    """How one character of a quoted line is printed."""
    if char == "\t":
        return " " * TAB
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return char


def _width(text: str) -> int:
    """Terminal columns `text` takes: wide characters two, combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _window(widths: list[int], at: int) -> tuple[int, int]:
    """Which characters to show: a third of the room before the caret, the rest after."""
    if sum(widths) <= WINDOW:
        return 0, len(widths)
    start, used = at, 0
    while start > 0 and used + widths[start - 1] <= WINDOW // 3:
        start -= 1
        used += widths[start]
    end = at
    while end < len(widths) and used + widths[end] <= WINDOW:
        used += widths[end]
        end += 1
    while start > 0 and used + widths[start - 1] <= WINDOW:  # near the end: use the room left
        start -= 1
        used += widths[start]
    return start, end


def quote(line: str | None, number: int, col: int) -> list[str]:
    """The gutter, the line (or a window of it) and a caret under column `col`."""
    if line is None:
        return []
    at = max(0, min(col - 1, len(line)))
    # Every shown character takes a column or more, so this slice holds any window.
    low, high = max(0, at - WINDOW), min(len(line), at + WINDOW + 1)
    shown = [_shown(c) for c in line[low:high]]
    widths = [_width(s) for s in shown]
    start, end = _window(widths, at - low)
    before = "…" if low + start > 0 else ""
    after = "…" if low + end < len(line) else ""
    text = before + "".join(shown[start:end]) + after
    offset = _width(before) + sum(widths[start : at - low])
    gutter = " " * len(str(number))
    return [f"{gutter} |", f"{number} | {text}".rstrip(), f"{gutter} | {' ' * offset}^"]
