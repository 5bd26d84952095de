"""Languages: every user-facing string in a gettext catalog, read through Babel."""

from collections.abc import Callable
from typing import TypeAlias

Gettext: TypeAlias = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802  (the gettext convention extraction looks for)
    """Mark a string for the catalog where it is defined; it is translated where it is shown."""
    return message
