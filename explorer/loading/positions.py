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


Entry = tuple[Any, str, int, int, "dict[Any, tuple[int, int, int, int]] | None", "list[tuple[int, int]] | None"]
"""One container's positions as stored: (container, file, line, col, keys, items), as in `Node`.

A plain tuple is several times cheaper to make than a `Node`, and the reader makes one per
mapping and sequence; a `Node` is only made when someone asks for one.
"""


@dataclass
class PositionMap:
    """Positions of every container built from YAML, found by the container's identity."""

    nodes: dict[int, Entry] = field(default_factory=dict)

    def add(self, container: Any, node: Node) -> None:
        self.nodes[id(container)] = (container, node.file, node.line, node.col, node.keys, node.items)

    def _entry(self, container: Any) -> Entry | None:
        entry = self.nodes.get(id(container))
        return entry if entry is not None and entry[0] is container else None

    def of(self, container: Any) -> Node | None:
        entry = self._entry(container)
        return Node(*entry[1:]) if entry is not None else None

    def merge(self, other: PositionMap) -> None:
        self.nodes.update(other.nodes)

    def key(self, mapping: Any, key: Any) -> Position | None:
        """Where a key of a mapping is written."""
        entry = self._entry(mapping)
        if entry is None or entry[4] is None or key not in entry[4]:
            return None
        kl, kc, _, _ = entry[4][key]
        return Position(entry[1], kl, kc)

    def value(self, container: Any, key: Any) -> Position | None:
        """Where the value under `key` (or list index) starts."""
        entry = self._entry(container)
        if entry is None:
            return None
        _, file, _, _, keys, items = entry
        if keys is not None and key in keys:
            _, _, vl, vc = keys[key]
            return Position(file, vl, vc)
        if items is not None and isinstance(key, int) and 0 <= key < len(items):
            line, col = items[key]
            return Position(file, line, col)
        return None

    def start(self, container: Any) -> Position | None:
        entry = self._entry(container)
        return Position(entry[1], entry[2], entry[3]) if entry is not None else None
