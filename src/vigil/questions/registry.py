"""The one registry of question kinds: the scenario model and the engine are built from it."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, Union

from pydantic import Field, create_model

from vigil.format.scenario import Scenario
from vigil.questions.base import Question

_kinds: dict[str, type[Question]] = {}


def kind_name(kind: type[Question]) -> str:
    """The YAML `type` of a kind, read from its `type: Literal[...]` annotation."""
    annotation = kind.model_fields["type"].annotation
    names = typing.get_args(annotation)
    if typing.get_origin(annotation) is not typing.Literal or len(names) != 1:
        raise TypeError(f"{kind.__name__}.type must be a Literal of one name")
    return str(names[0])


def register(*kinds: type[Question]) -> None:
    """Add kinds; a name already taken is replaced (a course may override a kind)."""
    for kind in kinds:
        _kinds[kind_name(kind)] = kind
    scenario_model.cache_clear()


def unregister(name: str) -> None:
    """Remove a kind (a plug-in's or a test's); its questions become unknown types."""
    del _kinds[name]
    scenario_model.cache_clear()


def kinds() -> dict[str, type[Question]]:
    """Every kind by name, in registration order (which is the bundle's order)."""
    return dict(_kinds)


def get(name: str) -> type[Question]:
    return _kinds[name]


@cache
def scenario_model() -> type[Scenario]:
    """The scenario model whose questions are the registered kinds, told apart by `type`."""
    union: Any = Union[tuple(_kinds.values())]  # noqa: UP007  (built at run time)
    return create_model(
        "Scenario",
        __base__=Scenario,
        __doc__=Scenario.__doc__,
        questions=(tuple[Annotated[union, Field(discriminator="type")], ...], ()),
    )


def kind_scripts(names: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Each kind's grading script (name, source), published as code loaded on demand."""
    chosen = list(_kinds) if names is None else list(names)
    return [(name, _kinds[name].script_source()) for name in chosen]


def kind_ui(names: Iterable[str]) -> dict[str, str]:
    """The strings the scripts of these kinds show, by key, untranslated."""
    return {
        key: text for name in dict.fromkeys(names) for key, text in _kinds[name].ui_text.items()
    }


def kind_styles() -> tuple[tuple[str, str], ...]:
    """The styles of the kinds that have their own, for the engine's stylesheet."""
    return tuple(
        (name, kind.style.read_text(encoding="utf-8"))
        for name, kind in _kinds.items()
        if kind.style is not None
    )


def _register_builtin() -> None:
    # Imported here, not at the top: the kinds import the format, which this module extends.
    from vigil.questions.builtin import BUILTIN

    register(*BUILTIN)


_register_builtin()
