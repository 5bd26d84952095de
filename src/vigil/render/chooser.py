"""The page at the top of a course built in several languages: it sends the browser to
the reader's language, and lists every language as a plain link (for readers without
script, and for anyone who wants another)."""

from __future__ import annotations

from collections.abc import Sequence

from vigil.i18n.catalog import translator
from vigil.i18n.languages import language_name
from vigil.render.environment import render


def language_chooser(title: str, languages: Sequence[str]) -> str:
    """The root page of `build/` over `build/<language>/index.html`, in the source language
    (the first); each language's link is named in that language."""
    return render(
        "languages.html.j2",
        translator(languages[0]),
        title=title,
        source=languages[0],
        languages=[{"tag": tag, "name": language_name(tag)} for tag in languages],
    )
