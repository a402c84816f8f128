"""What can go wrong with a game, as exceptions whose message is meant for a person."""

from __future__ import annotations


class GameError(Exception):
    """Base of every game error; `str(error)` is a complete sentence for the user."""


class StoreError(GameError):
    """The file is not a usable game store: missing, foreign, newer, damaged or unwritable."""


class StoreDamaged(StoreError):
    """The file is a game store, but part of it cannot be read: the message says what, and that
    `explorer log` still shows the events that can be read."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason = " ".join(reason.split())  # SQLite's reports run over several lines
        super().__init__(f"{path} is damaged: {reason}; `explorer log {path}` shows the events that can still be read")


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
