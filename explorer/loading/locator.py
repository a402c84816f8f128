"""Turn a path into the scenario data (e.g. a pydantic `loc`) into a file position."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from explorer.loading.positions import PositionMap
from explorer.loading.yaml_hints import LINE_BREAK
from explorer.problems import Position


class Locator:
    """Finds where things are written, across the main file and its includes."""

    def __init__(self, positions: PositionMap, fallback: Position) -> None:
        self.positions = positions
        self._fallback = fallback
        self._fallback_root: Any = None
        self.root: Any = None
        """The main file's top-level mapping."""
        self.raw_items: dict[str, dict[str, Any]] = {}
        """Section name → each id's raw mapping, from whichever file defined it."""
        self.raw_nodes: dict[str, Any] = {}
        """Each node id's raw mapping (`raw_items["nodes"]`)."""
        self.node_keys: dict[str, tuple[dict[str, Any], str]] = {}
        """The mapping (and its file) where each node id is written as a key."""
        self.texts: dict[str, str] = {}
        """Each file's text, kept only while the checks run (see `written_at`)."""
        self._lines: dict[str, list[str]] = {}
        self.sources: dict[str, Path | str] = {}
        """Where each file can be read again: its path on disk, or its text (`load_text`)."""
        self.kept: set[str] = set()
        """Nodes whose raw mapping is kept whatever happens: they had errors (see `sections`)."""
        self._released: set[str] = set()
        self._marked_trees: dict[str, Any] = {}

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

    @property
    def fallback(self) -> Position:
        """Where a problem with no better place is reported: the main file's top-level mapping, once
        it is read (found when first needed: a quick read has no positions until then)."""
        if self._fallback_root is not None:
            self._fallback = self.positions.start(self._fallback_root) or self._fallback
            self._fallback_root = None
        return self._fallback

    def set_root(self, root: Any, file: str) -> None:
        """The main file's top-level mapping (read from `file`)."""
        self.root = root
        self._fallback = Position(file, 1, 1)
        self._fallback_root = root

    def add_unmarked(self, file: str, root: Any) -> None:
        """`root` of `file` was read without positions (`quick_reader`): read `file` again with marks
        when a position inside it is first needed."""
        self.positions.add_unmarked(root, lambda: self._marked_tree(file))

    def _marked_tree(self, file: str) -> Any:
        """`file` read with marks, once: its positions and its raw nodes let go (`_read_again`) come
        from the same read (a broken 100k-node file was read with marks twice: 3 s each)."""
        if file not in self._marked_trees:
            from explorer.loading.yaml_reader import read_yaml
            from explorer.problems import Problems

            text = self._text(file)
            self._marked_trees[file] = read_yaml(text, file, Problems(), marks=True).value if text is not None else None
        return self._marked_trees[file]

    def can_reread(self, file: str) -> bool:
        return file in self.sources

    def released(self, file: str) -> None:
        """Some raw nodes of `file` were let go (set to None in its `nodes` section) after validation."""
        self._released.add(file)

    def raw_node(self, node_id: str) -> Any:
        """The raw mapping of node `node_id` as written, read again from its file if it was let go."""
        raw = self.raw_nodes.get(node_id)
        if raw is None and node_id in self.node_keys and self.node_keys[node_id][1] in self._released:
            self._read_again(self.node_keys[node_id][1])
            raw = self.raw_nodes.get(node_id)
        return raw

    def _read_again(self, file: str) -> None:
        """Parse `file` anew for the raw nodes let go (the same text gives the same positions)."""
        self._released.discard(file)
        tree = self._marked_tree(file)
        nodes = tree.get("nodes") if isinstance(tree, dict) else None
        if not isinstance(nodes, dict):
            return
        for node_id, raw in nodes.items():
            entry = self.node_keys.get(node_id)
            if entry is not None and entry[1] == file and self.raw_nodes.get(node_id) is None:
                self.raw_nodes[node_id] = raw

    def _text(self, file: str) -> str | None:
        """The text of `file`: kept, or read again from disk (see `drop_texts`)."""
        from explorer.loading.yaml_reader import decode
        from explorer.problems import Problems

        source = self.sources.get(file)
        text = source if isinstance(source, str) else self.texts.get(file)
        if text is None and isinstance(source, Path):
            try:
                text = decode(source.read_bytes(), file, Problems())
            except OSError:
                return None
            if text is not None:
                self.texts[file] = text
        return text

    def drop_texts(self) -> None:
        """Let go of the texts of files on disk whose raw nodes were let go: they are read again
        if a check needs a place inside such a node."""
        for file in self._released:
            if isinstance(self.sources.get(file), Path):
                self.texts.pop(file, None)

    def node(self, node_id: str, *path: Any, key: bool = False) -> Position:
        """Position inside node `node_id` (its id's key when `path` is empty)."""
        if not path:
            return self._node_key(node_id) or self._node_start(node_id)
        raw = self.raw_node(node_id)
        if raw is None:
            return self._node_key(node_id) or self.fallback
        return self.path(raw, path, key=key)

    def item(self, section: str, item_id: str, *path: Any, key: bool = False) -> Position:
        """Position inside the item `item_id` of a section (`actors`, `metrics`, `injects`, …)."""
        if section == "nodes":
            return self.node(item_id, *path, key=key)
        raw = self.raw_items.get(section, {}).get(item_id)
        if raw is None:
            return self.fallback
        return self.path(raw, path, key=key) if path else self.positions.start(raw) or self.fallback

    def _node_start(self, node_id: str) -> Position:
        raw = self.raw_node(node_id)
        return (self.positions.start(raw) if raw is not None else None) or self.fallback

    def written_at(self, start: Position, value: str, offset: int) -> Position:
        """Where character `offset` of a text value starting at `start` is written.

        Only when the file shows the value's first `offset` characters there verbatim (a plain
        or quoted value on one line, without escapes before the offset); otherwise — a block
        scalar, a folded line, an escape — the value's start, never a guessed column.
        """
        if not start.line or offset <= 0:
            return start
        source = self._text(start.file)
        if source is None:
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
