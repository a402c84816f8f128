"""The start screen: the scenario's title, as-of date, authors, summary and actors.

Any walking key closes it and is passed on, so a person who presses 1 straight away has
taken option 1, as the keys promise.

It is the first screen, so it is kept as cheap as a bare app's: a few `Static`s, and the summary
shown as written until the first frame is on screen; then the Markdown renderer (and its parser)
is imported and the summary is swapped for its rendered form."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
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


def head_text(graph: ScenarioGraph) -> Content:
    """The scenario's title, then its as-of date, authors and size."""
    return Content.assemble(
        literal(graph.scenario.title, "bold $accent"), "\n", meta_text(graph).stylize("dim")
    )


KEYS = (("⏎", "Begin", "screen.begin"), ("?", "Help", "app.help"), ("q", "Quit", "app.quit"), ("^p", "palette", "app.command_palette"))


def keys_text() -> Content:
    """The start screen's keys, each clickable: a one-line footer without a widget per key."""
    parts = [
        Content.assemble((f" {key} ", "bold $accent"), f"{words} ")
        .stylize(Style.from_meta({"@click": action}))
        for key, words, action in KEYS
    ]
    return Content.assemble(*parts)


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

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []
    """None of the app's width classes: nothing here depends on them, and setting one after the
    first layout would lay the screen out and paint it a second time."""

    class Completed(Message):
        """The start screen is complete: the summary's Markdown is rendered and laid out."""

    def __init__(self, graph: ScenarioGraph) -> None:
        super().__init__()
        self.graph = graph

    def compose(self) -> ComposeResult:
        scenario = self.graph.scenario
        yield Static(literal(scenario.title, "bold", one_line=True), id="title-bar")
        with VerticalScroll(id="start-body"):
            yield Static(head_text(self.graph), id="start-head")
            summary = Static(literal((scenario.summary or "").strip()), id="start-summary-plain")
            summary.display = bool((scenario.summary or "").strip())
            yield summary
            yield Static(
                Content.assemble(actors_text(self.graph), "\n\n", ("Press Enter (or a number to take that option) to begin.", "dim")),
                id="start-actors",
            )
        yield Static(keys_text(), id="start-keys")

    def on_mount(self) -> None:
        self.query_one("#start-body").focus()
        if getattr(self.app, "first_frame_shown", True):
            self.call_after_refresh(self.render_summary)
        # else the app calls `render_summary` once its first frame is on screen (its Ready event)

    def render_summary(self) -> None:
        """After the first frame: the summary as Markdown in place of the text as written."""
        body, plain = self.query_one("#start-body"), self.query_one("#start-summary-plain")
        if not body.is_attached:  # the app is closing
            return
        from explorer.tui.widgets.scenario_text import ScenarioText

        with self.app.batch_update():
            body.mount(ScenarioText(self.graph.scenario.summary, id="start-summary"), after=plain)
            plain.remove()
        self.call_after_refresh(lambda: self.post_message(self.Completed()))

    def action_begin(self, then: str | None = None) -> None:
        """Close the screen, passing on the walking key pressed, if any; the first start screen is
        the app's base screen, which stays under the walk, so it asks the app to begin instead."""
        if self.app.screen_stack[0] is self:
            self.app.begin(then)  # type: ignore[attr-defined]
        else:
            self.dismiss(then)
