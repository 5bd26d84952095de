"""`{{ vigil.option }}` in hand-written pages, filled from the course options at build time.

So a course sets its reporting contact once, in mkdocs.yml, and every page that names it
follows. Only a short allow-list of options is exposed; anything else is left as written
and reported.

A value is text, never markup: it is inserted into Markdown, so every character that HTML
or Markdown (or one of its extensions: attribute lists, emphasis, links, entities) could
read as syntax becomes a numeric character reference, and runs of white space become one
space so that a value cannot start a block of its own. The page shows the value as typed.
"""

from __future__ import annotations

import re

from vigil.course import CourseOptions

PLACEHOLDER = re.compile(r"\{\{\s*vigil\.([a-z_]+)\s*\}\}")
EXPOSED = ("id", "reporting_contact", "pass_mark")
# Letters, digits, commas and non-ASCII text stay as they are; any other ASCII punctuation
# could be syntax somewhere (<, &, *, _, [, `, {, :, #, |, ~, \ ...), so it is escaped.
SYNTAX = re.compile(r"[!-+\--/:-@\[-`{-~]")
SPACES = re.compile(r"\s+")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def escape(value: str) -> str:
    """`value` as literal text inside Markdown and HTML."""
    text = SPACES.sub(" ", CONTROLS.sub("", value))
    return SYNTAX.sub(lambda match: f"&#{ord(match.group(0))};", text)


def fill(markdown: str, options: CourseOptions) -> tuple[str, list[str]]:
    """The filled text and the names of placeholders that are not exposed options."""
    unknown: list[str] = []

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in EXPOSED:
            unknown.append(name)
            return match.group(0)
        return escape(str(getattr(options, name)))

    return PLACEHOLDER.sub(value, markdown), unknown
