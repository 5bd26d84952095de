"""Problems are values: every stage yields them instead of raising, the CLI prints them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


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
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def github(self) -> str:
        message = _escape_data(self.message)
        path = _escape_data(self.path).replace(":", "%3A").replace(",", "%2C")
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
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in ordered)
    return "\n".join(p.text() for p in ordered)
