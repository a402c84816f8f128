"""What a walk moves through: the metric state, and an option or a round's move resolved (`Action`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from explorer.format.models import Option, RoundMove

State = tuple[float, ...]
"""Metric values in the order of the graph's `metric_ids`."""


@dataclass(frozen=True, slots=True)
class Action:
    """One option of a node, or one move of an actor in a round, resolved: how it changes the state
    and when it is available (an option's `option.to` says where it leads)."""

    node_id: str
    index: int
    option: Option | RoundMove
    effects: tuple[tuple[int, float], ...]
    """(metric slot, amount) pairs."""
    requires: Callable[[State], bool] | None
    actor: str | None = None
    """The actor whose move this is, in a round; None for an option."""

    @property
    def key(self) -> tuple[str, int] | tuple[str, str, int]:
        """Where its `requires` is kept: (node id, option index) or (node id, actor, move index)."""
        return (self.node_id, self.index) if self.actor is None else (self.node_id, self.actor, self.index)
