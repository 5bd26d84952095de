"""Schema validation with pydantic, reported as Problems at the YAML position of each error.

Every message says what was expected and what was found, in the format's words
(`difficulty: expected a whole number from 1 to 3, found 'hard'`); pydantic's own
wording never reaches the trainer. Where YAML 1.1 read a plain scalar as something
other than what was meant (`per_tactic: yes` is the boolean true), the message says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from vigil.check.expected import Slot, describe, example, kind_tags, slot_at
from vigil.check.suggest import suggest
from vigil.format.fields import (
    CONTROL_ERROR,
    SHOWN_TEXT,
    control_character,
    text_problem,
)
from vigil.format.loader import Document, Loc
from vigil.format.taxonomy import SLUG
from vigil.problems import QUOTE_LIMIT, Problem, Severity, quoted

M = TypeVar("M", bound=BaseModel)

_YAML11_HINTS = {
    "boolean": "YAML 1.1 reads {src} as the boolean {value}",
    "number": "YAML 1.1 reads {src} as the number {value}",
    "date": "YAML reads {src} as a date or time",
    "null": "YAML reads {src} as nothing (null)",
}
# Numbers written the way a reader expects them to be read.
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?")
# What an error type expects when the model cannot say (a kind added at run time, say).
_FALLBACK = {
    "int_type": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "dict_type": "a mapping",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}
_WORD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every key any model reachable from `model` accepts, for 'did you mean'."""
    names: set[str] = set()
    schema = model.model_json_schema()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        names.update(definition.get("properties", {}))
    return frozenset(names)


def _data_loc(data: Any, loc: tuple[int | str, ...]) -> tuple[Loc, bool]:
    """Drop the discriminator tags pydantic inserts into union locations; the flag says
    whether the error is about a mapping's key (pydantic's `[key]` marker)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if part == "[key]" and out:
            return tuple(out), True
        if isinstance(node, dict) and part not in node and node.get("type") == part:
            continue
        out.append(part)
        node = node.get(part) if isinstance(node, dict) else _index(node, part)
    return tuple(out), False


def _index(node: Any, part: str | int) -> Any:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data.get(part) if isinstance(data, dict) else _index(data, part)
    return data


@lru_cache(maxsize=1 << 14)  # scenarios share their paths: thread[0].text…
def dotted(loc: Loc) -> str:
    """`personas.fan.name`, `thread[0]`; a key that is not a plain word is quoted and cut."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _WORD.fullmatch(part):
            text += f"[{quoted(part)}]"
        else:
            text += f".{part}" if text else part
    return text or "the document"


