"""The value types of the format: ids, text, Markdown and counts, shared by every part."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, Strict

from vigil.format.taxonomy import SLUG, builtin
from vigil.format.translatable import TRANSLATABLE

# The error types of text that holds a control character, or nothing a reader can see.
CONTROL_ERROR = "text_control"
INVISIBLE_ERROR = "text_invisible"


# Unicode's control characters (category Cc) but newline and tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> int | None:
    """The index of the first control character other than newline and tab, or None."""
    found = _CONTROL.search(text)
    return None if found is None else found.start()


_ASCII_VISIBLE = re.compile(r"[!-~]")


def visible(text: str) -> bool:
    """Whether a reader sees something: not only spaces, zero-width, joiner, BOM or bidi marks
    (a printable ASCII character settles it at once; only other text is looked at closely)."""
    if _ASCII_VISIBLE.search(text):
        return True
    return any(
        not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
        for char in text
    )


def text_problem(text: str) -> str | None:
    """The error type of text a page must not show (see `SHOWN_TEXT`), or None."""
    if control_character(text) is not None:
        return CONTROL_ERROR
    if not visible(text):
        return INVISIBLE_ERROR
    return None


# Text goes into pages, titles and messages: no control characters (newline and tab
# aside), and something visible (not only spaces, zero-width spaces, joiners or bidi
# marks). One pattern, matched by pydantic-core's own regex engine: a validator in Python
# for every text of a course cost a tenth of `vigil check`. `text_problem` says which rule
# a text broke, for the message. Editors get the plain "not only spaces" from the schema.
SHOWN_TEXT = (
    r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
)


def _shown(description: str | None = None) -> Any:
    return Field(
        min_length=1,
        pattern=SHOWN_TEXT,
        description=description,
        json_schema_extra={"pattern": r"\S"},
    )


Id = Annotated[str, Field(pattern=SLUG, max_length=64)]
# Counts must be written as numbers (YAML's `yes` is not 1), and booleans as true or false
# (not 'true', 1 or 'no').
# Text and Markdown are what a translation replaces (`TRANSLATABLE`); Verbatim is text of
# the same shape written once for every language (timecodes, URLs, patterns).
Verbatim = Annotated[str, _shown()]
Text = Annotated[Verbatim, TRANSLATABLE]
Markdown = Annotated[str, _shown("Markdown; sanitised when rendered."), TRANSLATABLE]
Count = Annotated[int, Strict(), Field(ge=0)]
Bool = Annotated[bool, Strict()]


def _term_id(description: str, examples: list[JsonValue]) -> Any:
    """An id from the taxonomy; listed as examples so editors can complete them."""
    return Field(pattern=SLUG, description=description, json_schema_extra={"examples": examples})


TacticId = Annotated[
    str,
    _term_id(
        "A tactic id: a built-in one or one the course adds in mkdocs.yml.",
        [t.id for t in builtin().tactics],
    ),
]
CategoryId = Annotated[
    str,
    _term_id(
        "A disclosure category id: built-in or added by the course.",
        [c.id for c in builtin().categories],
    ),
]


class FormatModel(BaseModel):
    """Unknown keys are errors (with a suggestion); parsed objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
