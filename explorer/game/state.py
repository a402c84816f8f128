"""The current state of a game, derived only by replaying its events over the scenario graph.

Every move is made through `explorer.walk.Walk` (take, roll, resolve, jump, back), so the game
follows exactly the rules of the explore mode; this module adds turns, the timer, and the link from
each step of the path to the event that made it. What the classroom holds beside the walk (the
round's orders, argued moves, forecasts) is in `explorer.game.class_state`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from explorer.format.models import NodeKind
from explorer.game import dice
from explorer.game.class_events import NewsFired, Ordered, Revealed, Ruled
from explorer.game.class_state import ClassTable
from explorer.game.dice import DiceRoll
from explorer.game.errors import ReplayError
from explorer.game.events import (
    Decided,
    Event,
    Injected,
    Overridden,
    Rolled,
    TimerExpired,
    TimerStarted,
    Undone,
)
from explorer.graph import ScenarioGraph
from explorer.walk import Step, Walk, WalkError


@dataclass(frozen=True, slots=True)
class Entry:
    """One step of the path as it stands: the walk's step and the event that made it."""

    step: Step
    event: Event
    roll: DiceRoll | None = None
    """The dice behind this step: its own roll, or the roll an override replaced."""


@dataclass(slots=True)
class Timer:
    """The countdown of the current turn."""

    turn: int
    started: dt.datetime
    seconds: float
    expired: bool = False

    def remaining(self, now: dt.datetime | None = None) -> float:
        """Seconds left (never below 0); counted from the recorded start, so it survives a restart."""
        now = now or dt.datetime.now(dt.UTC)
        return max(0.0, self.seconds - (now - self.started).total_seconds())


