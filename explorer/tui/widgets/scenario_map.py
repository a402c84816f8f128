"""A map of the scenario as a `Tree`, filled lazily: a node's children are added when it is
first expanded, so a 100k-node scenario costs only what has been opened. The graph is a DAG,
so a node reached by several routes appears under each of its parents.

The walk's marks read without colour (`MARKS`, listed by `legend_text`): where the walk is, the
branches it took, the way to a jump's target (not walked), the branches locked where the walk passed,
and the branches taken earlier in the session. Deep lines stay legible: the map scrolls sideways to keep
the cursor's label in view, and the full-screen map (`MapScreen`) gives it the whole width."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import Enum

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode, UnknownNodeID

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.tui.literal import printable
from explorer.tui.wording import actor_colour
from explorer.walk import Walk, branches

KIND_MARK = {"decision": "◆", "chance": "◇", "outcome": "■", "round": "◈"}
KIND_WORDS = {"decision": "a decision (in its actor's colour)", "chance": "a chance node",
              "round": "a round: every listed actor moves at once; its branches are its rules",
              "outcome": "an ending"}
LIKELY = "»"
"""Marks the lines of the most likely path (with the walk's own marks, the line is underlined)."""


class Mark(Enum):
    """What the walk did with a line of the map: its badge, its style, and the legend's words."""

    HERE = ("●", "bold reverse", "where the walk is now")
    TAKEN = ("✓", "bold", "a branch this walk took")
    JUMPED = ("⤳", "italic", "the way to a node the walk jumped to: shown, not walked")
    LOCKED = ("⊘", "dim strike", "locked where the walk passed (its requires did not hold)")
    SEEN = ("◦", "", "a branch taken earlier in this session, off the current path")

    @property
    def badge(self) -> str:
        return self.value[0]

    @property
    def style(self) -> str:
        return self.value[1]

    @property
    def words(self) -> str:
        return self.value[2]


def legend_text() -> Content:
    """Every mark of the map and what it means (the map's legend, one key away)."""
    lines = [Content.styled("Kinds of node", "bold")]
    lines += [Content.assemble((f"  {mark}  ", "bold"), KIND_WORDS[kind]) for kind, mark in KIND_MARK.items()]
    lines += [Content(""), Content.styled("What the walk did", "bold")]
    lines += [Content.assemble((f"  {m.badge}  ", "bold"), m.words) for m in Mark]
    lines += [Content.assemble((f"  {LIKELY}  ", "bold"), "the most likely path, with analysis marks on (e)"),
              Content.assemble(("  ▶ ▼ ", "bold"), "a branch closed or open: Space or a click on it toggles it"),
              Content(""),
              Content("Enter or a click on a line goes there (a round is played with moves that fire that rule)."),
              Content("The map scrolls sideways to keep a deep line's label in view.")]
    return Content("\n").join(lines)


@dataclass(frozen=True, slots=True)
class MapEntry:
    """A tree line: the scenario node it shows and the option of its parent that leads to it."""

    node_id: str
    index: int
    """The parent's branch: its option index, or at a round its rule index; -1 for the root."""
    parent: str | None = None
    """The parent's scenario node id; None for the root."""


class ScenarioMap(Tree[MapEntry]):
    """The scenario's tree of moves, with the walk's marks and the current node under the cursor.
    Selecting a line (Enter, click) asks to go there. `full`: the full-screen map, which also opens the
    lines of the most likely path (the pane only marks the lines that are open)."""

    DEFAULT_CSS = """
    ScenarioMap { width: 30; border: round $primary 60%; background: $surface; overflow-x: auto;
                  scrollbar-size-horizontal: 0; }
    ScenarioMap:focus { border: round $primary; }
    """

    class NodeChosen(Message):
        """The person chose a line: `lines` is the branch indices from the start to it (see `Walk.lines`)."""

        def __init__(self, lines: tuple[int, ...]) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self, graph: ScenarioGraph, *, full: bool = False, id: str | None = None) -> None:
        self.graph = graph
        self.full = full
        root_label = self._label(MapEntry(graph.start, -1))
        super().__init__(root_label, data=MapEntry(graph.start, -1), id=id)
        self.auto_expand = False
        self.guide_depth = 2
        self.border_title = "Map"
        self.border_subtitle = "l legend"
        self._filled: set[int] = set()
        self._marks: dict[int, Mark] = {}
        """Tree node id → the walk's mark on that line."""
        self._opened: list[TreeNode[MapEntry]] = []
        self._likely: list[TreeNode[MapEntry]] = []
        """The lines of the most likely path, when the analysis marks are on."""
        self._likely_ids: set[int] = set()
        self._likely_route: tuple[int, ...] | None = None
        self._seen: set[tuple[str, int]] = set()
        """Branches (parent node id, index) taken earlier in the session."""

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
        """The label with the walk's mark as a badge and a style (see `Mark`), and the likely path's »."""
        text = super().render_label(node, base_style, style)
        mark = self._marks.get(node.id)
        likely = node.id in self._likely_ids
        if mark is None and not likely:
            return text
        icon = len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else 0
        label = text[icon:]
        badges = []
        if mark is not None:
            if mark.style:
                label.stylize(mark.style)
            badges.append(Text(mark.badge + " ", "bold"))
        if likely:
            badges.append(Text(LIKELY + " ", "bold magenta"))
            label.stylize("underline magenta" if mark is not None else "magenta")
        return Text.assemble(text[:icon], *badges, label)

    def get_label_width(self, node: TreeNode[MapEntry]) -> int:
        """The width `render_label` gives the line, worked out without rendering it (the tree measures
        every open line this way each time one opens or closes)."""
        icon = cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else 0
        mark = self._marks.get(node.id)
        badges = (cell_len(mark.badge) + 1 if mark is not None else 0) + (
            cell_len(LIKELY) + 1 if node.id in self._likely_ids else 0)
        return icon + node.label.cell_len + badges

    # --- lazy filling --------------------------------------------------------------------
    def fill(self, tree_node: TreeNode[MapEntry]) -> None:
        """Add a line's children (one per branch, in file order) unless already added."""
        if tree_node.id in self._filled or tree_node.data is None:
            return
        self._filled.add(tree_node.id)
        for index, to in branches(self.graph, tree_node.data.node_id):
            entry = MapEntry(to, index, tree_node.data.node_id)
            target = self.graph.node(entry.node_id)
            tree_node.add(self._label(entry), entry, allow_expand=target.KIND != NodeKind.OUTCOME)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[MapEntry]) -> None:
        self.fill(event.node)
        if self._seen:
            for child in event.node.children:
                if child.id not in self._marks and self._was_taken(child):
                    self._marks[child.id] = Mark.SEEN

    def on_tree_node_selected(self, event: Tree.NodeSelected[MapEntry]) -> None:
        event.stop()
        lines = tuple(n.data.index for n in _lineage(event.node)[1:] if n.data is not None)
        self.post_message(self.NodeChosen(lines))

    # --- keeping a deep label in view ------------------------------------------------------
    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        self.call_after_refresh(self.follow_cursor)

    def follow_cursor(self) -> None:
        """Scroll sideways so that the cursor line's label starts near the left edge when it would
        otherwise start past the middle (deep lines) or left of the view."""
        region = self._get_label_region(self.cursor_line)
        width = self.scrollable_content_region.width
        if region is None or not width:
            return
        left = region.x - self.scroll_x
        if left < 0 or left > width // 2:
            self.scroll_to(x=max(0, region.x - 4), animate=False)

    # --- marking the walk ------------------------------------------------------------------
    def show_walk(self, walk: Walk, seen: set[tuple[str, int]] | None = None) -> None:
        """Mark the walk on the map (see `Mark`) and put the cursor on where it is; `seen`: the branches
        (node id, index) taken earlier in the session."""
        self._seen = set(seen or ())
        found = walk.lines()
        old = list(self._marks)
        self._marks = {}
        if found is None:
            self._open_path([])
            self._mark_seen()
            self._refresh_ids(old)
            return
        lines, jumped = found
        path = self._lines(lines)
        self._open_path(path)
        for k, tree_node in enumerate(path):
            self._marks[tree_node.id] = Mark.JUMPED if k < jumped else Mark.TAKEN
        self._marks[path[-1].id] = Mark.HERE
        self._mark_locked(walk, path, jumped)
        self._mark_seen()
        self._refresh_ids(old + list(self._marks))
        self._cursor_to(path[-1])

    def _cursor_to(self, tree_node: TreeNode[MapEntry]) -> None:
        """Put the cursor on `tree_node` and scroll it into view, now and once the map is laid out (on
        its first show it has no size yet). The lines opened meanwhile are numbered first (`last_line`
        does it), so that the cursor goes to the node's line at once, in the same repaint."""
        _ = self.last_line  # numbers the lines opened meanwhile: the node's line is known now
        self.move_cursor(tree_node)
        self.call_after_refresh(self._cursor_again, tree_node)

    def _cursor_again(self, tree_node: TreeNode[MapEntry]) -> None:
        if self.cursor_node is not tree_node or self.cursor_line != tree_node.line:
            self.move_cursor(tree_node)
        elif tree_node.line >= 0:
            self.scroll_to_node(tree_node, animate=False)

    def _open_path(self, path: list[TreeNode[MapEntry]]) -> None:
        """Open the lines of `path`; lines opened for an earlier path and off this one are closed again
        (lines the person opened stay open)."""
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

    def _mark_locked(self, walk: Walk, path: list[TreeNode[MapEntry]], jumped: int) -> None:
        """Mark the branches that were locked where the walk passed (with the state it had there)."""
        last_jump = max((i for i, s in enumerate(walk.history) if s.jump), default=-1)
        walked = walk.history[last_jump + 1 :]
        states = [step.before for step in walked] + [walk.state]
        for t, state in enumerate(states):
            k = jumped + t
            if k >= len(path):
                break
            node_id = path[k].data.node_id if path[k].data is not None else ""
            for move in self.graph.actions(node_id):
                child = path[k].children[move.index] if move.index < len(path[k].children) else None
                if child is not None and child.id not in self._marks and self.graph.lock_reason(move, state):
                    self._marks[child.id] = Mark.LOCKED

    def _mark_seen(self) -> None:
        if not self._seen:
            return
        for tree_node in self._open_lines():
            if tree_node.id not in self._marks and self._was_taken(tree_node):
                self._marks[tree_node.id] = Mark.SEEN

    def _was_taken(self, tree_node: TreeNode[MapEntry]) -> bool:
        entry = tree_node.data
        return entry is not None and entry.parent is not None and (entry.parent, entry.index) in self._seen

    def _open_lines(self) -> list[TreeNode[MapEntry]]:
        """The lines shown (the children of open lines)."""
        found, stack = [], [self.root]
        while stack:
            tree_node = stack.pop()
            found.append(tree_node)
            if tree_node.is_expanded:
                stack.extend(tree_node.children)
        return found

    def _refresh_ids(self, ids: list[int]) -> None:
        for tree_node_id in set(ids):
            with contextlib.suppress(UnknownNodeID):  # a line removed meanwhile: nothing to redraw
                self.get_node_by_id(tree_node_id).refresh()

    def show_route(self, route: tuple[int, ...] | None) -> None:
        """Mark the lines from the root along `route` as taken, the last as here (for a map that shows a
        route rather than a walk)."""
        old = list(self._marks)
        self._marks = {}
        path = self._lines(route or ())
        self._open_path(path)
        if route is not None:
            self._marks.update({n.id: Mark.TAKEN for n in path})
            self._marks[path[-1].id] = Mark.HERE
            self._cursor_to(path[-1])
        self._refresh_ids(old + list(self._marks))

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
        """Highlight the lines of the most likely path (`route`: branch indices from the start); the
        full-screen map opens them so it can be followed, the pane marks those that are open. None
        removes the highlight."""
        if route == self._likely_route and self.full:
            return
        self._likely_route = route
        before = self._likely
        if route is None:
            self._likely = []
        elif self.full:
            self._likely = self._lines(route)
            for tree_node in self._likely:
                if tree_node.allow_expand and not tree_node.is_expanded:
                    self.fill(tree_node)
                    tree_node.expand()
        else:
            self._likely = self._open_prefix(route)
        self._likely_ids = {n.id for n in self._likely}
        for tree_node in [*before, *self._likely]:
            tree_node.refresh()

    def _open_prefix(self, route: tuple[int, ...]) -> list[TreeNode[MapEntry]]:
        """The lines of `route` that are shown now (it stops at the first closed line)."""
        path = [self.root]
        for index in route:
            parent = path[-1]
            if not parent.is_expanded or not 0 <= index < len(parent.children):
                break
            path.append(parent.children[index])
        return path


def _lineage(tree_node: TreeNode[MapEntry]) -> list[TreeNode[MapEntry]]:
    nodes = [tree_node]
    while nodes[-1].parent is not None:
        nodes.append(nodes[-1].parent)
    return list(reversed(nodes))
