"""Safe YAML loading that keeps the line and column of every node.

PyYAML's own constructors lose positions, silently keep the last of two duplicate
keys and expand aliases without limit. Here the file is composed into nodes (cheap:
aliases are shared, not copied), surveyed once when it writes anchors, tags or merge keys
(tags, nesting, and the size the aliases would expand it to, counted without expanding)
and only then converted by hand, so that every later stage can point at `path:line:col`.

The limits, documented for authors in content/authoring.md:

- MAX_BYTES: a file is at most 1 MiB, checked before it is read;
- MAX_DEPTH: values nest at most 50 levels deep;
- MAX_ALIAS_VALUES: aliases may add at most 100,000 values (keys count) to the document:
  an alias adds the size of what it refers to, so a billion-laughs file is refused
  after a survey of its few written nodes, without expanding anything;
- MAX_NODES: 2,000,000 values in all, a safety net for text handed to `load_text`: a
  value takes at least about a byte to write, so a 1 MiB file without aliases holds at
  most about a million, and this limit is never what refuses such a file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from vigil.format.document import Document as Document
from vigil.format.document import Loc as Loc
from vigil.format.document import Position as Position
from vigil.format.document import node_position as _pos
from vigil.problems import Problem

try:  # the C parser is several times faster; marks are the same
    from yaml import CSafeLoader as _Loader

    _BYTE_OFFSETS = True  # but it reports a refused character by its UTF-8 byte offset
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_OFFSETS = False

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 50
MAX_ALIAS_VALUES = 100_000
MAX_NODES = 2_000_000
# Nesting the C composer is trusted with: it recurses in C, and a file nested some 30,000
# levels deep overflows its stack (a crash, not an exception). A cheap upper bound on the
# nesting is computed first, and only files that could nest deeper have their nesting
# measured from the event stream before they are composed.
_SAFE_NESTING = 5_000 if _BYTE_OFFSETS else 200

# The line breaks YAML counts, so lines split by these are the lines problems point at.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_YAML = "tag:yaml.org,2002:"
_STR_TAG = _YAML + "str"
_MAP_TAG = _YAML + "map"
_SEQ_TAG = _YAML + "seq"
_MERGE_TAG = _YAML + "merge"
_BINARY_TAG = _YAML + "binary"
# Tags a scalar may carry (those YAML 1.1 gives plain scalars); `<<` and `=` are text.
_SCALAR_TAGS = {
    _YAML + kind for kind in ("str", "bool", "int", "float", "null", "timestamp", "merge", "value")
}
_TEXT_TAGS = {_STR_TAG, _MERGE_TAG, _YAML + "value"}

# Plain scalars YAML 1.1 turns into something other than text, by the tag it gave them.
_SURPRISE_TAGS = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
}


class _RejectedNodeError(Exception):
    """A node the format refuses: duplicate key, odd tag, or past a limit."""

    def __init__(self, node: yaml.Node | Position, code: str, message: str) -> None:
        super().__init__(message)
        self.position = node if isinstance(node, Position) else _pos(node)
        self.code = code


def _too_deep(where: yaml.Node | Position) -> _RejectedNodeError:
    return _RejectedNodeError(
        where, "too-deep", f"the document nests deeper than {MAX_DEPTH} levels"
    )


def _tag_name(tag: str) -> str:
    """A tag as it is written (`!!binary`, `!Evil`), shortened for a message."""
    name = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    name = name if len(name) <= 60 else name[:60] + "…"
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)  # %1b is ESC


_KIND = {yaml.MappingNode: "mapping", yaml.SequenceNode: "list", yaml.ScalarNode: "value"}

# What may write an anchor (`&a`), a tag (`!t`, `!!binary`) or a merge key (`<<`): a node's
# properties start after a space, a line start or a flow indicator. A file without any
# needs no survey: with no anchor there is no alias, its nodes carry only the tags YAML
# gives plain text, and the converter bounds the nesting itself. Most scenarios are such
# files, and the survey was a fifth of `vigil check`.
_NODE_PROPERTY = re.compile(r"(?<![^\s\[\]{},:])[&!]")


def _may_need_survey(text: str) -> bool:
    # `in` first: it is some thirty times faster than the pattern, and most files have
    # neither character.
    return "<<" in text or (("&" in text or "!" in text) and bool(_NODE_PROPERTY.search(text)))


class _Survey:
    """One visit of each written node: the tags it carries, how deep it nests, and how
    many values the document holds once every alias is expanded (an alias adds the size
    of what it refers to), without expanding anything."""

    def __init__(self, *, keep_unknown_tags: bool) -> None:
        self.keep_unknown_tags = keep_unknown_tags
        self.sizes: dict[int, int] = {}  # expanded size by id of a node visited
        self.open: set[int] = set()  # collections being visited: reached again, a cycle
        self.written = 0  # nodes written in the file
        self.added = 0  # values that aliases add
        self.problems: list[Problem] = []
        self.path = ""

    def size(self, node: yaml.Node, depth: int, *, key: bool = False) -> int:
        ident = id(node)
        known = self.sizes.get(ident)
        if known is not None:  # a node met again is an alias to it
            self.added += known
            if self.added > MAX_ALIAS_VALUES:
                raise _RejectedNodeError(
                    node,
                    "alias-bomb",
                    f"aliases expand the document by more than {MAX_ALIAS_VALUES:,} values; "
                    "aliases that repeat aliases (an alias bomb) are not allowed",
                )
            return known
        if depth > MAX_DEPTH or ident in self.open:  # an alias inside what it refers to
            raise _too_deep(node)
        self.written += 1
        if self.written > MAX_NODES:
            raise _RejectedNodeError(
                node, "too-many-values", f"the document holds more than {MAX_NODES:,} values"
            )
        self._check_tag(node, key=key)
        total = 1
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.open.add(ident)
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    total += self.size(key_node, depth + 1, key=True)
                    total += self.size(value_node, depth + 1)
            else:
                for item in node.value:
                    total += self.size(item, depth + 1)
            self.open.discard(ident)
        self.sizes[ident] = total
        return total

    def _check_tag(self, node: yaml.Node, *, key: bool) -> None:
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            allowed = tag == _MAP_TAG
        elif isinstance(node, yaml.SequenceNode):
            allowed = tag == _SEQ_TAG
        else:
            allowed = tag in _SCALAR_TAGS
        if key and tag == _MERGE_TAG:
            self._report(node, "merge-key", "merge keys (<<) are not supported; write the keys out")
        elif tag == _BINARY_TAG:
            self._report(
                node,
                "yaml-tag",
                "binary data (!!binary) is not text; write the text itself, without the tag",
            )
        elif not allowed and not self.keep_unknown_tags:
            what = "" if tag in _SCALAR_TAGS or tag in (_MAP_TAG, _SEQ_TAG) else "unsupported "
            on = f" on a {_KIND[type(node)]}" if what == "" else ""
            self._report(node, "yaml-tag", f"{what}tag {_tag_name(tag)}{on}; remove the tag")

    def _report(self, node: yaml.Node, code: str, message: str) -> None:
        pos = _pos(node)
        self.problems.append(Problem(self.path, pos.line, pos.col, code, message))


class _Converter:
    """Plain data from nodes the survey let through."""

    def __init__(self) -> None:
        self.plain: dict[Loc, tuple[str, str]] = {}
        self.texts: list[tuple[str | int, yaml.ScalarNode]] = []
        self.scalars = SafeConstructor()

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        if len(loc) > MAX_DEPTH:  # an alias can bring a shallow node deeper
            raise _too_deep(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _RejectedNodeError(
                    key_node, "bad-key", "expected a plain text key, found a mapping or list"
                )
            key = str(key_node.value)
            if key in first:
                earlier = _pos(first[key])
                raise _RejectedNodeError(
                    key_node,
                    "duplicate-key",
                    f"duplicate key '{key}' (first "
                    f"written at line {earlier.line}); YAML would keep only the last",
                )
            first[key] = key_node
            out[key] = self.convert(value_node, (*loc, key))
        return out

    def _scalar(self, node: yaml.Node, loc: Loc) -> Any:
        if node.tag in _TEXT_TAGS or node.tag not in _SCALAR_TAGS:
            # text, or a tag the survey let through: mkdocs.yml's !ENV and !!python/name
            if node.tag == _STR_TAG and loc and isinstance(node, yaml.ScalarNode):
                self.texts.append((loc[0], node))
            return node.value
        try:
            value = self.scalars.construct_object(node)
        except (ConstructorError, ValueError, TypeError, KeyError, AttributeError):
            # `2024-13-45` looks like a date and `0x_` like a number, but is neither: plain,
            # it is the text written (as YAML 1.2 reads it); with a tag, it is refused
            plain = isinstance(node, yaml.ScalarNode) and not node.style
            if plain and _implicit_tag(str(node.value)) == node.tag:
                return node.value
            name = _tag_name(node.tag)
            message = f"{_short(str(node.value))} is not a valid {name[2:]} ({name})"
            raise _RejectedNodeError(node, "yaml-tag", message) from None
        if isinstance(node, yaml.ScalarNode) and not node.style and not isinstance(value, str):
            self.plain[loc] = (str(node.value), _SURPRISE_TAGS.get(node.tag, "value"))
        return value


_RESOLVER = yaml.resolver.Resolver()


def _implicit_tag(value: str) -> str:
    """The tag YAML 1.1 gives `value` written plain."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _nesting_bound(text: str) -> int:
    """An upper bound on how deep `text` can nest, cheap to compute: block collections
    nest by indentation (a level takes at least half a column more), flow ones by
    brackets."""
    longest = max(map(len, text.split("\n")))
    return 2 * (longest + 1) + text.count("[") + text.count("{")


