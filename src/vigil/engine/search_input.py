"""What Material's search plugin is given to read: a page without the parts it would skip.

The search plugin parses every page with Python's HTMLParser, the largest single cost of a
build. It leaves out of the index every element marked `data-search-exclude` (on
scenario pages: each question's feedback, about half of the page), yet still parses it.
Cutting those elements out first, with a scan that only looks at tags of the same name,
gives the same index for a fraction of the parsing.
"""

from __future__ import annotations

import re
from functools import lru_cache

# An element the search plugin skips, by its opening tag. Void elements (<input>, <img>…)
# are not skipped by the plugin, so they stay.
_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?\sdata-search-exclude\b[^>]*>")
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip


@lru_cache(maxsize=32)
def _same_name(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*>", re.IGNORECASE)


def _end(html: str, tag: str, start: int) -> int | None:
    """Where the element whose opening tag ends at `start` closes, or None if it never does."""
    depth = 1
    for match in _same_name(tag).finditer(html, start):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.end()
        elif not match.group(0).endswith("/>"):
            depth += 1
    return None


def without_excluded(html: str) -> str:
    """`html` without the elements the search index leaves out (and what they hold)."""
    if "data-search-exclude" not in html:
        return html
    parts: list[str] = []
    kept_from = 0
    for match in _EXCLUDED.finditer(html):
        if match.start() < kept_from:
            continue  # inside an element already cut
        tag = match.group(1).lower()
        if tag in _VOID:
            continue
        end = _end(html, tag, match.end())
        if end is None:
            break  # unbalanced: let the plugin read the rest as it is
        parts.append(html[kept_from : match.start()])
        kept_from = end
    parts.append(html[kept_from:])
    return "".join(parts)
