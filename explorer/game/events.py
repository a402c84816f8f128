"""Typed records of what happened in a game: one frozen dataclass per kind of event.

An `Event` is one row of the store's append-only table: when, for which turn, by which seat,
for which team and actor, at which node, what (its typed `body`) and the metric state after it.
Events that move the game (`ADVANCING`) end the turn they were made for.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import types
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, ClassVar, get_args, get_origin, get_type_hints

from explorer.game.class_events import (
    CLASS_ADVANCING,
    CLASS_BODIES,
    Argued,
    Countered,
    Ended,
    ForecastClosed,
    Forecasted,
    ForecastOpened,
    NewsFired,
    Ordered,
    Revealed,
    RoundClosed,
    Ruled,
    Shown,
)
from explorer.game.errors import StoreError

FACILITATOR = "facilitator"
"""The seat (and the player of every actor no team holds) that runs the game."""


@dataclass(frozen=True, slots=True)
class Started:
    """The game was created."""

    KIND: ClassVar[str] = "started"
    scenario_id: str
    scenario_title: str
    scenario_hash: str
    seed: int
    timer: float | None
    teams: dict[str, list[str]]
    """Team name → the actor ids it plays, in the order given."""
    actors: dict[str, str]
    """Actor id → name, so that the log reads without the scenario."""
    hidden: dict[str, list[str]] = field(default_factory=dict)
    """Metric id → the actors who see its value, for the metrics with `visible_to` (format 2), so that
    the log can be read in public without the scenario."""


@dataclass(frozen=True, slots=True)
class Resumed:
    """The game was opened again (after a pause or a crash)."""

    KIND: ClassVar[str] = "resumed"
    scenario_hash: str
    forced: bool
    """True when the scenario had changed and the facilitator went on anyway."""


@dataclass(frozen=True, slots=True)
class Decided:
    """A team (or the facilitator for an unassigned actor) chose an option at a decision."""

    KIND: ClassVar[str] = "decide"
    option: int
    label: str
    to: str
    rationale: str | None
    """None when the team skipped giving one (the skip is this record)."""
    estimates: list[float | None] | None = None
    """The analyst's estimate of each option as the decision stood (renormalised over the available
    ones; None for a locked option); None when the scenario gives none. Recorded, not recomputed."""
    shown: bool = False
    """Whether the analyst's estimates were shown to the class at the time."""


@dataclass(frozen=True, slots=True)
class Rolled:
    """The facilitator rolled the seeded dice at a chance node."""

    KIND: ClassVar[str] = "roll"
    option: int
    label: str
    to: str
    seed: int
    number: int
    """The index of this draw in the game's sequence of draws."""
    value: float
    bands: list[dict[str, Any]]
    """One per available option: {"option", "label", "low", "high"}; the value falls in one."""
    basis: str = "analyst"
    """Whose odds made the bands: 'analyst' (the scenario's) or 'class median' (a closed forecast's)."""


@dataclass(frozen=True, slots=True)
class Overridden:
    """The facilitator replaced the last roll's result, with a reason."""

    KIND: ClassVar[str] = "override"
    option: int
    label: str
    to: str
    reason: str
    replaces: int
    replaces_label: str


@dataclass(frozen=True, slots=True)
class Injected:
    """The facilitator moved the game to a node of their choice, with a reason."""

    KIND: ClassVar[str] = "inject"
    to: str
    to_title: str
    reason: str


@dataclass(frozen=True, slots=True)
class Undone:
    """The facilitator took back the last move."""

    KIND: ClassVar[str] = "undo"
    reason: str | None
    undone: str
    """A short description of the move taken back."""
    to: str
    """The node the game is back at."""


@dataclass(frozen=True, slots=True)
class TimerStarted:
    """The turn timer began counting down."""

    KIND: ClassVar[str] = "timer_started"
    seconds: float


@dataclass(frozen=True, slots=True)
class TimerExpired:
    """The turn timer ran out before the team decided."""

    KIND: ClassVar[str] = "timer_expired"
    seconds: float


Body = (Started | Resumed | Decided | Rolled | Overridden | Injected | Undone | TimerStarted | TimerExpired | Ordered
        | RoundClosed | Revealed | NewsFired | Argued | Countered | Ruled | ForecastOpened | Forecasted | ForecastClosed
        | Shown | Ended)
BODIES: dict[str, type[Any]] = {
    cls.KIND: cls for cls in (Started, Resumed, Decided, Rolled, Overridden, Injected, Undone, TimerStarted,
                              TimerExpired, *CLASS_BODIES)
}
ADVANCING = frozenset({"decide", "roll", "override", "inject", "undo"}) | CLASS_ADVANCING
"""Kinds that move the game: each ends the turn it was made for."""


@dataclass(frozen=True, slots=True)
class Event:
    """One committed row of the event table."""

    seq: int
    time: str
    """UTC, ISO 8601 with milliseconds, e.g. 2019-06-30T09:15:02.123Z."""
    turn: int
    seat: str
    team: str | None
    actor: str | None
    node: str
    """Where the game was when the event happened."""
    body: Body
    state: dict[str, float]
    """Metric id → value after the event."""

    @property
    def kind(self) -> str:
        return self.body.KIND

    @property
    def advances(self) -> bool:
        return self.kind in ADVANCING

    @property
    def when(self) -> dt.datetime:
        return parse_time(self.time)

    def as_dict(self) -> dict[str, Any]:
        """A plain JSON-ready dict (the shape `explorer log --jsonl` prints)."""
        return {
            "seq": self.seq, "time": self.time, "turn": self.turn, "seat": self.seat, "team": self.team,
            "actor": self.actor, "kind": self.kind, "node": self.node, "payload": asdict(self.body),
            "state": self.state,
        }


def now_text(moment: dt.datetime | None = None) -> str:
    """The time `moment` (default now) as stored: UTC ISO 8601 with milliseconds and 'Z'."""
    moment = (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def body_json(body: Body) -> str:
    return json.dumps(asdict(body), ensure_ascii=False, allow_nan=False)


def parse_body(kind: str, text: str) -> Body:
    """The typed body of a stored event; `StoreError` when it is not what the kind needs."""
    cls = BODIES.get(kind)
    if cls is None:
        raise StoreError(f"unknown event kind '{kind}'")
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"the payload of a '{kind}' event is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise StoreError(f"the payload of a '{kind}' event is not a JSON object")
    hints = get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    if not required <= set(data) <= names:
        raise StoreError(f"the payload of a '{kind}' event has fields {sorted(data)}, expected {sorted(names)}")
    for name in data:
        if not _fits(data[name], hints[name]):
            raise StoreError(f"the payload of a '{kind}' event has a bad '{name}': {data[name]!r}")
    return cls(**data)


def _fits(value: Any, hint: Any) -> bool:
    """A type check of a JSON value against a field's annotation (into lists and dicts)."""
    if hint is Any:
        return True
    if isinstance(hint, types.UnionType):
        return any(_fits(value, arg) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if hint is str:
        return isinstance(value, str)
    origin, args = get_origin(hint), get_args(hint)
    if origin is list:
        return isinstance(value, list) and all(_fits(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(isinstance(k, str) and _fits(v, args[1]) for k, v in value.items())
    return False


def parse_state(text: str) -> dict[str, float]:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in data.items()
    ):
        raise StoreError("an event's metric state is not a JSON object of numbers")
    return {k: float(v) for k, v in data.items()}
