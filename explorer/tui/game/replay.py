"""The replay screen: step through a stored game event by event, with the state at each one.

Until the debrief it shows what the shared screen may see (sealed orders, rationales, covert moves,
hidden metrics and news for some teams withheld: `explorer.game.privacy`); afterwards, everything.
"""

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
from explorer.game import argue
from explorer.game.class_events import Argued, Countered, NewsFired, Ordered, Ruled
from explorer.game.dice import DiceRoll
from explorer.game.errors import GameError
from explorer.game.events import Decided, Event, Injected, Overridden, Rolled, Undone
from explorer.game.narration import describe_event
from explorer.game.privacy import SHARED_VIEW, Context, describe_for, hidden_metrics, withheld
from explorer.game.session import GameSession
from explorer.game.state import GameState, replay
from explorer.game.teams import banner
from explorer.game.view_models import MetricValue
from explorer.tui.classroom.texts import metric_lines
from explorer.tui.game.dice_view import dice_strip, dice_text
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal
from explorer.tui.widgets.wrapped import Wrapped

KIND_WORDS = {
    "started": "Game started", "resumed": "Game resumed", "decide": "Decision", "roll": "Dice roll",
    "override": "Override", "inject": "Jump", "undo": "Undo", "timer_started": "Timer started",
    "timer_expired": "Timer ran out", "order": "Orders", "close_round": "Round closed", "reveal": "Reveal",
    "news": "News", "argue": "Argued move", "counter": "Counter-argument", "ruling": "Ruling",
    "forecast_open": "Forecast opened", "forecast": "Forecast", "forecast_close": "Forecast closed",
    "show": "Shown", "end": "Game ended",
}


def whose_move(session: GameSession, state: GameState) -> str:
    """The banner as it stood at `state`."""
    walk = state.walk
    if walk.is_over:
        return f"Game over — {walk.node.title}"
    if walk.kind == NodeKind.CHANCE:
        return "Facilitator — the dice decide"
    if walk.kind == NodeKind.ROUND:
        return "A round — every team gives its orders"
    return banner(session.teams.team_of(walk.node.actor), session.actor_name(walk.node.actor))


def event_detail(session: GameSession, event: Event, ctx: Context | None = None) -> Content:
    """The event in full, as the shared screen may read it until the debrief: when, who, what, and the
    rationale, reason, dice or arguments behind it."""
    ctx = ctx or Context.of(session)
    body = event.body
    held = withheld(SHARED_VIEW, event, ctx)
    who = describe_event(event, ctx.names, held)
    lines = [
        Content.assemble((f"{KIND_WORDS.get(event.kind, event.kind)}", "bold $text-accent"),
                         (f"  ·  event #{event.seq} · turn {event.turn} · {event.time}", "dim")),
        literal(who),
    ]
    if isinstance(body, (Decided, Ordered)) and not (isinstance(body, Ordered) and held.order):
        if body.rationale and held.rationale:
            lines.append(Content.styled("Rationale given — private until the debrief.", "italic"))
        else:
            lines.append(Content.assemble(("Rationale: ", "bold"), literal(body.rationale)) if body.rationale
                         else Content.styled("Rationale skipped (logged).", "italic $text-warning"))
    if isinstance(body, Argued):
        lines += [Content.assemble(("Reason: ", "bold"), literal(r)) for r in body.reasons]
    if isinstance(body, Countered):
        lines += [Content.assemble(("Against: ", "bold"), literal(r)) for r in body.reasons]
    if isinstance(body, Ruled) and body.how == "dice" and body.seed is not None and not held.seed:
        lines.append(literal(f"Check the dice: {argue.check_command(body.seed, body.number)}", "dim"))
    if isinstance(body, NewsFired) and body.text and not held.bulletin:
        lines.append(literal(body.text))
    if isinstance(body, (Overridden, Injected)) or (isinstance(body, Undone) and body.reason):
        lines.append(Content.assemble(("Reason: ", "bold"), literal(body.reason or "")))
    if isinstance(body, Rolled):
        record = DiceRoll.from_body(event.node, body).sealed_for(not held.seed)
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
        self.ctx = Context.of(session)
        self.values: dict[str, float | None] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield OptionList(*(Option(literal(f"{e.seq:>3} T{e.turn:<2} {describe_for(SHARED_VIEW, e, self.ctx)}",
                                              one_line=True)) for e in self.events), id="replay-events")
            with VerticalScroll(id="replay-detail"):
                yield Static(id="replay-event")
                yield Static(id="replay-node")
                yield Static(id="crumbs")
                yield Wrapped(id="metrics")
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
        self.query_one("#replay-event", Static).update(event_detail(session, event, self.ctx))
        try:
            state = self.state_after(index)
        except GameError as exc:
            self.query_one("#replay-node", Static).update(literal(f"The state cannot be replayed here: {exc}"))
            return
        walk = state.walk
        hidden = hidden_metrics(SHARED_VIEW, self.ctx)
        node = Content("\n").join([
            Content.assemble(("After it: ", "bold"), literal(whose_move(session, state), one_line=True),
                             (f"  ·  turn {state.turn}", "dim")),
            Content.assemble(("At: ", "dim"), literal(walk.node.title, "bold", one_line=True)),
        ])
        self.query_one("#replay-node", Static).update(node)
        titles = [literal(self.session.graph.node(n).title, one_line=True) for n in walk.path]
        self.query_one("#crumbs", Static).update(Content(" › ").join(titles))
        metrics = self.session.graph.scenario.metrics
        values = tuple(MetricValue(m, x.label, None if m in hidden else event.state.get(m), x.min, x.max, m in hidden)
                       for m, x in metrics.items())
        self.values = {v.id: v.value for v in values}
        """The metrics shown for the selected event (None: hidden until the debrief)."""
        self.query_one("#metrics", Wrapped).rebuild(lambda width: metric_lines(values, width))
        listing = self.query_one("#replay-events", OptionList)
        if listing.highlighted != index:
            listing.highlighted = index

    def action_step(self, delta: int) -> None:
        self.show(self.at + delta)

    def action_go(self, index: int) -> None:
        self.show(index if index >= 0 else len(self.events) - 1)

    @on(OptionList.OptionHighlighted, "#replay-events")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.at:
            self.show(event.option_index)
