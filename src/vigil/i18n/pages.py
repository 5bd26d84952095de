"""Hand-written pages in other languages: the suffix convention.

`content/index.md` is written in the course's source language; `content/index.zh-Hans.md`
is its translation (likewise `content/trainers/lms.zh-Hans.md`). A suffixed file is never a
page of its own: in a language's site it takes the place of its source page, and a page
without a translation keeps the source, marked with the source language and preceded by a
short notice in the site's language. The engine applies the `PagePlan`; nothing here knows
MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from vigil.i18n import N_
from vigil.i18n.catalog import catalog_languages
from vigil.problems import Problem, Severity

PAGE_SUFFIX = ".md"
DEFAULT_DOCS = "docs"
# Translators: Shown above a page of the course that is not translated yet; the page
# follows in its original language.
NOTICE = N_("This page is not translated yet; it is shown in its original language.")


def split(uri: str, languages: Iterable[str]) -> tuple[str, str | None]:
    """A page's source uri and the language its suffix names (None: a source page)."""
    if not uri.endswith(PAGE_SUFFIX):
        return uri, None
    stem = uri[: -len(PAGE_SUFFIX)]
    for language in languages:
        if stem.endswith(f".{language}"):
            return stem[: -len(language) - 1] + PAGE_SUFFIX, language
    return uri, None


def translated_uri(uri: str, language: str) -> str:
    """Where the translation of a source page is written."""
    return uri[: -len(PAGE_SUFFIX)] + f".{language}{PAGE_SUFFIX}"


@dataclass(frozen=True)
class PagePlan:
    """What a site in one language does with the pages of the docs folder."""

    # Translations, which are never pages of their own.
    hidden: frozenset[str] = frozenset()
    # Source page → the file to read in its place.
    replaced: dict[str, str] = field(default_factory=dict)
    # Source pages shown in the source language, with the notice.
    fallback: frozenset[str] = frozenset()


def plan(uris: Iterable[str], language: str, languages: tuple[str, ...]) -> PagePlan:
    """The plan for a site in `language` from the docs folder's files (uris, `/`-separated).
    A translation into a language Vigil has a catalog for stays hidden even when the
    course does not list that language (yet, or any more)."""
    others = languages[1:]
    pages = [u for u in uris if u.endswith(PAGE_SUFFIX)]
    suffixes = {*others, *catalog_languages()}
    hidden = {u for u in pages if split(u, suffixes)[1] is not None}
    if language == languages[0] or language not in others:
        return PagePlan(frozenset(hidden))
    present = set(pages)
    replaced: dict[str, str] = {}
    fallback: set[str] = set()
    for uri in sorted(set(pages) - hidden):
        translation = translated_uri(uri, language)
        if translation in present:
            replaced[uri] = translation
        else:
            fallback.add(uri)
    return PagePlan(frozenset(hidden), replaced, frozenset(fallback))


def fallback_html(html: str, notice: str, source_language: str) -> str:
    """A page's HTML shown untranslated: the notice (in the site's language), then the
    page marked as written in the source language."""
    return str(
        Markup('<p class="vigil-untranslated-notice">{}</p>\n<div lang="{}" class="{}">\n').format(
            notice, source_language, "vigil-untranslated"
        )
        + Markup(html)  # noqa: S704  (the page as MkDocs made it from the author's Markdown)
        + Markup("\n</div>")
    )


def docs_folder(project: Path, config: Any) -> Path:
    """The folder of hand-written pages, as mkdocs.yml names it."""
    name = config.get("docs_dir") if isinstance(config, dict) else None
    return project / (name if isinstance(name, str) and name else DEFAULT_DOCS)


def page_files(folder: Path) -> list[str]:
    """The Markdown files under the docs folder, as `/`-separated uris."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(f"*{PAGE_SUFFIX}"))


def page_problems(folder: Path, shown: str, languages: tuple[str, ...]) -> list[Problem]:
    """translation-missing for each source page a language lacks (at the source page) and
    translation-orphan for a translation of no page (`shown`: the folder as displayed)."""
    uris = page_files(folder)
    present = set(uris)
    problems: list[Problem] = []
    for uri in uris:
        source, language = split(uri, languages[1:])
        if language is not None and source not in present:
            message = f"{uri} translates {source} into {language}, but there is no {source}"
            problems.append(_warning(f"{shown}/{uri}", "translation-orphan", message))
        if language is not None:
            continue
        for other in languages[1:]:
            if translated_uri(uri, other) not in present:
                message = (
                    f"no {other} translation of this page ({translated_uri(uri, other)}); "
                    f"the {other} site shows it in {languages[0]}"
                )
                problems.append(_warning(f"{shown}/{uri}", "translation-missing", message))
    return problems


def _warning(path: str, code: str, message: str) -> Problem:
    return Problem(path, 1, 1, code, message, Severity.WARNING)
