"""Small accessibility repairs to the theme's HTML, applied to every built page.

Material's search overlay is a `role="dialog"` without an accessible name (axe rule
aria-dialog-name). It is named after the search field's own, already translated, label.
The language switcher's links get the language they are written in.
"""

from __future__ import annotations

import re

_DIALOG = 'data-md-component="search" role="dialog"'
_FIELD_LABEL = re.compile(r'class="md-search__input"[^>]*?aria-label="([^"]*)"')


def label_search_dialog(html: str) -> str:
    found = _FIELD_LABEL.search(html)
    if _DIALOG not in html or found is None:
        return html
    return html.replace(_DIALOG, f'{_DIALOG} aria-label="{found.group(1)}"', 1)


# Material's language switcher writes each language's link as
# `<a href="..." hreflang="TAG" class="md-select__link">`.
_LANGUAGE_LINK = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">')


def label_language_links(html: str, language: str) -> str:
    """The switcher's links name each language in that language: say so (`lang`), so a
    screen reader reads 中文 as Chinese, and mark the page's own language as current."""

    def label(found: re.Match[str]) -> str:
        href, tag = found.group(1), found.group(2)
        current = ' aria-current="true"' if tag == language else ""
        return f'<a href="{href}" hreflang="{tag}" lang="{tag}"{current} class="md-select__link">'

    return _LANGUAGE_LINK.sub(label, html) if "md-select__link" in html else html
