from __future__ import annotations

from vigil.engine.theme_fixes import label_search_dialog

PAGE = (
    '<div class="md-search" data-md-component="search" role="dialog">'
    '<input type="text" class="md-search__input" name="query" aria-label="Rechercher">'
)


def test_search_dialog_is_named_after_its_field() -> None:
    fixed = label_search_dialog(PAGE)
    assert 'role="dialog" aria-label="Rechercher"' in fixed


def test_pages_without_search_are_untouched() -> None:
    assert label_search_dialog("<p>plain</p>") == "<p>plain</p>"
