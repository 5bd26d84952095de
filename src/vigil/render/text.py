"""Small text helpers of the pages: excerpts, avatars, leak highlights, titles, page data."""

from __future__ import annotations

import hashlib
import json
import re

from markupsafe import Markup, escape

from vigil.course import Course
from vigil.format.scenario import Comment, Scenario
from vigil.format.taxonomy import Term
from vigil.i18n import N_, Gettext, Untranslated

AVATAR_COLOURS = 8
EXCERPT_LENGTH = 70


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The start of a comment on one line, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


# Translators: A comment as an answer to choose: its author's name and its opening words.
COMMENT_LABEL = N_("{name}: “{excerpt}”")


def comment_label(scenario: Scenario, comment: Comment, gettext: Gettext) -> str:
    """A comment as a choice: its author and its opening words."""
    label = gettext(COMMENT_LABEL)
    return _fill(label, name=scenario.personas[comment.by].name, excerpt=excerpt(comment.text))


def _fill(template: str, **values: str) -> str:
    """Put values into a translated template's {slots}, in one pass, so a value that itself
    holds a {slot} (untrusted text) is never filled in turn."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), template)


def initials(name: str) -> str:
    """Avatar letters: the first letter of the first two words, or the first two letters."""
    words: list[str] = re.findall(r"[^\W_]+", name)
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[1][0]).upper()


def avatar_colour(name: str) -> int:
    """One of the palette's avatar colours, the same for a name on every build."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % AVATAR_COLOURS


def leak_segments(course: Course, comment: Comment) -> list[tuple[str, Term | None]]:
    """Split comment text into plain runs and leaked runs (first, non-overlapping matches)."""
    spans = []
    for leak in comment.leaks:
        start = comment.text.find(leak.text)
        if start >= 0:
            spans.append((start, start + len(leak.text), course.taxonomy.category(leak.category)))
    segments: list[tuple[str, Term | None]] = []
    cursor = 0
    for start, end, category in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor:
            continue
        segments += [
            (_cut(comment.text, cursor, start), None),
            (_cut(comment.text, start, end), category),
        ]
        cursor = end
    segments.append((_cut(comment.text, cursor, len(comment.text)), None))
    return [(text, category) for text, category in segments if text]


def _cut(text: str, start: int, end: int) -> str:
    """Part of a text, still marked when the text is untranslated (see `Untranslated`)."""
    part = text[start:end]
    return Untranslated(part, text.lang) if isinstance(text, Untranslated) else part


_ANGLE_QUOTES = str.maketrans({"<": "\u2039", ">": "\u203a"})


def display_title(title: str) -> str:
    """A title for places the theme prints unescaped (MkDocs does: nav, <title>, header).

    Material's <title> even un-escapes it (striptags), so angle brackets become angle
    quotation marks outright and only the rest is HTML-escaped.
    """
    return str(escape(title.translate(_ANGLE_QUOTES)))


def data_element(data: object) -> Markup:
    """The page's data (answer key, course structure) as JSON inside an inert <template>.

    Not a <script type="application/json">: Material's instant navigation re-creates
    inline scripts without their type, which would run the JSON as code. Markup-significant
    characters are \\u-escaped, so nothing in the data can close the element or form a tag.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<template class="vigil-data" data-search-exclude>{text}</template>')  # noqa: S704


def script_json(data: object) -> str:
    """JSON as a JavaScript literal, in plain ASCII so any server's charset reads it right
    (and U+2028/U+2029 are escaped). An external script needs no markup escaping."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))
