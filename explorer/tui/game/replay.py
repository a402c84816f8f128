"""The replay screen: step through a stored game event by event, with the state at each one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from explorer.format.models import NodeKind
from explorer.game.dice import DiceRoll
from explorer.game.errors import GameError
from explorer.game.events import Decided, Event, Injected, Overridden, Rolled, Undone
from explorer.game.session import GameSession
from explorer.game.state import GameState, replay
from explorer.game.teams import banner
from explorer.tui.game.dice_view import dice_strip, dice_text
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel

KIND_WORDS = {
    "started": "Game started", "resumed": "Game resumed", "decide": "Decision", "roll": "Dice roll",
    "override": "Override", "inject": "Inject", "undo": "Undo", "timer_started": "Timer started",
    "timer_expired": "Timer ran out",
}


def whose_move(session: GameSession, state: GameState) -> str:
    """The banner as it stood at `state`."""
    walk = state.walk
    if walk.is_over:
        return f"Game over — {walk.node.title}"
    if walk.kind == NodeKind.CHANCE:
        return "Facilitator — the dice decide"
    return banner(session.teams.team_of(walk.node.actor), session.actor_name(walk.node.actor))


def event_detail(session: GameSession, event: Event) -> Content:
    """The event in full: when, who, what, and the rationale, reason or dice behind it."""
    body = event.body
    who = session.describe(event)
    lines = [
        Content.assemble((f"{KIND_WORDS.get(event.kind, event.kind)}", "bold $text-accent"),
                         (f"  ·  event #{event.seq} · turn {event.turn} · {event.time}", "dim")),
        literal(who),
    ]
    if isinstance(body, Decided):
        lines.append(Content.assemble(("Rationale: ", "bold"), literal(body.rationale)) if body.rationale
                     else Content.styled("Rationale skipped (logged).", "italic $text-warning"))
    if isinstance(body, (Overridden, Injected)) or (isinstance(body, Undone) and body.reason):
        lines.append(Content.assemble(("Reason: ", "bold"), literal(body.reason or "")))
    if isinstance(body, Rolled):
        record = DiceRoll.from_body(event.node, body)
        lines += [dice_strip(record, 40), dice_text(record)]
    return Content("\n").join(lines)


class ReplayScreen(Screen[None]):
    """Every event of a game in a list; the selected one in full, with the node, whose move it
    was and the metrics right after it. n/p (or → ←) step; Home/End jump."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.REPLAY)

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.events = session.events
        self.at = 0
        self._states: dict[int, GameState] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield OptionList(*(Option(literal(f"{e.seq:>3} T{e.turn:<2} {self.session.describe(e)}", one_line=True))
                               for e in self.events), id="replay-events")
            with VerticalScroll(id="replay-detail"):
                yield Static(id="replay-event")
                yield Static(id="replay-node")
                yield Breadcrumbs(self.session.graph, id="crumbs")
                yield MetricsPanel(self.session.graph, id="metrics")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#replay-events", OptionList)
        listing.focus()
        self.show(0)

    def state_after(self, index: int) -> GameState:
        """The game's state right after event `index` (replayed from the start; kept)."""
        if index not in self._states:
            self._states[index] = replay(self.session.graph, self.session.meta.seed, self.events[: index + 1])
        return self._states[index]

    def show(self, index: int) -> None:
        if not self.events:
            return
        self.at = index = max(0, min(index, len(self.events) - 1))
        event, session = self.events[index], self.session
        title = Content.assemble(("Replay: ", "bold"), literal(session.graph.scenario.title, "bold", one_line=True),
                                 (f"  ·  event {index + 1} of {len(self.events)}", "dim"))
        self.query_one("#title-bar", Static).update(title)
        self.query_one("#replay-event", Static).update(event_detail(session, event))
        try:
            state = self.state_after(index)
        except GameError as exc:
            self.query_one("#replay-node", Static).update(literal(f"The state cannot be replayed here: {exc}"))
            return
        walk = state.walk
        before = self.events[index - 1].state if index else event.state
        changes = {m: v - before[m] for m, v in event.state.items() if m in before and v != before[m]}
        node = Content("\n").join([
            Content.assemble(("After it: ", "bold"), literal(whose_move(session, state), one_line=True),
                             (f"  ·  turn {state.turn}", "dim")),
            Content.assemble(("At: ", "dim"), literal(walk.node.title, "bold", one_line=True)),
        ])
        self.query_one("#replay-node", Static).update(node)
        self.query_one(Breadcrumbs).show(walk.history)
        self.query_one(MetricsPanel).show(event.state, changes)
        listing = self.query_one("#replay-events", OptionList)
        if listing.highlighted != index:
            listing.highlighted = index

    def action_step(self, delta: int) -> None:
        self.show(self.at + delta)

    def action_go(self, index: int) -> None:
        self.show(index if index >= 0 else len(self.events) - 1)

    def action_crumb(self, steps: int) -> None:
        """Breadcrumbs are for reading here: a click does nothing."""

    @on(OptionList.OptionHighlighted, "#replay-events")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.at:
            self.show(event.option_index)
