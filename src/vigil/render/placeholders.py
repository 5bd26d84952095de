"""`{{ vigil.option }}` in hand-written pages, filled from the course options at build time.

So a course sets its reporting contact once, in mkdocs.yml, and every page that names it
follows. Only a short allow-list of options is exposed; anything else is left as written
and reported.
"""

from __future__ import annotations

import re

from vigil.course import CourseOptions

PLACEHOLDER = re.compile(r"\{\{\s*vigil\.([a-z_]+)\s*\}\}")
EXPOSED = ("id", "reporting_contact", "pass_mark")


def fill(markdown: str, options: CourseOptions) -> tuple[str, list[str]]:
    """The filled text and the names of placeholders that are not exposed options."""
    unknown: list[str] = []

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in EXPOSED:
            unknown.append(name)
            return match.group(0)
        return str(getattr(options, name))

    return PLACEHOLDER.sub(value, markdown), unknown
