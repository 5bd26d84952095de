"""A course in another language: the validated source with its text replaced from a PO file.

Each scenario's text is replaced at the paths its entries name, and the copy is validated
again with the same model and checked with the same scenario rules, so a leak span that
does not occur in the translated comment is caught as in the source. Problems are reported
at the msgstr of the entry that holds the text (`translations/zh-Hans.po:LINE:1`); a
problem the source has too is the source's, reported there already. A text without a
usable translation (missing, fuzzy, or translating an older source) keeps the source text
as `Untranslated`, which the page marks. The version of the course is the source's: a
certificate or a saved attempt holds in every language.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from pydantic import BaseModel

from vigil.check.rules import check_scenario
from vigil.check.validate import validate
from vigil.course import Course, CourseOptions
from vigil.format.loader import Document, Loc, Position
from vigil.format.scenario import Scenario
from vigil.format.taxonomy import Taxonomy, builtin
from vigil.i18n import Untranslated
from vigil.i18n.catalog_files import Entry
from vigil.i18n.course_text import (
    OPTIONS_LOC,
    TITLE_LOC,
    Text,
    config_texts,
    scenario_texts,
)
from vigil.problems import Problem
from vigil.questions.registry import scenario_model

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class _AtEntries(Document):
    """A translated model's data, whose positions are those of the PO entries that gave
    its text: a location's own entry, else one below it, else one above it."""

    at: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        if loc in self.at:
            return self.at[loc]
        below = next((pos for where, pos in self.at.items() if where[: len(loc)] == loc), None)
        if below is not None:
            return below
        for n in range(len(loc) - 1, 0, -1):
            if loc[:n] in self.at:
                return self.at[loc[:n]]
        return next(iter(self.at.values()), Position(1, 1))

    def scalar(self, loc: Loc) -> tuple[str, str] | None:
        return None


@dataclass(frozen=True)
class Translation:
    """A course in one language, the problems of its translation, and mkdocs.yml's nav
    titles in that language (by location: `("nav", 6, 0)`)."""

    course: Course
    problems: list[Problem]
    nav: dict[Loc, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Applied:
    data: Any
    at: dict[Loc, Position]
    missing: frozenset[Loc]
    translated: dict[Loc, str]


def _apply(
    model: BaseModel, found: Sequence[Text], by_context: dict[str, Entry], cut: int
) -> _Applied:
    """The model's data with each usable translation put in (locations cut by `cut` parts:
    mkdocs.yml's paths start with extra.vigil)."""
    data = model.model_dump(mode="json", exclude_unset=True)
    whole = model.model_dump(mode="json")
    at: dict[Loc, Position] = {}
    missing: set[Loc] = set()
    translated: dict[Loc, str] = {}
    for text in found:
        loc = text.loc[cut:]
        entry = by_context.get(text.context)
        if entry is not None:
            at[loc] = entry.at
        if entry is None or not entry.usable or entry.source != text.source:
            missing.add(loc)
            continue
        _put(data, whole, loc, entry.text)
        translated[loc] = entry.text
    return _Applied(data, at, frozenset(missing), translated)


def _put(data: Any, whole: Any, loc: Loc, text: str) -> None:
    """Set the text at `loc`, copying in from the full dump what the sparse one left out."""
    node, full = data, whole
    for part in loc[:-1]:
        full = full[part]
        if isinstance(node, dict) and part not in node:
            node[part] = copy.deepcopy(full)
        node = node[part]
    node[loc[-1]] = text


def _marked(
    value: Any, marks: frozenset[Loc], prefixes: frozenset[Loc], lang: str, loc: Loc
) -> Any:
    """`value` with the text at each location of `marks` made `Untranslated`."""
    if loc not in prefixes:
        return value
    if isinstance(value, str):
        return Untranslated(value, lang) if loc in marks else value
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _marked(old, marks, prefixes, lang, (*loc, name))
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, tuple):
        return tuple(_marked(v, marks, prefixes, lang, (*loc, i)) for i, v in enumerate(value))
    if isinstance(value, dict):
        return {k: _marked(v, marks, prefixes, lang, (*loc, k)) for k, v in value.items()}
    return value


def mark_untranslated(model: M, marks: frozenset[Loc], lang: str) -> M:
    prefixes = frozenset(m[:n] for m in marks for n in range(len(m) + 1))
    result: M = _marked(model, marks, prefixes, lang, ())
    return result


def _translated(
    model: M, kind: type[M], applied: _Applied, display: str, lang: str
) -> tuple[M | None, _AtEntries, list[Problem]]:
    doc = _AtEntries(display, applied.data, at=applied.at)
    if not applied.translated:
        return mark_untranslated(model, applied.missing, lang), doc, []
    result, problems = validate(doc, kind)
    if result is None:
        return None, doc, problems
    return mark_untranslated(result, applied.missing, lang), doc, problems


# The last translation of each scenario per language, reused while neither the scenario (the
# same frozen object, as the check hands back for an unchanged file) nor its entries change.
_memo: dict[
    tuple[str, str], tuple[Scenario, tuple[Entry | None, ...], Scenario, list[Problem]]
] = {}


