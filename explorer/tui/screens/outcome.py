"""The outcome screen: the ending's text, payoffs per actor, final metrics and the path."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal
from explorer.tui.walk_requests import Back, OutcomeRequest, Restart, Rewind
from explorer.tui.widgets.metrics import bar, metric_lines
from explorer.tui.widgets.path_panel import path_text
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import actor_tag, number, sources_text
from explorer.walk import Walk
from explorer.walks.session import WalkSession

BAR_WIDTH = 10
PATH_GUTTER = 5


def payoff_lines(walk: Walk) -> Content:
    """Each actor's payoff with a bar scaled to the largest; unstated payoffs say so."""
    payoffs = walk.payoffs()
    stated = walk.node.payoffs
    scale = max((abs(p) for p in payoffs.values()), default=0.0) or 1.0
    names = {a: actor_tag(walk.graph, a) for a in payoffs}
    name_width = min(max((n.cell_length for n in names.values()), default=0), 24)
    lines = [Content.styled("Payoffs", "bold")]
    for actor_id, payoff in payoffs.items():
        name = names[actor_id].truncate(name_width, ellipsis=True, pad=True)
        value = Content.styled(f"{number(payoff):>6} ", "bold")
        if actor_id not in stated:
            lines.append(Content.assemble(name, value, ("(none stated)", "dim italic")))
            continue
        filled, _ = bar(abs(payoff) / scale, BAR_WIDTH)
        lines.append(Content.assemble(name, value, (filled, "$text-success" if payoff >= 0 else "$text-error")))
    return Content("\n").join(lines)


class OutcomeScreen(Screen[OutcomeRequest | None]):
    """Shown when a walk reaches an ending. Closes with what the person wants next: `Back()`,
    `Restart()`, `Rewind(n)` (to just after step n) or None (look around the ending)."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.OUTCOME)

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session
        self.walk = session.walk

    def compose(self) -> ComposeResult:
        walk, node = self.walk, self.walk.node
        yield Static(Content.assemble(("Ending: ", "bold"), literal(node.title, "bold", one_line=True)), id="title-bar")
        with VerticalScroll(id="outcome-body"):
            meta = [f"reached in {len(walk.history)} steps"]
            if node.when:
                meta.insert(0, node.when)
            yield Static(literal(node.title), id="outcome-title")
            yield Static(literal(" · ".join(meta)), id="outcome-meta")
            yield ScenarioText(node.text, id="outcome-text")
            sources = Static(sources_text(walk.graph, node.sources), id="outcome-sources")
            sources.display = bool(node.sources)
            yield sources
            with Horizontal(id="outcome-tables"):
                yield Static(payoff_lines(walk), id="payoffs")
                yield Static(self._final_metrics(), id="final-metrics")
            session = self.session
            yield Wrapped(lambda width: path_text(walk.graph, walk.history, width, session.note_at), id="outcome-path")
        yield Footer()

    def _final_metrics(self) -> Content:
        graph = self.walk.graph
        if not graph.metric_ids:
            return Content.styled("No metrics tracked.", "dim italic")
        start = graph.state_dict(graph.initial_state)
        changes = {m: v - start[m] for m, v in self.walk.metrics.items() if v != start[m]}
        head = Content.styled("Final metrics (change since the start)", "bold")
        return Content("\n").join([head, metric_lines(graph, self.walk.metrics, changes, 30)])

    def on_mount(self) -> None:
        self.query_one("#outcome-body").focus()

    def action_back(self) -> None:
        self.dismiss(Back())

    def action_restart(self) -> None:
        self.dismiss(Restart())

    def action_look_around(self) -> None:
        self.dismiss(None)

    def action_crumb(self, steps: int) -> None:
        """A click on step `steps` of the path: rewind to just after it."""
        self.dismiss(Rewind(steps))
