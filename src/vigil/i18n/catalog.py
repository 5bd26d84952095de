"""Translations by language, read from the gettext catalog with Babel; the one language list.

The source strings are English, so English needs no catalog. Another language is a
translated `locale/<language>/LC_MESSAGES/vigil.po` (e.g. `locale/zh_Hans/...` for
`zh-Hans`): it is read with Babel, compiled in memory and used through
`gettext.GNUTranslations`, with the English source for any message it lacks (a course
language with no catalog at all shows the English source throughout). The pseudo-locale is
compiled the same way from the template `locale/vigil.pot`.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from vigil.i18n.pseudo import pseudo

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

DOMAIN = "vigil"
SOURCE_LANGUAGE = "en"
PSEUDO_LANGUAGE = "qps-ploc"
LOCALE_DIR = Path(__file__).with_name("locale")
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


class UnknownLanguageError(LookupError):
    """A language Vigil has no catalog for."""

    def __init__(self, language: str) -> None:
        self.language = language
        super().__init__(f"unknown language {language!r}; available: {', '.join(languages())}")


def catalog_path(language: str, locale_dir: Path | None = None) -> Path:
    """Where a language's catalog lives: its tag with `_` for `-`, as gettext names folders."""
    folder = LOCALE_DIR if locale_dir is None else locale_dir
    return folder / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages(locale_dir: Path | None = None) -> list[str]:
    """The languages with a translated catalog, as tags (`zh-Hans`)."""
    locale_dir = LOCALE_DIR if locale_dir is None else locale_dir
    if not locale_dir.is_dir():
        return []
    found = (p.name.replace("_", "-") for p in locale_dir.iterdir() if p.is_dir())
    return sorted(tag for tag in found if catalog_path(tag, locale_dir).is_file())


def languages() -> tuple[str, ...]:
    """Every language a course can be built in: the source, the translated, the pseudo."""
    return (SOURCE_LANGUAGE, *catalog_languages(), PSEUDO_LANGUAGE)


@dataclass(frozen=True, eq=False)
class Translator:
    """One language: its messages (gettext), plural rules and number format."""

    language: str
    locale: Locale
    messages: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.messages.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.messages.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.messages.npgettext(context, singular, plural, n)

    def number(self, n: int) -> str:
        """A whole number as the language writes it (1,234 in English)."""
        return _number(n, self.locale)


@lru_cache(maxsize=65536)  # counts repeat on every page of a course; Babel is slow at them
def _number(n: int, locale: Locale) -> str:
    return format_decimal(n, locale=locale)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """A Babel catalog compiled in memory (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo  # only languages with a catalog need it

    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def read_catalog(path: Path, locale: Locale) -> gettext.GNUTranslations:
    """A translated .po file, ready to use."""
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        catalog = read_po(stream, locale=locale, domain=DOMAIN)
    return compile_catalog(catalog)


def pseudo_catalog(template: Path | None = None) -> gettext.GNUTranslations:
    """The pseudo-locale: every message of the template, transformed (English plurals)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    with (TEMPLATE if template is None else template).open("rb") as stream:
        source = read_po(stream, domain=DOMAIN)
    catalog = Catalog(locale="en", domain=DOMAIN, fuzzy=False)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, str):
            string: str | tuple[str, ...] = pseudo(message.id)
        else:
            string = tuple(pseudo(form) for form in message.id)
        catalog.add(message.id, string, context=message.context)
    return compile_catalog(catalog)


@cache
def translator(language: str) -> Translator:
    """The translator of a language, made once per process."""
    if language == SOURCE_LANGUAGE:
        return Translator(language, Locale.parse("en"), gettext.NullTranslations())
    if language == PSEUDO_LANGUAGE:
        return Translator(language, Locale.parse("en"), pseudo_catalog())
    try:
        locale = Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        raise UnknownLanguageError(language) from None
    if language not in catalog_languages():
        # A course language Vigil has no catalog for yet: its numbers and plurals, and the
        # English source for every message, as for any message a catalog lacks.
        return Translator(language, locale, gettext.NullTranslations())
    return Translator(language, locale, read_catalog(catalog_path(language), locale))
