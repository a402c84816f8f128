"""Messages the explorer posts about the walk, for tests and for anything that listens."""

from __future__ import annotations

from enum import StrEnum

from textual.message import Message


class WalkMove(StrEnum):
    """How the walk moved."""

    TAKE = "take"
    ROLL = "roll"
    BACK = "back"
    RESTART = "restart"
    JUMP = "jump"
    FOLLOW = "follow"
    """Along a route picked on the map."""


class WalkChanged(Message):
    """The walk moved (`move`): it is at `node_id` after `steps` steps."""

    def __init__(self, move: WalkMove, node_id: str, steps: int) -> None:
        super().__init__()
        self.move = move
        self.node_id = node_id
        self.steps = steps


class WalkRefused(Message):
    """A key or click asked for a move the walk refused; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
