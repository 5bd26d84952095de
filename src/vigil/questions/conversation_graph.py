"""The shape of a conversation's graph: what `vigil check` says is wrong with one.

Pure functions over node ids and edges, so the rules read the graph the same way whatever
else in the question failed. A node is an ending, or has replies, each leading to a node.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    """A graph as the rules see it: node ids in written order (the first is the start),
    the known nodes each node's replies lead to, and which nodes are endings."""

    order: Sequence[str]
    edges: Mapping[str, Sequence[str]]
    endings: frozenset[str]


def reachable(shape: Shape) -> set[str]:
    """The nodes a learner can reach from the first one."""
    if not shape.order:
        return set()
    seen = {shape.order[0]}
    todo = [shape.order[0]]
    while todo:
        for target in shape.edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def closed_cycles(shape: Shape) -> list[list[str]]:
    """Cycles the learner can enter and never leave: groups of nodes that reach each other
    and whose replies all stay inside the group. Each group in written order, the groups in
    the order of their first node."""
    components = _strongly_connected(shape)
    cycles = []
    for group in components:
        members = set(group)
        looped = len(group) > 1 or group[0] in shape.edges.get(group[0], ())
        closed = all(t in members for n in group for t in shape.edges.get(n, ()))
        if looped and closed and not members & shape.endings:
            cycles.append(sorted(group, key=shape.order.index))
    return sorted(cycles, key=lambda g: shape.order.index(g[0]))


def _strongly_connected(shape: Shape) -> list[list[str]]:
    """Tarjan's algorithm without recursion (a long chain of nodes must not overflow)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in shape.order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = shape.edges.get(node, ())
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups
