"""What a classroom game holds beside its walk: the round's orders, the news, the argued moves, the
forecasts and what the facilitator has shown — all derived from the events, like the walk.

`ClassTable.note(event)` takes every event that is not a move; the moves (a reveal, news, a ruling)
are made on the walk by `explorer.game.state`, which asks this table for the round's orders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.game.class_events import (
    Argued,
    Countered,
    Ended,
    ForecastClosed,
    Forecasted,
    ForecastOpened,
    Ordered,
    RoundClosed,
    Ruled,
    Shown,
)
from explorer.game.errors import ReplayError
from explorer.game.events import Event


@dataclass(slots=True)
class Argument:
    """An argued move: the proposal, the counter-arguments, and the ruling once made."""

    proposal: Event
    counters: list[Event] = field(default_factory=list)
    ruling: Event | None = None

    @property
    def body(self) -> Argued:
        assert isinstance(self.proposal.body, Argued)
        return self.proposal.body

    @property
    def open(self) -> bool:
        return self.ruling is None


@dataclass(slots=True)
class Forecast:
    """A class forecast: the question, each team's latest entry, and its close."""

    opened: Event
    entries: dict[str, Event] = field(default_factory=dict)
    """Team → its latest `Forecasted` event."""
    closed: Event | None = None

    @property
    def body(self) -> ForecastOpened:
        assert isinstance(self.opened.body, ForecastOpened)
        return self.opened.body

    @property
    def open(self) -> bool:
        return self.closed is None

    def probabilities(self, team: str) -> list[float] | None:
        event = self.entries.get(team)
        return event.body.probabilities if event is not None and isinstance(event.body, Forecasted) else None


@dataclass(slots=True)
class ClassTable:
    """The classroom's state beside the walk, replayed from the events."""

    orders: dict[str, Event] = field(default_factory=dict)
    """Actor → its latest order in the round in progress (cleared when the game moves)."""
    closed: Event | None = None
    """The round in progress was closed (its reveal follows in the same transaction)."""
    arguments: dict[int, Argument] = field(default_factory=dict)
    forecasts: dict[int, Forecast] = field(default_factory=dict)
    estimates_shown: bool = False
    historical_shown: bool = False
    ended: Event | None = None

    def moved(self) -> None:
        """The game moved on: the round's orders belonged to the turn that ended."""
        self.orders.clear()
        self.closed = None

    def note(self, event: Event) -> None:
        """Take one event that does not move the game; `ReplayError` when it does not fit."""
        body = event.body
        if isinstance(body, Ordered):
            if self.closed is not None:
                raise ReplayError(f"event #{event.seq} is an order after its round closed")
            self.orders[body.actor] = event
        elif isinstance(body, RoundClosed):
            self.closed = event
        elif isinstance(body, Argued):
            if body.number in self.arguments:
                raise ReplayError(f"event #{event.seq} argues move #{body.number} a second time")
            self.arguments[body.number] = Argument(event)
        elif isinstance(body, Countered):
            self._argument(event, body.number).counters.append(event)
        elif isinstance(body, ForecastOpened):
            if body.number in self.forecasts:
                raise ReplayError(f"event #{event.seq} opens forecast #{body.number} a second time")
            self.forecasts[body.number] = Forecast(event)
        elif isinstance(body, Forecasted):
            self._forecast(event, body.number).entries[event.team or ""] = event
        elif isinstance(body, ForecastClosed):
            self._forecast(event, body.number).closed = event
        elif isinstance(body, Shown):
            if body.what == "estimates":
                self.estimates_shown = body.on
            else:
                self.historical_shown = body.on
        elif isinstance(body, Ended):
            self.ended = event

    def ruled(self, event: Event, body: Ruled) -> None:
        argument = self._argument(event, body.number)
        if argument.ruling is not None:
            raise ReplayError(f"event #{event.seq} rules on argument #{body.number} a second time")
        argument.ruling = event

    def unruled(self, number: int) -> None:
        """An undo took a ruling back: the argument is open again."""
        if number in self.arguments:
            self.arguments[number].ruling = None

    def _argument(self, event: Event, number: int) -> Argument:
        found = self.arguments.get(number)
        if found is None:
            raise ReplayError(f"event #{event.seq} refers to argument #{number}, which was never made")
        return found

    def _forecast(self, event: Event, number: int) -> Forecast:
        found = self.forecasts.get(number)
        if found is None or (found.closed is not None and not isinstance(event.body, ForecastClosed)):
            raise ReplayError(f"event #{event.seq} refers to forecast #{number}, which is not open")
        return found

    @property
    def open_forecast(self) -> Forecast | None:
        return next((f for f in reversed(self.forecasts.values()) if f.open), None)
