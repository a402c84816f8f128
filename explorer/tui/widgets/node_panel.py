"""The current node: title, actor, scenario time, the last dice roll, its text and sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.tui import markdown_text
from explorer.tui.literal import literal, update_changed
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import actor_colour, actor_name, actor_tag, sources_text
from explorer.walk import Roll, Walk

KIND_WORDS = {"decision": "decision", "chance": "chance", "outcome": "ending", "round": "round"}


def roll_text(walk: Walk, roll: Roll) -> Content:
    """The roll, shown so it can be checked: seed, draw number, value, the bands and the pick."""
    options = walk.graph.actions(walk.history[-1].node_id)
    bands = ", ".join(f"{i + 1} [{lo:.2f}, {hi:.2f})" for i, lo, hi in roll.bands)
    picked = options[roll.index].option.label
    again = [(f"re-roll {roll.attempt} of ", "bold $text-warning")] if roll.attempt else []
    return Content.assemble(
        ("Dice: ", "bold"), *again,
        f"seed {roll.seed}, roll #{roll.number + 1} drew {roll.value:.3f}; bands {bands} → ",
        literal(f"{roll.index + 1} {picked}", "bold", one_line=True),
    )


def private_text(graph: ScenarioGraph, texts: dict[str, str], width: int) -> Content:
    """A node's `private` texts, each under "Private to <actor>" (the solo explorer shows them all)."""
    parts = []
    for actor, text in texts.items():
        colour = actor_colour(graph, actor)
        head = Content.assemble(("▌ Private to ", f"bold {colour}"), (actor_name(graph, actor), f"bold {colour}"))
        parts.append(Content("\n").join([head, markdown_text.render(markdown_text.blocks(text), max(width, 10))]))
    return Content("\n\n").join(parts)


class NodePanel(VerticalScroll):
    """Everything about the node the walk is at (the options are shown apart)."""

    DEFAULT_CSS = """
    NodePanel { height: 1fr; padding: 0 1; overflow-y: scroll; scrollbar-size-vertical: 1; }
    NodePanel > #node-title { text-style: bold; }
    NodePanel > #node-meta { color: $text-muted; margin-bottom: 1; }
    NodePanel > #roll { background: $boost; margin-bottom: 1; }
    NodePanel > #reveal { background: $boost; margin-bottom: 1; }
    NodePanel > #private { margin-bottom: 1; }
    NodePanel > #node-sources { color: $text-muted; }
    """

    def __init__(self, graph: ScenarioGraph, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = graph

    def compose(self) -> ComposeResult:
        yield Static(id="node-title")
        yield Static(id="node-meta")
        yield Static(id="roll")
        yield Wrapped(id="reveal")
        yield ScenarioText(id="node-text")
        yield Wrapped(id="private")
        yield Static(id="node-sources")

    def show(self, walk: Walk) -> None:
        """Render the walk's current node."""
        node = walk.node
        update_changed(self.query_one("#node-title", Static), literal(node.title))
        meta: list[Content] = []
        if node.KIND == NodeKind.DECISION:
            meta.append(actor_tag(self.graph, node.actor))
        if node.KIND == NodeKind.ROUND:
            turn = f"round {node.turn}" if node.turn is not None else "round"
            meta.append(Content(f"{turn}: {len(node.moves)} actors move at once"))
        else:
            meta.append(Content(KIND_WORDS[node.kind]))
        if node.when:
            meta.append(literal(node.when, one_line=True))
        meta.append(Content(f"step {len(walk.history)}"))
        if walk.history and walk.history[-1].jump:
            meta.append(Content("jumped here, metrics kept"))
        update_changed(self.query_one("#node-meta", Static), Content(" · ").join(meta))
        roll = walk.history[-1].roll if walk.history else None
        roll_widget = self.query_one("#roll", Static)
        roll_widget.display = roll is not None
        update_changed(roll_widget, roll_text(walk, roll) if roll else "")
        last = walk.history[-1] if walk.history and walk.history[-1].play is not None else None
        reveal = self.query_one("#reveal", Wrapped)
        reveal.display = last is not None
        if last is not None:
            from explorer.tui.widgets.round_text import reveal_text

            graph = self.graph
            reveal.rebuild(lambda width: reveal_text(graph, last, width))
        private = self.query_one("#private", Wrapped)
        private.display = bool(node.private)
        if node.private:
            graph, texts = self.graph, dict(node.private)
            private.rebuild(lambda width: private_text(graph, texts, width))
        update_changed(self.query_one("#node-sources", Static), sources_text(self.graph, node.sources))
        self.scroll_home(animate=False)
        self.query_one("#node-text", ScenarioText).show(node.text)
