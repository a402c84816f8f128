"""Positions of the mappings and sequences built from YAML, found by the container's identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.problems import Position


@dataclass(slots=True)
class Node:
    """Positions of one mapping or sequence: its own start and each child's."""

    file: str
    line: int
    col: int
    keys: dict[Any, tuple[int, int, int, int]] | None = None
    """For a mapping: key → (key line, key col, value line, value col)."""
    items: list[tuple[int, int]] | None = None
    """For a sequence: each item's (line, col)."""


@dataclass
class PositionMap:
    """Positions of every container built from YAML, found by the container's identity."""

    nodes: dict[int, tuple[Any, Node]] = field(default_factory=dict)

    def add(self, container: Any, node: Node) -> None:
        self.nodes[id(container)] = (container, node)

    def of(self, container: Any) -> Node | None:
        entry = self.nodes.get(id(container))
        return entry[1] if entry is not None and entry[0] is container else None

    def merge(self, other: PositionMap) -> None:
        self.nodes.update(other.nodes)

    def key(self, mapping: Any, key: Any) -> Position | None:
        """Where a key of a mapping is written."""
        node = self.of(mapping)
        if node is None or node.keys is None or key not in node.keys:
            return None
        kl, kc, _, _ = node.keys[key]
        return Position(node.file, kl, kc)

    def value(self, container: Any, key: Any) -> Position | None:
        """Where the value under `key` (or list index) starts."""
        node = self.of(container)
        if node is None:
            return None
        if node.keys is not None and key in node.keys:
            _, _, vl, vc = node.keys[key]
            return Position(node.file, vl, vc)
        if node.items is not None and isinstance(key, int) and 0 <= key < len(node.items):
            line, col = node.items[key]
            return Position(node.file, line, col)
        return None

    def start(self, container: Any) -> Position | None:
        node = self.of(container)
        return Position(node.file, node.line, node.col) if node else None
