"""Which texts of a course a translation replaces, each named by its catalog context.

A scenario's text is every value of a field marked `TRANSLATABLE` (format/translatable.py),
found by walking the validated model with its field types, so a new question kind's text
is found with no edit here. Its context is `<scenario id>:<path>`, the path written as
Vigil's messages write it (`thread[2].replies[0].text`). The course's own text comes from
mkdocs.yml: the site name, the nav titles and the marked fields of `extra.vigil`, with the
context `mkdocs.yml:<path>`.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from vigil.check.expected import field_type, unwrap
from vigil.check.validate import dotted
from vigil.course import Course, CourseOptions
from vigil.format.loader import Loc
from vigil.format.scenario import Scenario
from vigil.format.translatable import marked

CONFIG = "mkdocs.yml"
OPTIONS_LOC: Loc = ("extra", "vigil")
TITLE_LOC: Loc = ("site_name",)


@dataclass(frozen=True)
class Text:
    """One translatable text: its context, the source text, and where it sits in its
    owner (a scenario's data, or mkdocs.yml's)."""

    context: str
    source: str
    owner: str  # a scenario id, or CONFIG
    loc: Loc


def texts(model: BaseModel, base: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every marked text written in a model, in field order, with its location (a default
    is Vigil's own text, not the course's)."""
    for name, info in type(model).model_fields.items():
        if name in model.model_fields_set:
            yield from _value(field_type(info), getattr(model, name), (*base, name))


def _value(tp: Any, value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if value is None:
        return
    if isinstance(value, BaseModel):  # a question's own kind says what its fields are
        yield from texts(value, loc)
        return
    inner, meta = unwrap(tp)
    if isinstance(value, str):
        if marked(meta):
            yield loc, value
        return
    args = typing.get_args(inner)
    if isinstance(value, tuple) and args:
        for i, item in enumerate(value):
            yield from _value(args[0], item, (*loc, i))
    elif isinstance(value, dict) and len(args) == 2:
        for key, item in value.items():
            yield from _value(args[1], item, (*loc, key))


def context(owner: str, loc: Loc) -> str:
    return f"{owner}:{dotted(loc)}"


def scenario_texts(scenario: Scenario) -> list[Text]:
    return [
        Text(context(scenario.id, loc), text, scenario.id, loc) for loc, text in texts(scenario)
    ]


def nav_titles(nav: Any, base: Loc = ("nav",)) -> Iterator[tuple[Loc, str]]:
    """The titles of mkdocs.yml's nav (`- Title: page.md`, `- Section: [...]`): an item's
    title is at the item's index, a section's items below it (`nav[6][0]`)."""
    if not isinstance(nav, list):
        return
    for i, item in enumerate(nav):
        if not isinstance(item, dict) or len(item) != 1:
            continue
        title, value = next(iter(item.items()))
        if isinstance(title, str) and title.strip():
            yield (*base, i), title
        yield from nav_titles(value, (*base, i))


def palette_names(theme: Any) -> Iterator[tuple[Loc, str]]:
    """The labels of the theme's light/dark toggle (`theme.palette[i].toggle.name`): the
    author's text, which the theme shows as it is."""
    palettes = theme.get("palette") if isinstance(theme, dict) else None
    for i, palette in enumerate(palettes if isinstance(palettes, list) else []):
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        name = toggle.get("name") if isinstance(toggle, dict) else None
        if isinstance(name, str) and name.strip():
            yield ("theme", "palette", i, "toggle", "name"), name


def config_texts(title: str, options: CourseOptions, config: Any) -> list[Text]:
    """The course's own text from mkdocs.yml (`config`: its data as read)."""
    data = config if isinstance(config, dict) else {}
    found: list[tuple[Loc, str]] = []
    if isinstance(data.get("site_name"), str):
        found.append((TITLE_LOC, title))
    found += list(nav_titles(data.get("nav")))
    found += list(palette_names(data.get("theme")))
    found += [((*OPTIONS_LOC, *loc), text) for loc, text in texts(options)]
    return [Text(context(CONFIG, loc), text, CONFIG, loc) for loc, text in found]


def course_texts(course: Course, config: Any) -> list[Text]:
    """Every translatable text of the course: mkdocs.yml's, then each scenario's."""
    found = config_texts(course.title, course.options, config)
    for scenario in course.scenarios:
        found += scenario_texts(scenario)
    return found
