"""The course's languages, as the build and the exports need them.

`course_languages` is the one place that reads the list from the course options: the
first is the source language. A course of one language builds a flat site as it always
did; with more, every language is a full site of its own, built in parallel.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from vigil.course import Course

# Material's `theme.language` for the tags whose code there differs from the BCP 47 tag.
MATERIAL_LANGUAGES = {"zh-Hans": "zh", "zh-CN": "zh", "zh-SG": "zh", "qps-ploc": "en"}


def course_languages(course: Course) -> tuple[str, ...]:
    """The course's languages, the source first (`extra.vigil.languages`, default [en])."""
    return course.options.languages


def material_languages(tag: str) -> list[str]:
    """Material's names a language may have (partials/languages/<name>.html), best first:
    zh-Hans → zh; pt-BR → pt-BR, then pt. The theme takes the first it has."""
    if tag in MATERIAL_LANGUAGES:
        return [MATERIAL_LANGUAGES[tag]]
    primary = tag.split("-", 1)[0]
    return [tag] if primary == tag else [tag, primary]


def language_name(tag: str) -> str:
    """A language's name in that language (English, 中文 (简体)): what its readers look for
    in a list of languages. A tag Babel does not know (the pseudo-locale) is shown as is."""
    try:
        name = Locale.parse(tag, sep="-").display_name
    except (ValueError, UnknownLocaleError):
        return tag
    return name or tag
