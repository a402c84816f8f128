"""Typed records of a classroom game's rounds, news, argued moves and forecasts (schema version 3).

One frozen dataclass per kind of event, like `explorer.game.events` (which registers them). Sealed
things — an order before its round's reveal, a covert move, a forecast before it closes, a
bulletin for some teams only — are stored here in full: who may read them is decided when they
are read (`explorer.game.privacy`), never by leaving them out of the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

ENTERED_BY_TEAM = "team"
ENTERED_BY_FACILITATOR = "facilitator"
ENTERED_AS_DEFAULT = "default"
"""How an order was entered: by the actor's team, by the facilitator (an actor no team plays, or a
missing order at the close), or as the actor's `default` move, confirmed by the facilitator."""


@dataclass(frozen=True, slots=True)
class Ordered:
    """An actor's order for the round in progress (sealed until the reveal); a later one replaces it."""

    KIND: ClassVar[str] = "order"
    actor: str
    move: int
    """0-based index of the move among the actor's moves in the round."""
    move_id: str
    label: str
    rationale: str | None
    """None when the team skipped giving one (the skip is this record)."""
    entered: str = ENTERED_BY_TEAM
    revision: int = 1
    """1 for the actor's first order this round, 2 when it was changed once, …"""


@dataclass(frozen=True, slots=True)
class RoundClosed:
    """No more orders: every order was in, or the facilitator closed the round (perhaps after the timer)."""

    KIND: ClassVar[str] = "close_round"
    how: str
    """'all orders in', 'closed by the facilitator' or 'closed after the timer ran out'."""
    missing: list[str]
    """The actors who had no order when the round closed (the facilitator entered or confirmed theirs)."""


@dataclass(frozen=True, slots=True)
class Revealed:
    """The round's orders revealed together and resolved: every actor's move and the rule that fired."""

    KIND: ClassVar[str] = "reveal"
    moves: list[dict[str, Any]]
    """One per round actor, in the round's order: {actor, move (index or None: sat out), move_id,
    label, covert, entered}."""
    rule: int
    rule_id: str | None
    label: str
    """What happened, as the players read it (the rule's label, or the title of where it leads)."""
    to: str
    estimates: dict[str, list[float | None]] = field(default_factory=dict)
    """Actor → the analyst's estimate of each of its moves as the round stood (renormalised over the
    available ones; None for a locked move, or when the scenario gives none), recorded, not recomputed."""
    shown: bool = False
    """Whether the analyst's estimates were shown to the class during the round."""


@dataclass(frozen=True, slots=True)
class NewsFired:
    """The facilitator fired an inject: an authored one (`inject` is its id) or a free-form one."""

    KIND: ClassVar[str] = "news"
    inject: str | None
    title: str
    text: str
    audience: list[str]
    """The actor ids whose teams receive the bulletin; empty: everyone."""
    effects: dict[str, float]
    to: str | None
    """Where the game jumped, if the inject says so."""
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Argued:
    """A team proposed a move the tree does not have (matrix-game style)."""

    KIND: ClassVar[str] = "argue"
    number: int
    """1, 2, … in the order arguments were made in this game."""
    actor: str
    action: str
    result: str
    """What the team says the action will bring about."""
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class Countered:
    """Another team gave reasons why an argued move would fail."""

    KIND: ClassVar[str] = "counter"
    number: int
    """The argument countered."""
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class Ruled:
    """The facilitator ruled on an argued move: by a seeded 2d6 roll against a target, or by decision."""

    KIND: ClassVar[str] = "ruling"
    number: int
    success: bool
    how: str
    """'dice' or 'decision'."""
    effects: dict[str, float]
    """Applied on success (the facilitator sets them); none on failure."""
    reason: str | None
    """Why (required for a decision; for an adjusted target, why it was adjusted)."""
    target: int | None = None
    """The 2d6 total needed; None when decided."""
    dice: list[int] = field(default_factory=list)
    seed: int | None = None
    adjustment: int = 0
    """The facilitator's change to the target, beyond the arguments' count."""


@dataclass(frozen=True, slots=True)
class ForecastOpened:
    """The facilitator asked every team for its probability of each branch of a node."""

    KIND: ClassVar[str] = "forecast_open"
    number: int
    node: str
    question: str
    branches: list[str]
    analyst: list[float] | None
    """The analyst's estimate of each branch at the time (None: the scenario gives none)."""
    historical: int | None
    """The branch marked historical, if any."""


@dataclass(frozen=True, slots=True)
class Forecasted:
    """A team's forecast (sealed until the forecast closes); a later one replaces it."""

    KIND: ClassVar[str] = "forecast"
    number: int
    probabilities: list[float]


@dataclass(frozen=True, slots=True)
class ForecastClosed:
    """The forecast closed and the spread was shown: each team's numbers, the median, the analyst's."""

    KIND: ClassVar[str] = "forecast_close"
    number: int
    entries: dict[str, list[float]]
    """Team → its probabilities, as shown."""
    median: list[float]
    """The class median of each branch, rescaled to sum to 1 (empty when no team entered one)."""


@dataclass(frozen=True, slots=True)
class Shown:
    """The facilitator showed (or hid again) the analyst's estimates or the historical marks."""

    KIND: ClassVar[str] = "show"
    what: str
    """'estimates' or 'historical'."""
    on: bool
    estimates: list[float | None] | None = None
    """With estimates shown: each option's estimate at the node where it happened, as shown."""


@dataclass(frozen=True, slots=True)
class Ended:
    """The facilitator ended the game for the debrief (everything sealed is unsealed)."""

    KIND: ClassVar[str] = "end"
    reason: str | None


CLASS_BODIES: tuple[type[Any], ...] = (Ordered, RoundClosed, Revealed, NewsFired, Argued, Countered, Ruled,
                                       ForecastOpened, Forecasted, ForecastClosed, Shown, Ended)
CLASS_ADVANCING = frozenset({Revealed.KIND, NewsFired.KIND, Ruled.KIND})
"""Classroom kinds that move the game (each is a step of the path and ends the turn)."""
