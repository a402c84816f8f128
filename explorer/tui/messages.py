"""Messages of the explorer: about the walk (for tests and anything that listens) and from its
worker threads (the analysis is done)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from explorer.analysis.outlooks import Outlooks
    from explorer.graph import ScenarioGraph


class WalkMove(StrEnum):
    """How the walk moved."""

    TAKE = "take"
    ROLL = "roll"
    REROLL = "reroll"
    """The last roll drawn anew, deliberately."""
    RESOLVE = "resolve"
    """A round played."""
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


class AnalysisReady(Message):
    """The analysis of `graph` is done (sent from a worker thread to the screen that asked)."""

    def __init__(self, graph: ScenarioGraph, outlooks: Outlooks) -> None:
        super().__init__()
        self.graph = graph
        self.outlooks = outlooks


class AnalysisFailed(Message):
    """The scenario cannot be solved here; `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
