"""Schema validation with pydantic, reported as Problems at the YAML position of each error."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from vigil.check.suggest import suggest
from vigil.format.loader import Document, Loc
from vigil.format.taxonomy import SLUG
from vigil.problems import Problem

M = TypeVar("M", bound=BaseModel)

_YAML11_HINTS = {
    "boolean": "YAML 1.1 reads {src!r} as the boolean {value}",
    "number": "YAML reads {src!r} as the number {value}",
    "date": "YAML reads {src!r} as a date or time",
    "null": "YAML reads {src!r} as nothing (null)",
}


@cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every key any model reachable from `model` accepts, for 'did you mean'."""
    names: set[str] = set()
    schema = model.model_json_schema()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        names.update(definition.get("properties", {}))
    return frozenset(names)


def _data_loc(data: Any, loc: tuple[int | str, ...]) -> Loc:
    """Drop the discriminator tags pydantic inserts into union locations."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("type") == part:
            continue
        out.append(part)
        node = node.get(part) if isinstance(node, dict) else _index(node, part)
    return tuple(out)


def _index(node: Any, part: str | int) -> Any:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the document"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _problem(doc: Document, base: Loc, err: ErrorDetails, model: type[BaseModel]) -> Problem:
    loc = (*base, *_data_loc(_at(doc.data, base), err["loc"]))
    kind = err["type"]
    where = dotted(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return doc.problem(
            loc, "unknown-key", f"unknown key '{key}'{suggest(key, _field_names(model))}", key=True
        )
    if kind == "missing":
        return doc.problem(loc, "missing-key", f"missing required key '{loc[-1]}'")
    if kind == "string_type" and loc in doc.plain and doc.plain[loc][0] == "":
        return doc.problem(loc, "missing-value", f"{where}: expected text, found nothing")
    if kind == "string_type" and loc in doc.plain:
        src, yaml_kind = doc.plain[loc]
        hint = _YAML11_HINTS.get(yaml_kind, "YAML reads {src!r} as a {value}").format(
            src=src, value=str(err["input"]).lower() if yaml_kind == "boolean" else err["input"]
        )
        return doc.problem(
            loc, f"yaml-{yaml_kind}", f"{where}: expected text; {hint}. Put it in quotes: '{src}'"
        )
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        return doc.problem(
            (*loc, "type"),
            "bad-value",
            f"{where}.type: expected one of {ctx.get('expected_tags')}, found {ctx.get('tag')!r}",
        )
    if kind == "union_tag_not_found":
        return doc.problem(loc, "missing-key", f"{where}: missing required key 'type'")
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") != SLUG:
        return doc.problem(loc, "missing-value", f"{where}: expected text, found only spaces")
    if kind == "string_pattern_mismatch":
        return doc.problem(
            loc,
            "bad-id",
            f"{where}: expected an id of lowercase letters, digits and hyphens "
            f"(e.g. gyro-question), found {err['input']!r}",
        )
    if kind == "too_short":
        ctx = err.get("ctx", {})
        return doc.problem(
            loc,
            "bad-value",
            f"{where}: expected at least {ctx.get('min_length')} item(s), "
            f"found {ctx.get('actual_length')}",
        )
    code = "wrong-type" if kind.endswith("_type") else "bad-value"
    message = err["msg"][0].lower() + err["msg"][1:]
    return doc.problem(loc, code, f"{where}: {message}, found {_describe(err['input'])}")


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data.get(part) if isinstance(data, dict) else _index(data, part)
    return data


def validate(doc: Document, model: type[M], base: Loc = ()) -> tuple[M | None, list[Problem]]:
    """Validate the document's value at `base` against a pydantic model."""
    try:
        return model.model_validate(_at(doc.data, base)), []
    except ValidationError as err:
        errors = err.errors()
        # A list whose items failed is also reported "too short"; the items say more.
        deeper = {e["loc"][:n] for e in errors for n in range(len(e["loc"]))}
        kept = [e for e in errors if not (e["type"] == "too_short" and e["loc"] in deeper)]
        return None, [_problem(doc, base, e, model) for e in kept]
