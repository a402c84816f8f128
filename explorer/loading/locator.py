"""Turn a path into the scenario data (e.g. a pydantic `loc`) into a file position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from explorer.loading.positions import PositionMap
from explorer.loading.yaml_reader import LINE_BREAK
from explorer.problems import Position


class Locator:
    """Finds where things are written, across the main file and its includes."""

    def __init__(self, positions: PositionMap, fallback: Position) -> None:
        self.positions = positions
        self.fallback = fallback
        self.root: Any = None
        """The main file's top-level mapping."""
        self.raw_nodes: dict[str, Any] = {}
        """Each node id's raw mapping, from whichever file defined it."""
        self.node_keys: dict[str, tuple[dict[str, Any], str]] = {}
        """The mapping (and its file) where each node id is written as a key."""
        self.texts: dict[str, str] = {}
        """Each file's text, kept only while the checks run (see `written_at`)."""
        self._lines: dict[str, list[str]] = {}

    def path(self, root: Any, path: Sequence[Any], *, key: bool = False) -> Position:
        """Position of the value at `path` below `root` (of the key, with `key=True`).

        Path elements that are not in the data (pydantic's union tags, a missing key) are
        skipped; the deepest place found is returned — never a made-up line.
        """
        current = root
        best = self.positions.start(root) or self.fallback
        for index, step in enumerate(path):
            last = index == len(path) - 1
            if isinstance(current, dict) and step in current:
                found = (self.positions.key if key and last else self.positions.value)(current, step)
                current = current[step]
            elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
                found = self.positions.value(current, step)
                current = current[step]
            else:
                continue
            if found is not None:
                best = found
        return best

    def node(self, node_id: str, *path: Any, key: bool = False) -> Position:
        """Position inside node `node_id` (its id's key when `path` is empty)."""
        raw = self.raw_nodes.get(node_id)
        if raw is None:
            return self.fallback
        if not path:
            return self._node_key(node_id) or self.positions.start(raw) or self.fallback
        return self.path(raw, path, key=key)

    def written_at(self, start: Position, value: str, offset: int) -> Position:
        """Where character `offset` of a text value starting at `start` is written.

        Only when the file shows the value's first `offset` characters there verbatim (a plain
        or quoted value on one line, without escapes before the offset); otherwise — a block
        scalar, a folded line, an escape — the value's start, never a guessed column.
        """
        source = self.texts.get(start.file)
        if source is None or not start.line or offset <= 0:
            return start
        if start.file not in self._lines:
            self._lines[start.file] = LINE_BREAK.split(source)  # as YAML counts lines: CR, LF, CRLF, …
        lines = self._lines[start.file]
        line = lines[start.line - 1] if start.line <= len(lines) else ""
        if line[start.col - 1 : start.col - 1 + offset] != value[:offset]:
            return start
        return Position(start.file, start.line, start.col + offset)

    def forget_texts(self) -> None:
        self.texts.clear()
        self._lines.clear()

    def option(self, node_id: str, index: int, *path: Any, key: bool = False) -> Position:
        return self.node(node_id, "options", index, *path, key=key)

    def _node_key(self, node_id: str) -> Position | None:
        entry = self.node_keys.get(node_id)
        if entry is None:
            return None
        section, file = entry
        return self.positions.key(section, node_id) or Position(file)