def _measure_nesting(text: str) -> None:
    """Refuse a file nested deeper than MAX_DEPTH, reading its events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                mark = event.start_mark
                raise _too_deep(
                    Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str) -> yaml.Node | None:
    if _nesting_bound(text) > _SAFE_NESTING:
        _measure_nesting(text)
    return yaml.compose(text, Loader=_Loader)


def load_text(
    text: str, path: str, *, keep_unknown_tags: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into a Document, or explain why not."""

    def fail(line: int, col: int, code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, col, code, message)]

    try:
        node = _compose(text)
    except _RejectedNodeError as err:
        return fail(err.position.line, err.position.col, err.code, str(err))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(str(p) for p in (err.context, err.problem) if p)
        return fail(line, col, "yaml-syntax", f"invalid YAML: {what}")
    except yaml.reader.ReaderError as err:  # a character YAML refuses, by its index
        upto = text[: err.position]
        if _BYTE_OFFSETS:
            upto = text.encode()[: err.position].decode(errors="ignore")
        before = LINE_BREAKS.split(upto)
        char = err.character if isinstance(err.character, int) else ord(err.character)
        message = f"invalid YAML: unacceptable character #x{char:04x}: {err.reason}"
        return fail(len(before), len(before[-1]) + 1, "yaml-syntax", message)
    except yaml.YAMLError as err:
        return fail(1, 1, "yaml-syntax", f"invalid YAML: {err}")
    if node is None:
        return fail(1, 1, "empty-file", "the file has no YAML content; expected a mapping")
    survey = _Survey(keep_unknown_tags=keep_unknown_tags)
    survey.path = path
    converter = _Converter()
    try:
        if len(text) > MAX_NODES or _may_need_survey(text):
            survey.size(node, 0)
        if survey.problems:
            return None, sorted(survey.problems, key=lambda p: (p.line, p.col))
        data = converter.convert(node, ())
    except _RejectedNodeError as err:
        return fail(err.position.line, err.position.col, err.code, str(err))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"'{node.value}'"
        start = _pos(node)
        return fail(
            start.line,
            start.col,
            "not-a-mapping",
            f"expected a mapping of keys (id:, title:, ...) at the top, found {kind}",
        )
    doc = Document(path, data, node, converter.plain, converter.texts)
    return doc, []


