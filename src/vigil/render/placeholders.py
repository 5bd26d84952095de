"""`{{ vigil.option }}` in hand-written pages, filled from the course options at build time.

So a course sets its reporting contact (who, how, what a report includes) once, in
mkdocs.yml, and every page that names it follows. Only a short allow-list of options is
exposed; anything else is left as written and reported.

A value is text, never markup: it is inserted into Markdown, so every character that HTML
or Markdown (or one of its extensions: attribute lists, emphasis, links, entities) could
read as syntax becomes a numeric character reference, and runs of white space become one
space so that a value cannot start a block of its own. The page shows the value as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vigil.course import CourseOptions

PLACEHOLDER = re.compile(r"\{\{\s*vigil\.([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
# A placeholder alone on its line, whose value may be a list: it becomes a Markdown list.
BLOCK = re.compile(r"^([ \t]*)\{\{\s*vigil\.([a-z_]+(?:\.[a-z_]+)?)\s*\}\}[ \t]*$", re.M)
# The options a page may name, and how each is read. `reporting_contact` is the older name
# of `reporting.who`, kept so pages written for it still read right.
EXPOSED: dict[str, Callable[[CourseOptions], str | tuple[str, ...]]] = {
    "id": lambda o: o.id,
    "pass_mark": lambda o: str(o.pass_mark),
    "reporting_contact": lambda o: o.contact,
    "reporting.who": lambda o: o.contact,
    "reporting.how": lambda o: o.reporting.how or "",
    "reporting.include": lambda o: o.reporting.include,
}
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
    """The filled text and the names of placeholders that are not exposed options. A list
    (what a report includes) is a bulleted list where its placeholder has a line of its
    own, and is joined with commas inside a sentence."""
    unknown: list[str] = []

    def block(match: re.Match[str]) -> str:
        found = EXPOSED.get(match.group(2))
        items = found(options) if found else None
        if not isinstance(items, tuple):
            return match.group(0)  # a single value: filled inline below
        return "\n".join(f"{match.group(1)}- {escape(item)}" for item in items)

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = EXPOSED.get(name)
        if found is None:
            unknown.append(name)
            return match.group(0)
        got = found(options)
        return escape(got if isinstance(got, str) else ", ".join(got))

    return PLACEHOLDER.sub(value, BLOCK.sub(block, markdown)), unknown
