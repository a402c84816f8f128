"""What can go wrong with a game, as exceptions whose message is meant for a person."""

from __future__ import annotations


class GameError(Exception):
    """Base of every game error; `str(error)` is a complete sentence for the user."""


class StoreError(GameError):
    """The file is not a usable game store: missing, foreign, newer, damaged or unwritable."""


class StaleTurn(GameError):
    """A move made for a turn that is already over: someone else moved first."""

    def __init__(self, expected: int, current: int, what_changed: str = "") -> None:
        self.expected = expected
        self.current = current
        self.what_changed = what_changed
        detail = f": {what_changed}" if what_changed else ""
        super().__init__(f"the move was made for turn {expected}, but the game is at turn {current}{detail}")


class MoveRefused(GameError):
    """A move the rules or the roles do not allow here (locked option, not your turn, …)."""


class ReplayError(GameError):
    """The recorded events no longer fit the scenario (it changed since the game was played)."""


class ScenarioChanged(GameError):
    """The scenario's files differ from those the game was started with."""