def read_file(
    path: Path, display: str, *, max_bytes: int = MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """A regular file's bytes, or why not; the size limit is checked before anything is read.

    Anything else (a folder, a pipe, a socket, a device) is refused without being opened
    for reading: a pipe would block the checker until someone writes to it.
    """
    too_large = f"the file is over the limit of {max_bytes:,} bytes"
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, [_not_a_file(display)]
        # Opened without blocking, then checked again: it may have been swapped since.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [_not_a_file(display)]
            if info.st_size > max_bytes:
                too_large = f"the file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes"
                return None, [Problem(display, 1, 1, "file-too-large", too_large)]
            raw = stream.read(max_bytes + 1)  # it may have grown since
        if len(raw) > max_bytes:
            return None, [Problem(display, 1, 1, "file-too-large", too_large)]
        return raw, []
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return None, [Problem(display, 1, 1, "unreadable", f"cannot read the file: {reason}")]


def _not_a_file(display: str) -> Problem:
    message = "not a regular file (a folder, pipe, socket or device); it was not read"
    return Problem(display, 1, 1, "not-a-file", message)


def load_bytes(
    raw: bytes, display: str, *, keep_unknown_tags: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Check that the bytes are UTF-8 text, then parse them."""

    def fail(line: int, col: int, code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, col, code, message)]

    if b"\x00" in raw:
        return fail(1, 1, "binary-file", "expected UTF-8 text, found binary data (NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return fail(
            line,
            col,
            "not-utf8",
            f"expected UTF-8 text, found byte 0x{raw[err.start]:02x}; save the file as UTF-8",
        )
    if not text.strip():
        return fail(1, 1, "empty-file", "the file is empty; expected a mapping")
    return load_text(text, display, keep_unknown_tags=keep_unknown_tags)


def load_file(
    path: Path, display: str, *, max_bytes: int = MAX_BYTES, keep_unknown_tags: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Read, check and parse a file; limits are checked before anything is parsed."""
    raw, problems = read_file(path, display, max_bytes=max_bytes)
    if raw is None:
        return None, problems
    return load_bytes(raw, display, keep_unknown_tags=keep_unknown_tags)
