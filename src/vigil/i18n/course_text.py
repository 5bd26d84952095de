"""Which texts of a course a translation replaces, each named by its catalog context.

A scenario's text is every value of a field marked `TRANSLATABLE` (format/translatable.py),
found by walking the validated model with its field types, so a new question kind's text
is found with no edit here. Its context is `<scenario id>:<path>`, the path written as
Vigil's messages write it (`thread[2].replies[0].text`). The course's own text comes from
mkdocs.yml: the site name, the nav titles and the marked fields of `extra.vigil`, with the
context `mkdocs.yml:<path>`.
"""

from __future__ import annotations

import functools
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


@dataclass(frozen=True)
class _Shape:
    """What a field's type says of the values it holds: a text there is translatable, and
    the shape of a tuple's items or of a dict's values. A model's own class says the rest."""

    marked: bool = False
    item: _Shape | None = None
    value: _Shape | None = None


def _shape(tp: Any) -> _Shape:
    inner, meta = unwrap(tp)
    args = typing.get_args(inner)
    return _Shape(
        marked(meta),
        _shape(args[0]) if args else None,
        _shape(args[1]) if len(args) == 2 else None,
    )


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, _Shape], ...]:
    """A model's fields and their shapes, read from its types once: walking a course then
    costs no type introspection per value."""
    return tuple((name, _shape(field_type(info))) for name, info in model.model_fields.items())


def texts(model: BaseModel, base: Loc = ()) -> list[tuple[Loc, str]]:
    """Every marked text written in a model, in field order, with its location (a default
    is Vigil's own text, not the course's)."""
    found: list[tuple[Loc, str]] = []
    _model(model, base, found)
    return found


def _model(model: BaseModel, base: Loc, found: list[tuple[Loc, str]]) -> None:
    written = model.model_fields_set
    for name, shape in _fields(type(model)):
        if name in written:
            _value(shape, getattr(model, name), (*base, name), found)


def _value(shape: _Shape, value: Any, loc: Loc, found: list[tuple[Loc, str]]) -> None:
    if value is None:
        return
    if isinstance(value, BaseModel):  # a question's own kind says what its fields are
        _model(value, loc, found)
    elif isinstance(value, str):
        if shape.marked:
            found.append((loc, value))
    elif isinstance(value, tuple) and shape.item is not None:
        for i, item in enumerate(value):
            _value(shape.item, item, (*loc, i), found)
    elif isinstance(value, dict) and shape.value is not None:
        for key, item in value.items():
            _value(shape.value, item, (*loc, key), found)


def context(owner: str, loc: Loc) -> str:
    return f"{owner}:{dotted(loc)}"


# Each scenario's texts, kept while the scenario is the same frozen object (as the check
# hands back for an unchanged file): checking a translation and applying it both need them,
# and walking a model by its field types is most of what either costs.
_found: dict[str, tuple[Scenario, tuple[Text, ...]]] = {}


def scenario_texts(scenario: Scenario) -> tuple[Text, ...]:
    hit = _found.get(scenario.id)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    found = tuple(
        Text(context(scenario.id, loc), text, scenario.id, loc) for loc, text in texts(scenario)
    )
    _found[scenario.id] = (scenario, found)
    return found


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
