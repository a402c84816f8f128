"""Typed records of what happened in a game: one frozen dataclass per kind of event.

An `Event` is one row of the store's append-only table: when, for which turn, by which seat,
for which team and actor, at which node, what (its typed `body`) and the metric state after it.
Events that move the game (`ADVANCING`) end the turn they were made for.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import types
from collections.abc import Callable
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
from explorer.json_nesting import MAX_DEPTH, too_deep

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
        data = _loads(text)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"the payload of a '{kind}' event is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise StoreError(f"the payload of a '{kind}' event is not a JSON object")
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    if not required <= set(data) <= names:
        raise StoreError(f"the payload of a '{kind}' event has fields {_short(sorted(data))}, expected {sorted(names)}")
    for name in data:
        if not _fits(data[name], hints[name]) or (name == "bands" and not all(map(_is_band, data[name]))):
            raise StoreError(f"the payload of a '{kind}' event has a bad '{name}': {_short(data[name])}")
    return cls(**data)


_HINTS: dict[type, dict[str, Any]] = {}
_BAND = {"option": int, "label": str, "low": float, "high": float}


def _number(value: Any) -> bool:
    """A JSON number a float holds (not a bool; an int too large for a float is not one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) if isinstance(value, float) else abs(value) <= sys.float_info.max


def _is_band(band: Any) -> bool:
    """One band of a roll: {"option": int, "label": str, "low": float, "high": float}."""
    return isinstance(band, dict) and set(band) == set(_BAND) and all(_fits(band[k], t) for k, t in _BAND.items())


def _short(value: Any) -> str:
    """A bad value quoted in a message: its start only (a damaged payload may be huge)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _loads(text: str) -> Any:
    """JSON, with what a damaged store can hold turned into `ValueError`: nesting too deep for the
    parser (RecursionError), and NaN or infinite numbers."""
    if isinstance(text, (str, bytes)) and too_deep(text):
        raise ValueError(f"it is nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:  # pragma: no cover - `too_deep` refuses such text first
        raise ValueError("it is nested too deep") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _fits(value: Any, hint: Any) -> bool:
    """A type check of a JSON value against a field's annotation (into lists and dicts)."""
    check = _CHECKS.get(hint)
    if check is None:
        check = _CHECKS[hint] = _check(hint)
    return check(value)


_CHECKS: dict[Any, Callable[[Any], bool]] = {}
"""Annotation → its check, made once (a reveal of 30 moves is checked at every seat)."""


def _check(hint: Any) -> Callable[[Any], bool]:
    """The check `_fits` makes for `hint`: bool is not an int nor a float, floats are finite,
    anything else than the types below fails."""
    if hint is Any:
        return lambda value: True
    if isinstance(hint, types.UnionType):
        parts = tuple(_check(arg) for arg in get_args(hint))
        return lambda value: any(part(value) for part in parts)
    if hint is type(None):
        return lambda value: value is None
    if hint is bool:
        return lambda value: isinstance(value, bool)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return _number
    if hint is str:
        return lambda value: isinstance(value, str)
    origin = get_origin(hint)
    if origin is list:
        (item,) = get_args(hint)
        each = _check(item)
        return lambda value: isinstance(value, list) and all(map(each, value))
    if origin is dict:
        key, item = get_args(hint)
        keys, values = _check(key), _check(item)
        if item is Any:
            return lambda value: isinstance(value, dict) and all(map(keys, value))
        return lambda value: isinstance(value, dict) and all(keys(k) and values(v) for k, v in value.items())
    return lambda value: False


def parse_state(text: str) -> dict[str, float]:
    try:
        data = _loads(text)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and _number(v) for k, v in data.items()
    ):
        raise StoreError("an event's metric state is not a JSON object of numbers")
    return {k: float(v) for k, v in data.items()}
