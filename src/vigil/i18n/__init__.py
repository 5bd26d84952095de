"""Languages: every user-facing string in a gettext catalog, read through Babel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

Gettext: TypeAlias = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802  (the gettext convention extraction looks for)
    """Mark a string for the catalog where it is defined; it is translated where it is shown."""
    return message


class Untranslated(str):
    """Source text shown in place of a missing translation: the page marks its element with
    the source language and the class `vigil-untranslated` (render/environment.py)."""

    lang: str

    def __new__(cls, text: str, lang: str = "en") -> Untranslated:
        made = super().__new__(cls, text)
        made.lang = lang
        return made
