"""Messages the explorer posts about the walk, for tests and for anything that listens."""

from __future__ import annotations

from textual.message import Message


class WalkChanged(Message):
    """The walk moved: `action` is take, roll, back, restart, jump or follow."""

    def __init__(self, action: str, node_id: str, steps: int) -> None:
        super().__init__()
        self.action = action
        self.node_id = node_id
        self.steps = steps


class MoveRefused(Message):
    """A key or click asked for a move the walk refused; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
