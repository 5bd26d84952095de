"""Partial validation: the parts of a failed scenario that did validate still get their rules.

When a whole model fails, each top-level field is validated on its own, and list and
mapping fields item by item (each persona, each comment with each of its replies, each
question), so one bad comment hides nothing about the others. The parts that validated
make up a partial model (`model_construct`, placeholders where a required part failed).
Its lists hold only the items that validated, so the rules see it through a
`PartialDocument` that maps their positions back to the items as written, and that
knows which parts failed so no rule reports what a failed part might have supplied.
Schema errors are not collected here: `validate` reported each of them once already.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from vigil.check.expected import field_type, unwrap
from vigil.format.loader import Document, Loc, Position

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class PartialDocument(Document):
    """A document whose model lost the list items that failed: positions map back."""

    # For each list (by its written location), the written index of each item kept.
    kept: dict[Loc, tuple[int, ...]] = field(default_factory=dict)
    # Where a part failed validation (a field, an item, or a key the model does not know).
    failed: frozenset[Loc] = frozenset()

    def written(self, loc: Loc) -> Loc:
        """`loc` in the partial model as a location in the file."""
        out: list[str | int] = []
        for part in loc:
            kept = self.kept.get(tuple(out))
            if kept is not None and isinstance(part, int) and 0 <= part < len(kept):
                out.append(kept[part])
            else:
                out.append(part)
        return tuple(out)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        return super().position(self.written(loc), key=key)


def incomplete(doc: Document, loc: Loc) -> bool:
    """Whether a part at, under or above `loc` failed, or a key the scenario does not know
    was written (it may hold what `loc` lacks, e.g. `qustions:`)."""
    if not isinstance(doc, PartialDocument):
        return False
    n = len(loc)
    return any(f[:n] == loc or loc[: len(f)] == f or f[0] == "?" for f in doc.failed)


@cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def _placeholder(info: FieldInfo) -> Any:
    """A stand-in for a required field that failed: empty, so no rule finds anything in it."""
    origin = typing.get_origin(unwrap(info.annotation)[0])
    if origin is tuple:
        return ()
    if origin is dict:
        return {}
    return "" if unwrap(info.annotation)[0] is str else None


class _Salvage:
    def __init__(self) -> None:
        self.kept: dict[Loc, tuple[int, ...]] = {}
        self.failed: set[Loc] = set()

    def value(self, tp: Any, raw: Any, loc: Loc) -> tuple[bool, Any]:
        """Validate `raw`; if it fails, keep what validates of a list or mapping."""
        try:
            return True, _adapter(tp).validate_python(raw)
        except ValidationError:
            pass
        inner, _ = unwrap(tp)
        origin = typing.get_origin(inner)
        if origin is tuple and isinstance(raw, list):
            return True, self.items(typing.get_args(inner)[0], raw, loc)
        if origin is dict and isinstance(raw, dict):
            key_type, value_type = typing.get_args(inner)
            out: dict[Any, Any] = {}
            for key, item in raw.items():
                good_key, checked_key = self.value(key_type, key, (*loc, key))
                good, checked = self.item(value_type, item, (*loc, key))
                if good_key and good:
                    out[checked_key] = checked
            return True, out
        self.failed.add(loc)
        return False, None

    def items(self, tp: Any, raw: list[Any], loc: Loc) -> tuple[Any, ...]:
        out: list[Any] = []
        kept: list[int] = []
        for i, item in enumerate(raw):
            good, checked = self.item(tp, item, (*loc, i))
            if good:
                out.append(checked)
                kept.append(i)
        self.kept[loc] = tuple(kept)
        return tuple(out)

    def item(self, tp: Any, raw: Any, loc: Loc) -> tuple[bool, Any]:
        """One item, whole; a comment whose own keys are valid keeps its valid replies."""
        try:
            return True, _adapter(tp).validate_python(raw)
        except ValidationError:
            pass
        model, _ = unwrap(tp)
        nested = _self_lists(model)
        if nested and isinstance(raw, dict):
            try:
                own = _adapter(tp).validate_python(
                    {k: v for k, v in raw.items() if k not in nested}
                )
            except ValidationError:
                own = None
            if own is not None and all(isinstance(raw.get(n, []), list) for n in nested):
                update = {n: self.items(model, raw[n], (*loc, n)) for n in nested if n in raw}
                return True, own.model_copy(update=update)
        self.failed.add(loc)
        return False, None


def _self_lists(model: Any) -> list[str]:
    """The fields of a model that hold more of the same model (a comment's replies)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    names = []
    for name, info in model.model_fields.items():
        inner, _ = unwrap(info.annotation)
        if typing.get_origin(inner) is tuple and unwrap(typing.get_args(inner)[0])[0] is model:
            names.append(name)
    return names


def salvage(doc: Document, model: type[M], base: Loc = ()) -> tuple[M, PartialDocument]:
    """The model as far as its parts validate, and the document the rules should see."""
    data = doc.data
    for part in base:
        data = data.get(part) if isinstance(data, dict) else None
    work = _Salvage()
    values: dict[str, Any] = {}
    raw = data if isinstance(data, dict) else {}
    for name, info in model.model_fields.items():
        loc = (*base, name)
        if name in raw:
            good, value = work.value(field_type(info), raw[name], loc)
            if good:
                values[name] = value
                continue
        elif info.is_required():
            work.failed.add(loc)
        if info.is_required():  # else model_construct gives the default
            values[name] = _placeholder(info)
    stray = [k for k in raw if k not in model.model_fields]
    failed = frozenset(work.failed | {("?", k) for k in stray})
    partial = model.model_construct(**values)
    kept = {k: v for k, v in work.kept.items() if v != tuple(range(len(v)))}
    document = PartialDocument(doc.path, doc.data, doc.root, doc.plain, doc.texts, kept, failed)
    return partial, document
