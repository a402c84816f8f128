"""The start screen: the scenario's title, as-of date, authors, summary and actors.

Any walking key closes it and is passed on, so a person who presses 1 straight away has
taken option 1, as the keys promise."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.wording import actor_tag


def actors_text(graph: ScenarioGraph) -> Content:
    lines = [Content.styled("Actors", "bold")]
    for actor_id, actor in graph.scenario.actors.items():
        lines.append(actor_tag(graph, actor_id))
        lines.extend(Content.assemble("    – ", literal(goal, one_line=True)) for goal in actor.objectives)
    return Content("\n").join(lines)


def meta_text(graph: ScenarioGraph) -> Content:
    scenario = graph.scenario
    meta = []
    if scenario.as_of:
        meta.append(f"as of {scenario.as_of}")
    if scenario.authors:
        meta.append("by " + ", ".join(scenario.authors))
    meta.append(f"{len(graph)} nodes, {len(graph.outcomes)} endings")
    return literal(" · ".join(meta))


class StartScreen(Screen[str | None]):
    """What the scenario is about. Dismisses with the walking key pressed, if any:
    'take:N', 'roll', or None (just begin)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "begin", "Begin", key_display="⏎"),
        Binding("escape,space", "begin", "Begin", show=False),
        *(Binding(str(n), f"begin('take:{n}')", f"Take option {n}", show=False) for n in range(1, 10)),
        Binding("d", "begin('roll')", "Roll", show=False),
        Binding("backspace,r,i", "begin", "Begin", show=False),
    ]

    def __init__(self, graph: ScenarioGraph) -> None:
        super().__init__()
        self.graph = graph

    def compose(self) -> ComposeResult:
        scenario = self.graph.scenario
        yield Static(literal(scenario.title, "bold", one_line=True), id="title-bar")
        with VerticalScroll(id="start-body"):
            yield Static(literal(scenario.title), id="start-title")
            yield Static(meta_text(self.graph), id="start-meta")
            yield ScenarioText(scenario.summary, id="start-summary")
            yield Static(actors_text(self.graph), id="start-actors")
            yield Static(Content.styled("Press Enter (or a number to take that option) to begin.", "dim"))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-body").focus()

    def action_begin(self, then: str | None = None) -> None:
        self.dismiss(then)
