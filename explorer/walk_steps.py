"""What a walk is made of and what it shows: the steps made (`Step`, with a dice `Roll` or a round's
`RoundPlay`), the options and round moves as a person sees them, and how dice draws are numbered."""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum

from explorer.actions import Action, State
from explorer.format.models import Option, RoundMove


class Dice(Enum):
    """How a walk numbers its dice draws (each draw is `random.Random(f"{seed}:{number}")`)."""

    SEQUENCE = "sequence"
    """Draw n is the walk's n-th roll ever: going back and rolling again draws anew (a classroom game's
    log relies on it: its undo and override events are replayed this way)."""
    PATH = "path"
    """Draw n is the n-th roll along the path to here: the same seed and the same moves give the same
    rolls whatever went back and forth in between; a new draw is a deliberate re-roll (`Walk.reroll`)."""


@dataclass(frozen=True, slots=True)
class Roll:
    """A dice roll at a chance node: a uniform draw in [0, 1) against cumulative odds."""

    seed: int
    number: int
    """The draw's index: how many rolls the walk had made before this one (with `Dice.PATH`, how many
    rolls the path to here holds)."""
    value: float
    index: int
    """The option it picked (0-based)."""
    bands: tuple[tuple[int, float, float], ...]
    """(option index, low, high) for each available option: the roll picks the band it falls in."""
    attempt: int = 0
    """0 for the first draw of this roll; n for its n-th deliberate re-roll (`Walk.reroll`)."""

    @property
    def key(self) -> str:
        """What seeds the draw: '<seed>:<number>', and ':<attempt>' after it for a re-roll."""
        return f"{self.seed}:{self.number}" if not self.attempt else f"{self.seed}:{self.number}:{self.attempt}"


@dataclass(frozen=True, slots=True)
class RoundPlay:
    """How a round was played: each actor's move and the rule that fired."""

    actors: tuple[str, ...]
    moves: tuple[int | None, ...]
    """Each actor's move index (None: it had no available move and sat the round out)."""
    rule: int
    middle: State
    """The state after the moves' effects, before the rule's."""

    def move_of(self, actor: str) -> int | None:
        return self.moves[self.actors.index(actor)] if actor in self.actors else None


@dataclass(frozen=True, slots=True)
class Step:
    """One move made: from where, which option (at a round: which rule fired, and `play`), the state
    before and after."""

    node_id: str
    index: int
    """The option taken (0-based); -1 for a jump."""
    to: str
    label: str
    actor: str | None
    before: State
    after: State
    roll: Roll | None = None
    jump: bool = False
    play: RoundPlay | None = None

    @property
    def route_key(self) -> int | tuple[int | None, ...]:
        """What a `Route` holds for this step: the option index, or at a round each actor's move."""
        return self.index if self.play is None else self.play.moves


@dataclass(frozen=True, slots=True)
class OptionView:
    """An option (or, at a round, one actor's move) as a person sees it at the current position."""

    index: int
    action: Action
    available: bool
    lock_reason: str | None
    effects: tuple[tuple[str, float], ...]
    """(metric id, amount) in the order written."""

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def option(self) -> Option | RoundMove:
        """The option's (or the move's) model."""
        return self.action.option


@dataclass(frozen=True, slots=True)
class ActorMoves:
    """One actor's moves in the current round, and the move used if none is picked for it."""

    actor: str
    moves: tuple[OptionView, ...]
    default: int | None
    """The actor's `default` move when available, else its first available move; None: it sits out."""

    @property
    def sits_out(self) -> bool:
        return self.default is None


Route = tuple[int | tuple[int | None, ...], ...]
"""Moves from the start: an option index, or at a round each actor's move index."""


def draw(key: str) -> float:
    """The uniform draw in [0, 1) that `key` (`Roll.key`) seeds."""
    return random.Random(key).random()