def _canonical(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def found(doc: Document, loc: Loc, value: Any) -> str:
    """What was written at `loc`, as a trainer would recognise it."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if loc in doc.plain:
        src = doc.plain[loc][0]
        return src if src == _canonical(value) else quoted(src)
    return quoted(value if isinstance(value, str) else _canonical(value))


def _surprising(src: str, yaml_kind: str) -> bool:
    """Whether a reader of `src` would not expect YAML to read it as it does."""
    if yaml_kind == "boolean":
        return src.lower() not in ("true", "false")
    if yaml_kind == "number":
        return not _DECIMAL.fullmatch(src)
    return True


def _fix(slot: Slot | None, name: str, src: str, *, as_text: bool = False) -> str:
    """How to write it instead; `as_text`: YAML read `src` as text, so its digits may be
    the number meant (`80%`)."""
    if slot is None or slot.is_text:
        return f" Put it in quotes: '{src}'" if len(src) <= QUOTE_LIMIT else " Put it in quotes."
    if slot.is_int:
        return f" Write a number, e.g. {name}: {example(slot, src if as_text else '')}"
    if slot.is_bool:
        return f" Write true or false, e.g. {name}: {example(slot, '')}"
    return ""


def _yaml_read(
    doc: Document, loc: Loc, slot: Slot | None, expected: str, kind: str
) -> Problem | None:
    """A plain scalar YAML did not read as the text, number or boolean that was expected."""
    where, name = dotted(loc), str(slot.name if slot and slot.name else loc[-1])
    if loc in doc.plain and doc.plain[loc][0] == "":
        return doc.problem(loc, "missing-value", f"{where}: expected {expected}, found nothing")
    if loc in doc.plain and (slot is None or slot.is_scalar):
        src, yaml_kind = doc.plain[loc]
        if not (kind == "string_type" or (slot is not None and slot.is_text)) and not _surprising(
            src, yaml_kind
        ):
            written = doc.scalar(loc)  # `correct: 1`: a number where a boolean belongs
            if slot is not None and slot.is_bool and written is not None:
                return _bool_written(doc, loc, slot, expected, written)
            return None
        value = _canonical(_at(doc.data, loc))
        hint = _YAML11_HINTS.get(yaml_kind, "YAML reads {src} as a {value}")
        value = value if len(value) <= QUOTE_LIMIT else value[:QUOTE_LIMIT] + "…"
        said = hint.format(src=quoted(src), value=value)
        message = f"{where}: expected {expected}, found {quoted(src)}; {said}."
        return doc.problem(loc, f"yaml-{yaml_kind}", message + _fix(slot, name, src))
    written = doc.scalar(loc)
    if slot is None or not (slot.is_int or slot.is_bool) or written is None:
        return None
    text, style = written
    if slot.is_bool:
        return _bool_written(doc, loc, slot, expected, written)
    if style and _DECIMAL.fullmatch(text.strip()):
        tail = f" in quotes. Write it without quotes: {name}: {text.strip()}"
    elif not style and any(c.isdigit() for c in text):  # `80%`, `1,000`: almost a number
        tail = f"; YAML reads {quoted(text)} as text.{_fix(slot, name, text, as_text=True)}"
    else:
        return None
    return doc.problem(
        loc, "wrong-type", f"{where}: expected {expected}, found {quoted(text)}{tail}"
    )


def _bool_written(
    doc: Document, loc: Loc, slot: Slot, expected: str, written: tuple[str, str]
) -> Problem | None:
    """A boolean written as text (`'true'`, `'no'`) or as a number (`1`): booleans are
    read strictly, so the message says how to write one."""
    text, style = written
    where, name = dotted(loc), str(slot.name or loc[-1])
    word = text.strip().lower()
    if style and word in ("true", "false"):
        what = f"{quoted(text)} in quotes. Write it without quotes: {name}: {word}"
    elif style:
        what = f"{quoted(text)} in quotes, which is text. Write true or false, e.g. {name}: "
        what += example(slot, "")
    elif word in ("0", "1"):
        meant = "true" if word == "1" else "false"
        what = f"the number {word}. Write true or false, e.g. {name}: {meant}"
    else:
        return None
    return doc.problem(loc, "wrong-type", f"{where}: expected {expected}, found {what}")


def bad_text(doc: Document, loc: Loc, kind: str, value: str) -> Problem:
    """Text that holds a control character, or nothing a reader can see (`kind`: the
    error type `fields.text_problem` gives)."""
    where = dotted(loc)
    if kind == CONTROL_ERROR:
        at = control_character(value) or 0
        message = (
            f"{where}: expected text without control characters, found {quoted(value)} "
            f"(character {at + 1} is the control character U+{ord(value[at]):04X}); "
            "remove it (only line breaks and tabs are allowed)"
        )
    else:
        message = (
            f"{where}: expected text with something visible, found {quoted(value)}, "
            "which holds only invisible characters (zero-width spaces, joiners or "
            "direction marks)"
        )
    return doc.problem(loc, "bad-text", message)


def _problem(doc: Document, base: Loc, err: ErrorDetails, model: type[BaseModel]) -> Problem:
    rel, at_key = _data_loc(_at(doc.data, base), err["loc"])
    loc = (*base, *rel)
    kind = err["type"]
    where = dotted(loc)
    slot = slot_at(model, err["loc"])
    expected = describe(slot) if slot else _FALLBACK.get(kind, "a different value")
    value = err["input"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return doc.problem(
            loc,
            "unknown-key",
            f"unknown key {quoted(key)}{suggest(key, _field_names(model))}",
            key=True,
        )
    if kind == "missing":
        within = f"{dotted(loc[:-1])}: " if loc[:-1] else ""
        message = f"{within}missing required key '{loc[-1]}' ({expected})"
        return doc.problem(loc, "missing-key", message)
    if kind == "union_tag_not_found":
        tags = ", ".join(kind_tags(slot)) if slot else "a question kind"
        return doc.problem(
            loc, "missing-key", f"{where}: missing required key 'type' (one of {tags})"
        )
    if kind == "union_tag_invalid":
        tags = ", ".join(kind_tags(slot)) if slot else "a question kind"
        tag_loc = (*loc, "type")
        written = found(doc, tag_loc, _at(doc.data, tag_loc))
        return doc.problem(
            tag_loc, "bad-value", f"{where}.type: expected one of {tags}, found {written}"
        )
    if at_key:
        code = "bad-id" if slot is not None and slot.constraint("pattern") == SLUG else "bad-value"
        message = (
            f"{dotted(loc[:-1])}: expected each key to be {expected}, found {quoted(str(loc[-1]))}"
        )
        return doc.problem(loc, code, message, key=True)
    if (yaml_problem := _yaml_read(doc, loc, slot, expected, kind)) is not None:
        return yaml_problem
    ctx = err.get("ctx", {})
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SHOWN_TEXT:
        broken = text_problem(value) if isinstance(value, str) and value.strip() else None
        if broken is None:
            return doc.problem(loc, "missing-value", f"{where}: expected text, found only spaces")
        return bad_text(doc, loc, broken, value)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG:
        return doc.problem(loc, "bad-id", f"{where}: expected {expected}, found {quoted(value)}")
    if kind == "string_too_short" and value == "":
        return doc.problem(
            loc, "missing-value", f"{where}: expected {expected}, found empty quotes"
        )
    what = found(doc, loc, value)
    if kind == "string_pattern_mismatch" and isinstance(value, str) and "\x00" in value:
        what = f"{what} (it holds a NUL character)"
    elif kind == "string_pattern_mismatch" and value == "":
        what = "empty quotes"
    elif kind == "string_too_long" and isinstance(value, str):
        what = f"{len(value):,} characters ({quoted(value)})"
    elif kind == "too_short":
        count = ctx.get("actual_length", 0)
        what = f"{count} item{'' if count == 1 else 's'}" if count else what
    code = "wrong-type" if kind.endswith("_type") else "bad-value"
    return doc.problem(loc, code, f"{where}: expected {expected}, found {what}")


def _quiet_numbers(doc: Document, base: Loc, wrong: list[Loc]) -> Iterator[Problem]:
    """Warnings: numbers YAML 1.1 read otherwise than written (`attempts: 010` is 8)."""
    for loc, (src, yaml_kind) in doc.plain.items():
        if yaml_kind != "number" or loc[: len(base)] != base or not _surprising(src, yaml_kind):
            continue
        if any(loc[: len(w)] == w for w in wrong):
            continue  # reported as an error already
        value = _at(doc.data, loc)
        if isinstance(value, int) and not isinstance(value, bool) and len(src) <= QUOTE_LIMIT:
            pos = doc.position(loc)
            yield Problem(
                doc.path,
                pos.line,
                pos.col,
                "yaml-number",
                f"{dotted(loc)}: YAML 1.1 reads {quoted(src)} as the number {value}; "
                f"write {value} if that is what you mean",
                Severity.WARNING,
            )


def validate(doc: Document, model: type[M], base: Loc = ()) -> tuple[M | None, list[Problem]]:
    """Validate the document's value at `base` against a pydantic model."""
    try:
        result: M | None = model.model_validate(_at(doc.data, base))
        kept: list[ErrorDetails] = []
    except ValidationError as err:
        result = None
        errors = err.errors()
        # A list whose items failed is also reported "too short"; the items say more.
        deeper = {e["loc"][:n] for e in errors for n in range(len(e["loc"]))}
        kept = [e for e in errors if not (e["type"] == "too_short" and e["loc"] in deeper)]
    problems = [_problem(doc, base, e, model) for e in kept]
    data = _at(doc.data, base)
    wrong = [(*base, *_data_loc(data, e["loc"])[0]) for e in kept]
    return result, [*problems, *_quiet_numbers(doc, base, wrong)]
