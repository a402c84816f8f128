"""The anchors of the node-screen figures: bare Textual screens with the widgets our node screen has, and
nothing of the explorer (this module imports only Textual, so a bare process stays bare).

`NodeLike` has a title bar, a breadcrumb line, a `Tree` (the map), the node's title, facts and text in a
scrolling column, an `OptionList`, the metrics and the option's details in a scrolling side panel, a
status line and a `Footer`. `NodeLike.step(key)` does by hand what a walking key does to our screen:
the tree opens the chosen line (its two branches added, the cursor on it) or closes it again (back), the
options are replaced, every text is updated, in one batch.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, Tree
from textual.widgets.tree import TreeNode

CSS = """
NodeLike #body { height: 1fr; }
NodeLike #map { width: 30; border: round $primary; }
NodeLike #centre { width: 1fr; }
NodeLike #node { height: 1fr; padding: 0 1; }
NodeLike #options { height: 45%; border: round $primary; }
NodeLike #side { width: 26; border: round $primary; }
NodeLike #title-bar, NodeLike #crumbs, NodeLike #status { height: 1; }
"""


class NodeLike(Screen[None]):
    """Our node screen's widgets, filled from `data` (the strings ours shows)."""

    DEFAULT_CSS = CSS

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data
        self.path: list[TreeNode[int]] = []

    def compose(self) -> ComposeResult:
        data = self.data
        yield Static(data["title"], id="title-bar")
        yield Static("Start", id="crumbs")
        with Horizontal(id="body"):
            tree: Tree[int] = Tree(data["node_title"], data=0, id="map")
            for label in data["branches"]:
                tree.root.add(label, allow_expand=True)
            tree.root.expand()
            yield tree
            with Vertical(id="centre"):
                with VerticalScroll(id="node"):
                    yield Static(data["node_title"], id="node-title")
                    yield Static(data["meta"], id="node-meta")
                    yield Static(data["text"], id="node-text")
                yield OptionList(*data["options"], id="options")
            with VerticalScroll(id="side"):
                yield Static(data["metrics"], id="metrics")
                yield Static(data["detail"], id="detail")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.path = [self.query_one(Tree).root]

    def step(self, key: str) -> None:
        """A walking key: '1'/'2' go down that branch, 'backspace' goes back, 'r' to the start."""
        tree: Tree[int] = self.query_one(Tree)
        with self.app.batch_update():
            if key in ("1", "2"):
                here = self.path[-1]
                child = here.children[int(key) - 1] if len(here.children) >= int(key) else here
                if not child.children:
                    for branch in (1, 2):
                        child.add(f"◆ Go {'left' if branch == 1 else 'right'} → Node {len(self.path) * 2 + branch}",
                                  data=branch, allow_expand=True)
                child.expand()
                self.path.append(child)
            elif key == "backspace" and len(self.path) > 1:
                self.path.pop().collapse()
            elif key == "r":
                while len(self.path) > 1:
                    self.path.pop().collapse()
            depth = len(self.path) - 1
            tree.move_cursor(self.path[-1])
            self.query_one("#title-bar", Static).update(f"{self.data['title']}  ·  seed 1  ·  step {depth}")
            self.query_one("#crumbs", Static).update(" › ".join(["Start", *(f"Alpha: Go left {k}" for k in range(depth))]))
            self.query_one("#node-title", Static).update(f"Node {depth}")
            self.query_one("#node-meta", Static).update(f"● Alpha · decision · step {depth}")
            self.query_one("#node-text", Static).update(f"Some text for node {depth}.")
            self.query_one(OptionList).set_options(
                [f"  1 Go left {depth}\n    Tension +1", f"  2 Go right {depth}\n    Tension -1\n    ⊘ locked: t < 9"])
            self.query_one(OptionList).highlighted = 0
            self.query_one("#metrics", Static).update(f"Tension        {depth % 10}\n{'█' * (depth % 10)}")
            self.query_one("#detail", Static).update(f"Option 1: Go left {depth}\nLeads to: Node {depth + 1}")


def node_like(data: dict[str, Any]) -> NodeLike:
    """A `NodeLike` whose footer shows the keys in `data` (as ours shows its keys)."""
    keys = [(key, "app.bell", words) for key, words in data.get("keys", [])]
    return type("NodeLike", (NodeLike,), {"BINDINGS": keys})(data)


class BareNodeApp(App[None]):
    """A bare app showing `NodeLike` at once; each walking key steps it."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data

    def on_mount(self) -> None:
        self.push_screen(node_like(self.data))

    def on_key(self, event: Any) -> None:
        if isinstance(self.screen, NodeLike) and event.key in ("1", "2", "backspace", "r"):
            self.screen.step(event.key)


def big_data() -> dict[str, Any]:
    """The strings of the generated scenario's start node (`tui.big_scenario`), as ours shows them."""
    return {
        "title": "A big generated scenario", "node_title": "Node 0", "meta": "● Beta · decision · step 0",
        "text": "Some text for node 0.", "options": ["  1 Go left\n    Tension +1", "  2 Go right\n    Tension -1"],
        "branches": ["◆ Go left → Node 1", "◆ Go right → Node 2"], "metrics": "Tension        5\n█████",
        "detail": "Option 1: Go left\nLeads to: Node 1", "keys": [],
    }
