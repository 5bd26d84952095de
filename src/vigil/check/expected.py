"""What a place of the format expects, found by walking the models, and said in plain words.

Problems say "expected a whole number from 1 to 3", not pydantic's "input should be a
valid integer": the words come from the field's own type and constraints.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from vigil.format.taxonomy import LANGUAGE_TAG, SLUG

_NO_NUL = r"^[^\x00]+$"


@dataclass(frozen=True)
class Slot:
    """One place of the format: its type (without Annotated or None), constraints and key."""

    tp: Any
    meta: tuple[Any, ...] = ()
    name: str | None = None  # the key it is written under, for "e.g. key: 1"
    default: Any = PydanticUndefined

    def constraint(self, attr: str) -> Any:
        """The first constraint carrying `attr` (ge, le, min_length, pattern...), or None."""
        for item in self.meta:
            value = getattr(item, attr, None)
            if value is not None:
                return value
        return None

    @property
    def is_int(self) -> bool:
        return self.tp is int

    @property
    def is_bool(self) -> bool:
        return self.tp is bool

    @property
    def is_text(self) -> bool:
        return self.tp is str

    @property
    def is_scalar(self) -> bool:
        return self.tp in (int, bool, str, float) or _is_enum(self.tp) or _is_literal(self.tp)


def unwrap(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type without Annotated and without `| None`, and the constraints it carried."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            inner, *extra = typing.get_args(tp)
            for item in extra:
                meta.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            tp = inner
        elif origin in (Union, types.UnionType):
            args = typing.get_args(tp)
            rest = [a for a in args if a is not type(None)]
            if len(rest) != 1 or len(args) != 2:  # a real union: the kinds
                return tp, tuple(meta)
            tp = rest[0]
        else:
            return tp, tuple(meta)


def field_type(info: FieldInfo) -> Any:
    """A model field's type with its constraints, as one type a TypeAdapter can check."""
    if not info.metadata:
        return info.annotation
    return Annotated[(info.annotation, *info.metadata)]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is Literal


def _members(tp: Any) -> list[Any]:
    """The models of a union of models (the question kinds), else nothing."""
    if typing.get_origin(tp) not in (Union, types.UnionType):
        return []
    return [a for a in typing.get_args(tp) if _is_model(a)]


def kind_tags(slot: Slot) -> list[str]:
    """The `type` names of a union of kinds (for 'missing required key type')."""
    return [t for t in map(_tag, _members(slot.tp)) if t is not None]


def _tag(kind: type[BaseModel]) -> str | None:
    field = kind.model_fields.get("type")
    if field is None or not _is_literal(field.annotation):
        return None
    return str(typing.get_args(field.annotation)[0])


def slot_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> Slot | None:
    """The slot at a pydantic error location (with its union tags and `[key]` markers)."""
    current: Any = model
    name: str | None = None
    default: Any = PydanticUndefined
    i = 0
    while i < len(loc):
        part = loc[i]
        tp, _ = unwrap(current)
        origin = typing.get_origin(tp)
        if _is_model(tp):
            field = tp.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            current, name, default = field_type(field), str(part), field.default
        elif origin is tuple:
            current, default = typing.get_args(tp)[0], PydanticUndefined
        elif origin is dict:
            key_type, value_type = typing.get_args(tp)
            if i + 1 < len(loc) and loc[i + 1] == "[key]":
                current, i = key_type, i + 1
            else:
                current, name = value_type, str(part)
            default = PydanticUndefined
        elif kinds := _members(tp):
            chosen = next((k for k in kinds if _tag(k) == part), None)
            if chosen is None:
                return None
            current = chosen
        else:
            return None
        i += 1
    tp, meta = unwrap(current)
    return Slot(tp, meta, name, default)


def _plural(count: int, word: str, words: str) -> str:
    return f"{count} {word if count == 1 else words}"


