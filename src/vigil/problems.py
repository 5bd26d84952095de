"""Problems are values: every stage yields them instead of raising, the CLI prints them."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

QUOTE_LIMIT = 40  # characters of a user's value a message quotes at most
# Characters a terminal or a CI log would act on rather than show: controls (escape codes,
# newlines that forge lines), formatting and bidi marks, and Unicode's line separators.
_UNSHOWN = ("Cc", "Cf", "Zl", "Zp")


def quoted(value: object) -> str:
    """A user's value quoted in a message: cut so a long one is never echoed whole, with
    control and invisible characters written as escapes (`'A\\x00B'`)."""
    text = str(value)
    return repr(text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT] + "…")


def escaped(text: str) -> str:
    """Text printed as one line: every control, formatting or line-separating character is
    written as an escape, so no message can move the cursor, recolour or forge a line."""
    if all(char.isprintable() for char in text):  # the common case, fast
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if unicodedata.category(char) not in _UNSHOWN:
        return char
    code = ord(char)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """One line, whatever the path and message hold (see `escaped`)."""
        path, message = escaped(self.path), escaped(self.message)
        return f"{path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {message}"

    def github(self) -> str:
        message = _escape_data(escaped(self.message))
        path = _escape_data(escaped(self.path)).replace(":", "%3A").replace(",", "%2C")
        return (
            f"::{self.severity} file={path},line={self.line},col={self.col},"
            f"title={self.code}::{message}"
        )


def _escape_data(text: str) -> str:
    """GitHub workflow commands must not carry raw newlines or percent signs."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """Warnings count as failures only under --strict."""
    return any(p.is_error or strict for p in problems)


def format_problems(problems: list[Problem], fmt: str) -> str:
    ordered = sorted(problems)
    if fmt == "json":  # ASCII only: every control or invisible character is a \u escape
        return json.dumps([asdict(p) for p in ordered], indent=2, ensure_ascii=True)
    if fmt == "github":
        return "\n".join(p.github() for p in ordered)
    return "\n".join(p.text() for p in ordered)
