"""What a walk is made of and what it shows: the steps made (`Step`, with a dice `Roll` or a round's
`RoundPlay`), and the options and round moves as a person sees them."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.actions import Action, State
from explorer.format.models import Option, RoundMove


@dataclass(frozen=True, slots=True)
class Roll:
    """A dice roll at a chance node: a uniform draw in [0, 1) against cumulative odds."""

    seed: int
    number: int
    """How many rolls this walk had made before this one (the draw's index)."""
    value: float
    index: int
    """The option it picked (0-based)."""
    bands: tuple[tuple[int, float, float], ...]
    """(option index, low, high) for each available option: the roll picks the band it falls in."""


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
    """An option as a person sees it at the current position."""

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
    def option(self) -> Option:
        return self.action.option


@dataclass(frozen=True, slots=True)
class MoveView:
    """A move of a round's actor as a person sees it at the current position."""

    index: int
    action: Action
    available: bool
    lock_reason: str | None
    effects: tuple[tuple[str, float], ...]

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def move(self) -> RoundMove:
        return self.action.option  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class ActorMoves:
    """One actor's moves in the current round, and the move used if none is picked for it."""

    actor: str
    moves: tuple[MoveView, ...]
    default: int | None
    """The actor's `default` move when available, else its first available move; None: it sits out."""

    @property
    def sits_out(self) -> bool:
        return self.default is None


Route = tuple[int | tuple[int | None, ...], ...]
"""Moves from the start: an option index, or at a round each actor's move index."""

