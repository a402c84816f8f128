"""What a screen over the walk closes with: the move the person asked for next.

The start screen closes with the walking key pressed on it (`Take`, `Roll`), the outcome
screen with where to go from the ending (`Back`, `Restart`, `Rewind`), the full map with the line
chosen (`Follow`); None is "nothing: just look". The main screen makes the move (`MainScreen.make`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Take:
    """Take option `number` (1-based, as its key)."""

    number: int


@dataclass(frozen=True, slots=True)
class Roll:
    """Roll the dice at a chance node."""


@dataclass(frozen=True, slots=True)
class Back:
    """Undo the last step."""


@dataclass(frozen=True, slots=True)
class Restart:
    """Start the walk again."""


@dataclass(frozen=True, slots=True)
class Rewind:
    """Go back to just after step `steps` (a click on the path)."""

    steps: int


@dataclass(frozen=True, slots=True)
class Follow:
    """Go where the map's branch indices `lines` lead from the start (a line chosen on the full map)."""

    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ContinueSaved:
    """Go on with the last saved walk of the scenario instead of a new one (the start screen's c)."""


StartRequest = Take | Roll | ContinueSaved
"""What the start screen closes with (besides None: just begin)."""
OutcomeRequest = Back | Restart | Rewind
"""What the outcome screen closes with (besides None: look around the ending)."""
WalkRequest = StartRequest | OutcomeRequest | Follow
