"""Where each mapping, sequence, key and value read from YAML is written.

The reader builds `Mapping` and `Sequence` containers: a dict and a list that also carry where
they are written. The places of one file are kept in one array of 64-bit numbers (line << 32 |
column) that its containers share (`Places`); each container holds only its offset into it, so a
position costs 8 bytes, not a tuple and its numbers, and nothing maps containers to positions by
identity. At a mapping's offset come its own start, then key and value for each key in the dict's
order; at a sequence's, its start, then each item's.

A file read quickly (`quick_reader`) has plain dicts and lists with no places: `PositionMap` reads
it again with marks the first time a position inside it is asked for, and pairs each plain
container with its marked twin (the same text gives the same tree).
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Callable
from typing import Any

from explorer.problems import Position

_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
_INDEXED = 16
"""Mappings with more keys than this get a key → index table on their first lookup."""


def packed(line: int, col: int) -> int:
    return (line << _COLUMN_BITS) | col


class Places:
    """The places of one file's containers, in one array."""

    __slots__ = ("file", "places")

    def __init__(self, file: str) -> None:
        self.file = file
        self.places = array("Q")


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping: a dict that knows where it, its keys and its values are written.

    Made empty by the reader, which sets `src` and, when the mapping ends, `pos` (no Python
    `__init__`: the reader makes one per mapping, and a call would cost more than the dict)."""

    __slots__ = ("pos", "src")
    src: Places
    pos: int

    def __deepcopy__(self, memo: dict[int, Any]) -> Mapping:
        copied = Mapping()
        memo[id(self)] = copied
        _same_places(self, copied)
        for key, value in self.items():
            copied[key] = copy.deepcopy(value, memo)
        return copied


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence: a list that knows where it and its items are written (made as a `Mapping` is)."""

    __slots__ = ("pos", "src")
    src: Places
    pos: int

    def __deepcopy__(self, memo: dict[int, Any]) -> Sequence:
        copied = Sequence()
        memo[id(self)] = copied
        _same_places(self, copied)
        copied.extend(copy.deepcopy(value, memo) for value in self)
        return copied


def _same_places(original: Mapping | Sequence, copied: Mapping | Sequence) -> None:
    """A copy shares the file's places (copying them would copy the whole file's: quadratic)."""
    for name in ("src", "pos"):
        if hasattr(original, name):
            setattr(copied, name, getattr(original, name))


def _position(file: str, place: int) -> Position:
    return Position(file, place >> _COLUMN_BITS, place & _COLUMN_MASK)


class PositionMap:
    """Looks up positions in containers the reader built (others have none: None)."""

    def __init__(self) -> None:
        self._indexes: dict[int, tuple[Mapping, dict[Any, int]]] = {}
        self._unmarked: list[tuple[Any, Callable[[], Any]]] = []
        self._twins: dict[int, tuple[Any, Mapping | Sequence]] = {}

    def merge(self, other: PositionMap) -> None:
        """Nothing to merge: positions live in the containers (kept for the loader's one call per file)."""

    def add_unmarked(self, root: Any, reread: Callable[[], Any]) -> None:
        """A file read without positions: `reread()` gives its tree with marks, when one is first needed."""
        self._unmarked.append((root, reread))

    def _marked(self, container: Any) -> Any:
        """The container itself, or for a plain one from a quick read, its marked twin (None if none)."""
        if container.__class__ is not dict and container.__class__ is not list:
            return container
        while self._unmarked:
            root, reread = self._unmarked.pop()
            self._pair(root, reread())
        twin = self._twins.get(id(container))
        return twin[1] if twin is not None and twin[0] is container else None

    def _pair(self, plain: Any, marked: Any) -> None:
        """Pair each plain container with its marked twin, walking both trees alike (a raw node
        already let go, None in the plain tree, is skipped)."""
        stack = [(plain, marked)]
        while stack:
            one, two = stack.pop()
            if isinstance(two, Mapping) and one.__class__ is dict:
                self._twins[id(one)] = (one, two)
                stack.extend((v, two[k]) for k, v in one.items() if (v.__class__ is dict or v.__class__ is list) and k in two)
            elif isinstance(two, Sequence) and one.__class__ is list:
                self._twins[id(one)] = (one, two)
                stack.extend((v, w) for v, w in zip(one, two, strict=False) if v.__class__ is dict or v.__class__ is list)

    def _index(self, mapping: Mapping, key: Any) -> int | None:
        """The index of `key` in the mapping's key order."""
        if key not in mapping:
            return None
        if len(mapping) <= _INDEXED:
            for index, k in enumerate(mapping):
                if k == key:
                    return index
            return None  # pragma: no cover - `key in mapping` above
        found = self._indexes.get(id(mapping))
        if found is None or found[0] is not mapping or len(found[1]) != len(mapping):
            found = self._indexes[id(mapping)] = (mapping, {k: i for i, k in enumerate(mapping)})
        return found[1].get(key)

    def key(self, mapping: Any, key: Any) -> Position | None:
        """Where a key of a mapping is written."""
        mapping = self._marked(mapping)
        if not isinstance(mapping, Mapping) or not hasattr(mapping, "pos"):
            return None
        index = self._index(mapping, key)
        if index is None:
            return None
        return _position(mapping.src.file, mapping.src.places[mapping.pos + 1 + 2 * index])

    def value(self, container: Any, key: Any) -> Position | None:
        """Where the value under `key` (or list index) starts."""
        container = self._marked(container)
        if not hasattr(container, "pos"):
            return None
        if isinstance(container, Mapping):
            index = self._index(container, key)
            if index is None:
                return None
            place = container.pos + 2 + 2 * index
        elif isinstance(container, Sequence) and isinstance(key, int) and 0 <= key < len(container):
            place = container.pos + 1 + key
        else:
            return None
        return _position(container.src.file, container.src.places[place])

    def start(self, container: Any) -> Position | None:
        container = self._marked(container)
        if isinstance(container, (Mapping, Sequence)) and hasattr(container, "pos"):
            return _position(container.src.file, container.src.places[container.pos])
        return None