def _keys(models: list[type[BaseModel]]) -> str:
    """'(name:, joined:, ...)': the first required keys, then dots for the rest."""
    fields = models[0].model_fields
    names = [n for n in fields if all(n in m.model_fields for m in models)]
    required = [n for n in names if fields[n].is_required()]
    ordered = [*required, *(n for n in names if n not in required)]
    if len(models) > 1:  # a union of kinds: `type` tells them apart, and each adds keys
        ordered = [ordered[0], "type", *(n for n in ordered[1:] if n != "type")]
        shown, more = ordered[:3], True
    else:
        shown, more = ordered[:2], len(ordered) > 2
    return "(" + ", ".join(f"{n}:" for n in shown) + (", ...)" if more else ")")


def _choices(tp: Any) -> list[str]:
    if _is_enum(tp):
        return [str(m.value) for m in tp]
    return [str(a) for a in typing.get_args(tp)]


def noun(tp: Any, meta: tuple[Any, ...] = ()) -> tuple[str, str]:
    """What one item of a list (or value of a mapping) is called: singular and plural."""
    slot = Slot(tp, meta)
    if _members(tp):
        return "question", "questions"
    if _is_model(tp):
        name = tp.__name__.lower()
        return name, f"{name}s"
    if slot.is_text and slot.constraint("pattern") == SLUG:
        return "id", "ids"
    if slot.is_text:
        return "text entry", "text entries"
    return "value", "values"


def describe(slot: Slot) -> str:
    """What the slot expects, in the words of the format's own documentation."""
    tp = slot.tp
    if slot.is_bool:
        return "true or false"
    if slot.is_int:
        return _whole_number(slot)
    if tp is float:
        return _bounded("a number", slot)
    if slot.is_text:
        pattern = slot.constraint("pattern")
        if pattern == SLUG:
            most = slot.constraint("max_length")
            up_to = f"up to {most} " if most else ""
            return f"an id of {up_to}lowercase letters, digits and hyphens (e.g. gyro-question)"
        if pattern == _NO_NUL:
            return "a folder path"
        if pattern == LANGUAGE_TAG:
            return "a language tag such as en or zh-Hans"
        return "text"
    if _is_enum(tp) or _is_literal(tp):
        return "one of " + ", ".join(_choices(tp))
    if kinds := _members(tp):
        return f"a mapping of keys {_keys(kinds)}"
    if _is_model(tp):
        return f"a mapping of keys {_keys([tp])}"
    origin = typing.get_origin(tp)
    least = slot.constraint("min_length")
    if origin is tuple:
        one, many = noun(*unwrap(typing.get_args(tp)[0]))
        return f"a list of at least {_plural(least, one, many)}" if least else f"a list of {many}"
    if origin is dict:
        key_type, value_type = (unwrap(a) for a in typing.get_args(tp))
        keys = " or ".join(_choices(key_type[0])) if _is_enum(key_type[0]) else noun(*key_type)[1]
        values = "text" if Slot(*value_type).is_text else noun(*value_type)[1]
        at_least = f" (at least {least})" if least else ""
        return f"a mapping of {keys} to {values}{at_least}"
    return "a different value"


def _whole_number(slot: Slot) -> str:
    return _bounded("a whole number", slot)


def _bounded(what: str, slot: Slot) -> str:
    low, high = slot.constraint("ge"), slot.constraint("le")
    if low is not None and high is not None:
        return f"{what} from {low} to {high}"
    if low is not None:
        return f"{what} ({low} or more)"
    if high is not None:
        return f"{what} ({high} or less)"
    return what


def example(slot: Slot, written: str) -> str:
    """A value that fits the slot, for 'write a number, e.g. per_tactic: 1'."""
    if slot.is_bool:
        return "false" if slot.default is False else "true"
    low, high = slot.constraint("ge"), slot.constraint("le")

    def fits(n: int) -> bool:
        return (low is None or n >= low) and (high is None or n <= high)

    digits = "".join(c if c.isdigit() else " " for c in written).split()
    if digits and fits(int(digits[0])):
        return str(int(digits[0]))
    if isinstance(slot.default, int) and not isinstance(slot.default, bool):
        return str(slot.default)
    if fits(1):
        return "1"  # reads as "some": a count of 0 is rarely the example that helps
    return str(low if low is not None else high)
