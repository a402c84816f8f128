"""A map of the scenario as a `Tree`, filled lazily: a node's children are added when it is
first expanded, so a 100k-node scenario costs only what has been opened. The graph is a DAG,
so a node reached by several routes appears under each of its parents."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.tui.literal import printable
from explorer.tui.wording import actor_colour
from explorer.walk import Walk, branches

KIND_MARK = {"decision": "◆", "chance": "◇", "outcome": "■", "round": "◈"}
LIKELY = "»"
"""Marks the lines of the most likely path (with the walk's own marks, the line is underlined)."""


@dataclass(frozen=True, slots=True)
class MapEntry:
    """A tree line: the scenario node it shows and the option of its parent that leads to it."""

    node_id: str
    index: int
    """The parent's branch: its option index, or at a round its rule index; -1 for the root."""
    parent: str | None = None
    """The parent's scenario node id; None for the root."""


class ScenarioMap(Tree[MapEntry]):
    """The scenario's tree of moves, with the walk's route marked and the current node under
    the cursor. Selecting a line (Enter, click) asks to go there."""

    DEFAULT_CSS = """
    ScenarioMap { width: 30; border: round $primary 60%; background: $surface; }
    ScenarioMap:focus { border: round $primary; }
    """

    class NodeChosen(Message):
        """The person chose a line: `lines` is the branch indices from the start to it (see `Walk.lines`)."""

        def __init__(self, lines: tuple[int, ...]) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self, graph: ScenarioGraph, *, id: str | None = None) -> None:
        self.graph = graph
        root_label = self._label(MapEntry(graph.start, -1))
        super().__init__(root_label, data=MapEntry(graph.start, -1), id=id)
        self.auto_expand = False
        self.guide_depth = 2
        self.border_title = "Map"
        self._filled: set[int] = set()
        self._marked: list[TreeNode[MapEntry]] = []
        self._marks: dict[int, str] = {}
        """Tree node id → 'here' or 'visited'."""
        self._opened: list[TreeNode[MapEntry]] = []
        self._likely: list[TreeNode[MapEntry]] = []
        """The lines of the most likely path, when the analysis marks are on."""
        self._likely_ids: set[int] = set()
        self._likely_route: tuple[int, ...] | None = None

    # --- labels --------------------------------------------------------------------------
    def _label(self, entry: MapEntry) -> Text:
        """'◆ Talk → Beta answers': the kind of the node reached, the move, the node's title."""
        node = self.graph.node(entry.node_id)
        text = Text(no_wrap=True, overflow="ellipsis")
        kind_style = actor_colour(self.graph, node.actor) if node.KIND == NodeKind.DECISION else "grey62"
        text.append(KIND_MARK[node.kind] + " ", kind_style)
        title = printable(node.title, one_line=True)
        if entry.parent is None:
            text.append(title)
        else:
            text.append(printable(self._branch_label(entry.parent, entry.index), one_line=True))
            text.append(f" → {title}", "dim")
        return text

    def _branch_label(self, parent: str, index: int) -> str:
        """An option's label; at a round, its rule's ('rule 2: Both sides escalate', or 'rule 2')."""
        compiled = self.graph.round(parent)
        if compiled is None:
            return self.graph.actions(parent)[index].option.label
        rule = compiled.rules[index].rule
        return f"rule {index + 1}: {rule.label}" if rule.label else f"rule {index + 1}"

    def render_label(self, node: TreeNode[MapEntry], base_style: Style, style: Style) -> Text:
        """The label with the walk's marks: '● ' and reversed here, '✓ ' and bold on the route."""
        text = super().render_label(node, base_style, style)
        mark = self._marks.get(node.id)
        likely = node.id in self._likely_ids
        if mark is None and not likely:
            return text
        icon = len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else 0
        label = text[icon:]
        if mark is not None:
            label.stylize("bold reverse" if mark == "here" else "bold")
            badge = Text("● ", "bold yellow") if mark == "here" else Text("✓ ", "bold green")
        else:
            badge = Text(LIKELY + " ", "bold magenta")
        if likely:
            label.stylize("underline magenta" if mark is not None else "magenta")
        return Text.assemble(text[:icon], badge, label)

    # --- lazy filling --------------------------------------------------------------------
    def fill(self, tree_node: TreeNode[MapEntry]) -> None:
        """Add a line's children (one per option, in file order) unless already added."""
        if tree_node.id in self._filled or tree_node.data is None:
            return
        self._filled.add(tree_node.id)
        for index, to in branches(self.graph, tree_node.data.node_id):
            entry = MapEntry(to, index, tree_node.data.node_id)
            target = self.graph.node(entry.node_id)
            tree_node.add(self._label(entry), entry, allow_expand=target.KIND != NodeKind.OUTCOME)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[MapEntry]) -> None:
        self.fill(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[MapEntry]) -> None:
        event.stop()
        lines = tuple(n.data.index for n in _lineage(event.node)[1:] if n.data is not None)
        self.post_message(self.NodeChosen(lines))

    # --- marking the walk's route --------------------------------------------------------
    def show_walk(self, walk: Walk) -> None:
        """Mark the walk's way from the start (see `Walk.lines`)."""
        lines = walk.lines()
        self.show_route(lines[0] if lines is not None else None)

    def show_route(self, route: tuple[int, ...] | None) -> None:
        """Mark the lines from the root along `route` and put the cursor on the last one.

        Lines opened for an earlier route and not on this one are closed again; lines the
        person opened stay open. None (a node no route reaches) marks nothing.
        """
        for tree_node in self._marked:
            self._mark(tree_node, None)
        path = self._lines(route or ())
        on_path = {n.id for n in path}
        for tree_node in self._opened:
            if tree_node.id not in on_path and tree_node.id not in self._likely_ids and tree_node.is_expanded:
                tree_node.collapse()
        openable = [n for n in path if n.allow_expand]
        self._opened = [n for n in self._opened if n.id in on_path] + [n for n in openable if not n.is_expanded]
        for tree_node in openable:
            self.fill(tree_node)
            if not tree_node.is_expanded:
                tree_node.expand()
        if route is None:
            self._marked = []
            return
        for tree_node in path[:-1]:
            self._mark(tree_node, "visited")
        self._mark(path[-1], "here")
        self._marked = path
        self.move_cursor(path[-1])

    def _lines(self, route: tuple[int, ...]) -> list[TreeNode[MapEntry]]:
        """The lines from the root along `route` (filling them as needed)."""
        path = [self.root]
        for index in route:
            parent = path[-1]
            self.fill(parent)
            if not 0 <= index < len(parent.children):
                break
            path.append(parent.children[index])
        return path

    def show_likely(self, route: tuple[int, ...] | None) -> None:
        """Highlight the lines of the most likely path (`route`: option indices from the start),
        opening them so it can be followed; None removes the highlight."""
        if route == self._likely_route:
            return
        self._likely_route = route
        before = self._likely
        self._likely = self._lines(route) if route is not None else []
        self._likely_ids = {n.id for n in self._likely}
        for tree_node in self._likely:
            if tree_node.allow_expand and not tree_node.is_expanded:
                self.fill(tree_node)
                tree_node.expand()
        for tree_node in [*before, *self._likely]:
            tree_node.refresh()

    def _mark(self, tree_node: TreeNode[MapEntry], mark: str | None) -> None:
        if self._marks.get(tree_node.id) == mark:
            return
        if mark is None:
            del self._marks[tree_node.id]
        else:
            self._marks[tree_node.id] = mark
        tree_node.refresh()


def _lineage(tree_node: TreeNode[MapEntry]) -> list[TreeNode[MapEntry]]:
    nodes = [tree_node]
    while nodes[-1].parent is not None:
        nodes.append(nodes[-1].parent)
    return list(reversed(nodes))
