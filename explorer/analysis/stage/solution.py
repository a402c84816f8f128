"""What a stage-game solve returns (no numpy here, so importing it stays cheap)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

EPSILON_TARGET = 1e-9
"""The largest relative deviation gain (ε) a mixed solution may leave."""

Profile = tuple[tuple[float, ...], ...]
"""Per actor, the probability of each of its moves."""


class StageMethod(enum.Enum):
    """How the equilibrium of a stage game was found."""

    PURE = "pure"
    SUPPORT = "support enumeration"
    LEMKE_HOWSON = "Lemke–Howson"
    LOGIT = "logit path"


@dataclass(frozen=True, slots=True)
class StageSolution:
    """The equilibrium taken in one stage game, with what the selection saw."""

    profile: Profile
    """Per actor (in the order given): the probability of each of its moves."""
    method: StageMethod
    pure_equilibria: tuple[tuple[int, ...], ...]
    """Every pure Nash equilibrium, in lexicographic order of move indices (actor 0 most significant)."""
    undominated: tuple[tuple[int, ...], ...]
    """The pure equilibria no other pure equilibrium Pareto-dominates, in the same order."""
    chosen: tuple[int, ...] | None
    """The pure equilibrium taken; None when the play is mixed."""
    values: tuple[float, ...]
    """Each actor's expected payoff under `profile`."""
    epsilon: float
    """The largest gain any actor gets by deviating alone, relative to its payoff range in the stage."""
    converged: bool
    """True when every actor's deviation gain is a tie (within the margin) or at most ε = 1e-9 of its range."""

    @property
    def mixed(self) -> bool:
        return self.chosen is None
