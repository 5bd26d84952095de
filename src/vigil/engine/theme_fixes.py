"""Small accessibility repairs to the theme's HTML, applied to every built page.

Material's search overlay is a `role="dialog"` without an accessible name (axe rule
aria-dialog-name). It is named after the search field's own, already translated, label.
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
