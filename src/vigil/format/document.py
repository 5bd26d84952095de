"""Where each value of a YAML file was written: the data with its composed node tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from vigil.problems import Problem

# A value's place in the data: keys and list indexes from the top.
Loc = tuple[str | int, ...]


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
    # Each text value with the top-level key it is under, in the order written; an alias
    # appears once per use. Lints that read all text (hygiene) need no walk of their own.
    texts: list[tuple[str | int, yaml.ScalarNode]] = field(default_factory=list)

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
        return Position(1, 1) if node is None else node_position(node)

    def scalar(self, loc: Loc) -> tuple[str, str] | None:
        """The source text and quoting style ('' when plain) of the scalar written at `loc`."""
        node, found = self._find(loc)
        if not found or not isinstance(node, yaml.ScalarNode):
            return None
        return str(node.value), node.style or ""

    def problem(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Problem:
        pos = self.position(loc, key=key)
        return Problem(self.path, pos.line, pos.col, code, message)


def node_position(node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)
