"""The result type of a stage-game solve and the array helpers every method shares."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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


def payoff_vectors(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Per actor i, the expected payoff of each of its moves when the others play `profile`."""
    n = len(profile)
    out = []
    for i in range(n):
        arr = np.moveaxis(payoffs[i], i, -1)
        for j in range(n):
            if j != i:
                rest = arr.shape[1:]
                arr = (profile[j] @ arr.reshape(arr.shape[0], -1)).reshape(rest)
        out.append(arr)
    return out


def deviation_gains(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Each actor's expected payoff under `profile` and its largest gain from a pure deviation."""
    vectors = payoff_vectors(payoffs, profile)
    values = np.array([float(p @ u) for p, u in zip(profile, vectors, strict=True)])
    best = np.array([float(u.max()) for u in vectors])
    return values, np.maximum(best - values, 0.0)


def payoff_ranges(payoffs: np.ndarray) -> np.ndarray:
    """Each actor's payoff range (max − min) over the stage's joint moves."""
    n = payoffs.shape[0]
    flat = payoffs.reshape(n, -1)
    return flat.max(axis=1) - flat.min(axis=1)


def relative_gains(gains: np.ndarray, ranges: np.ndarray) -> np.ndarray:
    """Gains divided by the actors' ranges (0 where a range is 0)."""
    safe = np.where(ranges > 0, ranges, 1.0)
    return np.where(ranges > 0, gains / safe, 0.0)


def accepted(gains: np.ndarray, ranges: np.ndarray, margin: float) -> bool:
    """Whether every actor's gain is a tie or at most `EPSILON_TARGET` of its range."""
    return bool(np.all((gains <= margin) | (relative_gains(gains, ranges) <= EPSILON_TARGET)))


def mixed_solution(
    payoffs: np.ndarray, profile: Sequence[np.ndarray], method: StageMethod, margin: float
) -> StageSolution:
    """Package a mixed profile: values, ε and whether it is accepted as an equilibrium."""
    values, gains = deviation_gains(payoffs, profile)
    ranges = payoff_ranges(payoffs)
    rel = relative_gains(gains, ranges)
    return StageSolution(
        profile=tuple(tuple(float(v) for v in p) for p in profile),
        method=method,
        pure_equilibria=(),
        undominated=(),
        chosen=None,
        values=tuple(float(v) for v in values),
        epsilon=float(rel.max(initial=0.0)),
        converged=accepted(gains, ranges, margin),
    )