@dataclass
class GameState:
    """Where the game is: a `Walk` moved by the events, plus turn, timer and path entries."""

    graph: ScenarioGraph
    seed: int
    walk: Walk = field(init=False)
    entries: list[Entry] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    turn: int = 1
    timer: Timer | None = None
    warnings: list[str] = field(default_factory=list)
    table: ClassTable = field(default_factory=ClassTable)

    def __post_init__(self) -> None:
        self.walk = Walk(self.graph, seed=self.seed)

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq if self.events else 0

    @property
    def node_id(self) -> str:
        return self.walk.node_id

    def scratch(self) -> Walk:
        """A throw-away walk at the current position, to try a move without changing the state."""
        w = self.walk
        return Walk(self.graph, seed=w.seed, node_id=w.node_id, state=w.state, history=list(w.history),
                    rolls_made=w.rolls_made)

    def last_roll(self) -> Entry | None:
        """The last step, when the dice made it (an override may replace it)."""
        if self.entries and self.entries[-1].step.roll is not None:
            return self.entries[-1]
        return None

    # --- replay -----------------------------------------------------------------------
    def apply(self, event: Event) -> None:
        """Apply one committed event; `ReplayError` when it does not fit the scenario."""
        if event.turn != self.turn:
            raise ReplayError(f"event #{event.seq} was made for turn {event.turn}, but the game was at turn {self.turn}")
        if event.advances and event.node != self.walk.node_id:
            raise ReplayError(
                f"event #{event.seq} ({event.kind}) was made at '{event.node}', but the replay is at '{self.walk.node_id}'"
            )
        body = event.body
        try:
            if isinstance(body, Decided):
                self._decided(event, body)
            elif isinstance(body, Rolled):
                self._rolled(event, body)
            elif isinstance(body, Overridden):
                self._overridden(event, body)
            elif isinstance(body, Injected):
                self.entries.append(Entry(self.walk.jump(body.to), event))
            elif isinstance(body, Revealed):
                self._revealed(event, body)
            elif isinstance(body, NewsFired):
                step = self.walk.jump(body.to or self.walk.node_id, effects=body.effects, label=f"news: {body.title}")
                self.entries.append(Entry(step, event))
            elif isinstance(body, Ruled):
                self.table.ruled(event, body)
                label = f"argued move #{body.number}: " + ("it succeeds" if body.success else "it fails")
                step = self.walk.jump(self.walk.node_id, effects=body.effects if body.success else None, label=label)
                self.entries.append(Entry(step, event))
            elif isinstance(body, Undone):
                if self.walk.back() is None:
                    raise ReplayError(f"event #{event.seq} undoes a move, but there is none to undo")
                undone = self.entries.pop().event.body
                if isinstance(undone, Ruled):
                    self.table.unruled(undone.number)
            elif isinstance(body, TimerStarted):
                self.timer = Timer(event.turn, event.when, body.seconds)
            elif isinstance(body, TimerExpired) and self.timer is not None:
                self.timer.expired = True
            else:
                self._noted(event)
        except WalkError as exc:
            raise ReplayError(f"event #{event.seq} ({event.kind} at '{event.node}') no longer fits the scenario: {exc}") from None
        except ValueError as exc:  # a bad time text
            raise ReplayError(f"event #{event.seq} is damaged: {exc}") from None
        if event.advances:
            self.turn += 1
            self.timer = None
            self.table.moved()
            to = getattr(body, "to", None)
            if to is not None and self.walk.node_id != to:
                raise ReplayError(f"event #{event.seq} led to '{to}', but the replay leads to '{self.walk.node_id}'")
        self.events.append(event)
        self._compare_state(event)

    def _decided(self, event: Event, body: Decided) -> None:
        if self.walk.kind != NodeKind.DECISION:
            raise ReplayError(f"event #{event.seq} is a decision, but '{event.node}' is a {self.walk.kind} node")
        self.entries.append(Entry(self.walk.take(body.option), event))

    def _noted(self, event: Event) -> None:
        body = event.body
        if isinstance(body, Ordered):
            compiled = self.graph.round(self.walk.node_id)
            if compiled is None or body.actor not in compiled.actors or event.node != self.walk.node_id:
                raise ReplayError(f"event #{event.seq} is an order for {body.actor}, but '{event.node}' is not its round")
        self.table.note(event)

    def _revealed(self, event: Event, body: Revealed) -> None:
        if self.walk.kind != NodeKind.ROUND:
            raise ReplayError(f"event #{event.seq} reveals a round, but '{event.node}' is a {self.walk.kind} node")
        picks = {actor: order.body.move for actor, order in self.table.orders.items() if isinstance(order.body, Ordered)}
        step = self.walk.resolve(picks)
        if step.index != body.rule:
            raise ReplayError(f"event #{event.seq}: the orders now fire rule {step.index + 1}, but the game recorded "
                              f"rule {body.rule + 1} (“{body.label}”): the scenario's rules changed")
        self.entries.append(Entry(step, event))

    def order_of(self, actor: str) -> Ordered | None:
        """`actor`'s latest order in the round in progress."""
        event = self.table.orders.get(actor)
        return event.body if event is not None and isinstance(event.body, Ordered) else None

    def _rolled(self, event: Event, body: Rolled) -> None:
        odds = None if body.basis == "analyst" else DiceRoll.from_body(event.node, body).odds
        step, record = dice.roll(self.walk, odds, body.basis)
        if record.option != body.option or record.value != body.value:
            raise ReplayError(
                f"event #{event.seq}: draw #{body.number + 1} now picks “{record.label}”, but the game recorded "
                f"“{body.label}” (the scenario's odds changed)"
            )
        self.entries.append(Entry(step, event, record))

    def _overridden(self, event: Event, body: Overridden) -> None:
        last = self.last_roll()
        if last is None:
            raise ReplayError(f"event #{event.seq} overrides a roll, but the last move was not a roll")
        self.walk.back()
        self.entries.pop()
        self.entries.append(Entry(self.walk.take(body.option), event, last.roll))

    def _compare_state(self, event: Event) -> None:
        derived = self.graph.state_dict(self.walk.state)
        if derived != event.state:
            self.warnings.append(
                f"event #{event.seq}: the recorded metrics differ from the replay's (the scenario's effects changed)"
            )


def replay(graph: ScenarioGraph, seed: int, events: Iterable[Event]) -> GameState:
    """The state after `events`, applied in order from the scenario's start."""
    state = GameState(graph, seed)
    for event in events:
        state.apply(event)
    return state
