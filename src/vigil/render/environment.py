"""The Jinja environment: StrictUndefined, autoescape, and each question kind's template."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import ChoiceLoader, Environment, FunctionLoader, PackageLoader, StrictUndefined

from vigil.questions import registry
from vigil.render.sanitize import markdown_to_html, plain_to_html, safe_url
from vigil.render.text import (
    avatar_colour,
    data_element,
    excerpt,
    initials,
    leak_segments,
)

KIND_PREFIX = "kinds/"
SHARED_PREFIX = "questions/"


def count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _kind_template(name: str) -> str | None:
    """`kinds/<type>` is the template that kind ships beside its module; `questions/<file>`
    a template the built-in kinds share."""
    if name.startswith(SHARED_PREFIX):
        return (files("vigil.questions") / name.removeprefix(SHARED_PREFIX)).read_text("utf-8")
    if not name.startswith(KIND_PREFIX):
        return None
    kind = registry.kinds().get(name.removeprefix(KIND_PREFIX))
    return None if kind is None else kind.template.read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("vigil.render", "templates"), FunctionLoader(_kind_template)]
        ),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(md=markdown_to_html, plain=plain_to_html, excerpt=excerpt, initials=initials)
    env.globals.update(
        avatar_colour=avatar_colour,
        leak_segments=leak_segments,
        count=count,
        safe_url=safe_url,
        data_element=data_element,
        kind_macros=lambda kind: env.get_template(KIND_PREFIX + kind).module,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
