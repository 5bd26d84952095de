"""Safe YAML loading that keeps the line and column of every node.

PyYAML's own constructors lose positions, silently keep the last of two duplicate
keys and expand aliases without limit. Here the file is composed into nodes (cheap:
aliases are shared, not copied) and converted by hand, with a node budget, so that
every later stage can point at `path:line:col`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from vigil.problems import Problem

try:  # the C parser is several times faster; marks are the same
    from yaml import CSafeLoader as _Loader

    _BYTE_OFFSETS = True  # but it reports a refused character by its UTF-8 byte offset
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_OFFSETS = False

MAX_BYTES = 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 50

Loc = tuple[str | int, ...]
# The line breaks YAML counts, so lines split by these are the lines problems point at.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_STR_TAG = "tag:yaml.org,2002:str"

# Plain scalars YAML 1.1 turns into something other than text, by the tag it gave them.
_SURPRISE_TAGS = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
}


class Position(NamedTuple):
    """A 1-based line and column. A tuple: one is made per node, and tuples are cheap."""

    line: int
    col: int


@dataclass(frozen=True)
class Document:
    """Plain data from one YAML file plus the composed nodes that say where each was written.

    Positions are looked up in the node tree only when a problem needs one: recording a
    position for every value up front cost more than the rest of the conversion.
    """

    path: str
    data: Any
    root: yaml.Node | None = None
    # Source text and YAML 1.1 kind of plain scalars that did not become strings.
    plain: dict[Loc, tuple[str, str]] = field(default_factory=dict)

    def _find(self, loc: Loc, *, key: bool = False) -> tuple[yaml.Node | None, bool]:
        """The node written at `loc` (its key node if asked), else the nearest written
        ancestor; the flag says whether `loc` itself was found."""
        node = self.root
        if node is None:
            return None, False
        for i, part in enumerate(loc):
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if str(key_node.value) == part:
                        if key and i == len(loc) - 1:
                            return key_node, True
                        child = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part >= 0:
                child = node.value[part] if part < len(node.value) else None
            if child is None:
                return node, False
            node = child
        return node, True

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where `loc` was written, or its nearest written ancestor (for missing keys)."""
        node, _ = self._find(loc, key=key)
        return Position(1, 1) if node is None else _pos(node)

    def scalar(self, loc: Loc) -> tuple[str, str] | None:
        """The source text and quoting style ('' when plain) of the scalar written at `loc`."""
        node, found = self._find(loc)
        if not found or not isinstance(node, yaml.ScalarNode):
            return None
        return str(node.value), node.style or ""

    def problem(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Problem:
        pos = self.position(loc, key=key)
        return Problem(self.path, pos.line, pos.col, code, message)


class _RejectedNodeError(Exception):
    """A node the format refuses: duplicate key, odd tag, or past the size budget."""

    def __init__(self, node: yaml.Node, code: str, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.code = code


def _pos(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


class _Converter:
    def __init__(self, *, keep_unknown_tags: bool) -> None:
        self.plain: dict[Loc, tuple[str, str]] = {}
        self.count = 0
        self.keep_unknown_tags = keep_unknown_tags
        self.scalars = SafeConstructor()

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _RejectedNodeError(
                node,
                "alias-bomb",
                f"the document expands to more than {MAX_NODES:,} values; "
                "aliases that repeat aliases (an alias bomb) are not allowed",
            )
        if len(loc) > MAX_DEPTH:
            raise _RejectedNodeError(
                node, "too-deep", f"the document nests deeper than {MAX_DEPTH} levels"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _RejectedNodeError(
                    key_node, "merge-key", "merge keys (<<) are not supported; write the keys out"
                )
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
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value  # what SafeConstructor gives for text, without its overhead
        if not node.tag.startswith("tag:yaml.org,2002:"):
            if self.keep_unknown_tags:  # mkdocs.yml uses !ENV and !!python/name
                return node.value
            raise _RejectedNodeError(node, "yaml-tag", f"unsupported tag {node.tag}")
        try:
            value = self.scalars.construct_object(node)
        except ConstructorError as err:
            raise _RejectedNodeError(node, "yaml-tag", str(err.problem)) from None
        if isinstance(node, yaml.ScalarNode) and not node.style and not isinstance(value, str):
            self.plain[loc] = (str(node.value), _SURPRISE_TAGS.get(node.tag, "value"))
        return value


def load_text(
    text: str, path: str, *, keep_unknown_tags: bool = False
) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into a Document, or explain why not."""

    def fail(line: int, col: int, code: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(path, line, col, code, message)]

    try:
        node = yaml.compose(text, Loader=_Loader)
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
    converter = _Converter(keep_unknown_tags=keep_unknown_tags)
    try:
        data = converter.convert(node, ())
    except _RejectedNodeError as err:
        pos = _pos(err.node)
        return fail(pos.line, pos.col, err.code, str(err))
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"'{node.value}'"
        start = _pos(node)
        return fail(
            start.line,
            start.col,
            "not-a-mapping",
            f"expected a mapping of keys (id:, title:, ...) at the top, found {kind}",
        )
    doc = Document(path, data, node, converter.plain)
    return doc, []


def read_file(
    path: Path, display: str, *, max_bytes: int = MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why not; the size limit is checked before anything is read."""
    too_large = f"the file is over the limit of {max_bytes:,} bytes"
    try:
        size = path.stat().st_size
        if size > max_bytes:
            too_large = f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes"
            return None, [Problem(display, 1, 1, "file-too-large", too_large)]
        with path.open("rb") as stream:  # devices and pipes report no size: read at most
            raw = stream.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None, [Problem(display, 1, 1, "file-too-large", too_large)]
        return raw, []
    except OSError as err:
        message = f"cannot read the file: {err.strerror}"
        return None, [Problem(display, 1, 1, "unreadable", message)]


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
