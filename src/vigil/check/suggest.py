"""'Did you mean' for ids and keys: the nearest known word, if one is close."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

MAX_WORD = 100


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A '; did you mean ...?' tail, or nothing when no candidate is close (or the word
    is too long to be a slip of the keyboard: comparing it would only cost time)."""
    if len(word) > MAX_WORD:
        return ""
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
