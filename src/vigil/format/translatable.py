"""The mark of a translatable field: text a course's translation replaces.

A field typed `Text` or `Markdown` (format/fields.py) carries `TRANSLATABLE` in its
`Annotated` metadata, as do the names and descriptions of a course's own terms; ids,
answers, counts, timecodes and URLs do not. `vigil i18n` finds what to translate from the
models alone, so a new question kind's text is translated with no edit elsewhere.
"""

from __future__ import annotations

from typing import Any


class _Translatable:
    """A marker object: pydantic keeps unknown `Annotated` metadata and ignores it."""

    def __repr__(self) -> str:
        return "TRANSLATABLE"


TRANSLATABLE = _Translatable()


def marked(metadata: Any) -> bool:
    """Whether a type's `Annotated` metadata (or a field's) holds the mark."""
    return any(item is TRANSLATABLE for item in metadata)