def translate_scenario(
    scenario: Scenario,
    by_context: dict[str, Entry],
    taxonomy: Taxonomy,
    display: str,
    lang: str,
) -> tuple[Scenario, list[Problem]]:
    """The scenario in the language (the source, marked, where it fails) and the problems
    of its translation that the source does not have."""
    found = scenario_texts(scenario)
    entries = tuple(by_context.get(t.context) for t in found)
    key = (scenario.id, display)
    hit = _memo.get(key)
    if hit is not None and hit[0] is scenario and hit[1] == entries:
        return hit[2], hit[3]
    applied = _apply(scenario, found, by_context, 0)
    model = scenario_model()
    result, doc, problems = _translated(scenario, model, applied, display, lang)
    if result is None:
        everything = frozenset(t.loc for t in found)
        result = mark_untranslated(scenario, everything, lang)
    elif applied.translated and (found_here := check_scenario(doc, result, taxonomy)):
        # Those the source has too are the source's, reported already.
        source = replace(doc, data=scenario.model_dump(mode="json", exclude_unset=True))
        known = {(p.code, p.line, p.col) for p in check_scenario(source, scenario, taxonomy)}
        problems += [p for p in found_here if (p.code, p.line, p.col) not in known]
    _memo[key] = (scenario, entries, result, problems)
    return result, problems


def translate_course(
    course: Course, config: Any, entries: list[Entry], display: str
) -> Translation:
    """The course in the language of `entries` (read from `display`); `config` is
    mkdocs.yml's data as read, for the nav titles."""
    lang = course.options.languages[0]
    by_context = {e.context: e for e in entries if e.context is not None and not e.obsolete}
    problems: list[Problem] = []
    found = config_texts(course.title, course.options, config)
    title_text = [t for t in found if t.loc == TITLE_LOC]
    option_texts = [t for t in found if t.loc[: len(OPTIONS_LOC)] == OPTIONS_LOC]
    # The nav titles and the theme's toggle labels: the engine puts them in its config.
    nav_texts = [t for t in found if t.loc[:1] in (("nav",), ("theme",))]
    applied = _apply(course.options, option_texts, by_context, len(OPTIONS_LOC))
    options, _, option_problems = _translated(course.options, CourseOptions, applied, display, lang)
    problems += option_problems
    nav = _apply_texts(nav_texts, by_context)
    section = _section_title(config, course.options.trainers_section, nav)
    if options is None:
        options = course.options
    if section is not None:
        options = options.model_copy(update={"trainers_section": section})
    titles = _apply_texts(title_text, by_context)
    title = titles.get(TITLE_LOC) or (
        Untranslated(course.title, lang) if title_text else course.title
    )
    scenarios = []
    for scenario in course.scenarios:
        translated, found_problems = translate_scenario(
            scenario, by_context, course.taxonomy, display, lang
        )
        scenarios.append(translated)
        problems += found_problems
    taxonomy = builtin().extended(options.tactics, options.categories)
    result = Course(title, options, taxonomy, tuple(scenarios))
    # The version names the course, not its language (see the module's docstring).
    result.__dict__["version"] = course.version
    return Translation(result, problems, nav)


def _apply_texts(found: list[Text], by_context: dict[str, Entry]) -> dict[Loc, str]:
    out: dict[Loc, str] = {}
    for text in found:
        entry = by_context.get(text.context)
        if entry is not None and entry.usable and entry.source == text.source:
            out[text.loc] = entry.text
    return out


def _section_title(config: Any, section: str | None, nav: dict[Loc, str]) -> str | None:
    """The trainers' section is named by its nav title: in a language, by its translation."""
    items = config.get("nav") if isinstance(config, dict) else None
    if section is None or not isinstance(items, list):
        return None
    for i, item in enumerate(items):
        if isinstance(item, dict) and section in item:
            return nav.get(("nav", i))
    return None


def translated_palette(palettes: Any, titles: dict[Loc, str]) -> Any:
    """The theme's palettes (as MkDocs read them) with their toggle labels in the language."""
    if not isinstance(palettes, list):
        return palettes
    out: list[Any] = []
    for i, palette in enumerate(palettes):
        name = titles.get(("theme", "palette", i, "toggle", "name"))
        if (
            name is not None
            and isinstance(palette, dict)
            and isinstance(palette.get("toggle"), dict)
        ):
            palette = {**palette, "toggle": {**palette["toggle"], "name": name}}
        out.append(palette)
    return out


def translated_nav(nav: Any, titles: dict[Loc, str], base: Loc = ("nav",)) -> Any:
    """mkdocs.yml's nav (as MkDocs read it) with its titles in the language."""
    if not isinstance(nav, list):
        return nav
    out: list[Any] = []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and len(item) == 1:
            title, value = next(iter(item.items()))
            item = {titles.get((*base, i), title): translated_nav(value, titles, (*base, i))}
        out.append(item)
    return out
