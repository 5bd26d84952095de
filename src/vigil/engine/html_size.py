"""Built pages without the theme's indentation: the same page in a sixth less HTML.

Material's templates indent deeply, and the nav repeats that indentation for every entry,
so a scenario page in a course of a hundred scenarios passed the 60 KB page budget. Leading
whitespace and blank lines between tags are only collapsible whitespace, so dropping them
changes no rendering; preformatted, script and style blocks are kept byte for byte.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)


def _squeeze(text: str) -> str:
    """Lines without indentation; whitespace at either end shrinks to one newline."""
    inner = "\n".join(stripped for line in text.split("\n") if (stripped := line.strip()))
    head = "\n" if text[:1].isspace() else ""
    tail = "\n" if text[-1:].isspace() and inner else ""
    return head + inner + tail


def drop_indentation(html: str) -> str:
    # split() with two groups yields [text, block, tag name, text, block, tag name, ..., text].
    parts = _VERBATIM.split(html)
    out = []
    for n in range(0, len(parts), 3):
        out.append(_squeeze(parts[n]))
        if n + 1 < len(parts):
            out.append(parts[n + 1])
    return "".join(out)
