"""The pseudo-locale `qps-ploc`: every catalog string, visibly transformed.

For translators and developers: a page built with `vigil build --language qps-ploc` shows
at a glance which text comes through the catalog (⟦Ŕéðķý⟧) and which is still hard-coded
English. ASCII letters become accented look-alikes and the whole is wrapped in ⟦ ⟧; what a
program reads is left alone, so the page still works: `{placeholders}` the quiz engine
fills, `%(name)s` placeholders Jinja fills, markup and character references.
"""

from __future__ import annotations

import re

OPEN = "⟦"
CLOSE = "⟧"

_LOOKALIKES = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "ÅƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽåƀçðéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýž",
)
# Kept as they are: engine placeholders, printf-style placeholders (and %%), tags, entities.
_KEEP = re.compile(r"\{\w+\}|%\(\w+\)[sd]|%[%sd]|<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


def pseudo(message: str) -> str:
    """The message as the pseudo-locale shows it."""
    out: list[str] = []
    cursor = 0
    for kept in _KEEP.finditer(message):
        out += [message[cursor : kept.start()].translate(_LOOKALIKES), kept.group()]
        cursor = kept.end()
    out.append(message[cursor:].translate(_LOOKALIKES))
    return OPEN + "".join(out) + CLOSE


def strip_pseudo(text: str) -> str:
    """The text without its pseudo-translated runs (nested ones too): what is left is text
    that did not come through the catalog."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return "".join(out)
