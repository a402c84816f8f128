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
    if n == 2:
        return [payoffs[0] @ profile[1], profile[0] @ payoffs[1]]
    out = []
    for i in range(n):
        arr = np.moveaxis(payoffs[i], i, -1)
        for j in range(n):
            if j != i:
                rest = arr.shape[1:]
                arr = (profile[j] @ arr.reshape(arr.shape[0], -1)).reshape(rest)
        out.append(arr)
    return out


def deviation_gains(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> tuple[list[float], list[float]]:
    """Each actor's expected payoff under `profile` and its largest gain from a pure deviation."""
    values, gains = [], []
    for p, u in zip(profile, payoff_vectors(payoffs, profile), strict=True):
        value = float(p @ u)
        values.append(value)
        gains.append(max(float(u.max()) - value, 0.0))
    return values, gains


def payoff_spreads(payoffs: np.ndarray) -> list[float]:
    """Each actor's payoff range (max − min) over the stage's joint moves."""
    flat = payoffs.reshape(payoffs.shape[0], -1)
    return (flat.max(axis=1) - flat.min(axis=1)).tolist()


def judge(gains: Sequence[float], spreads: Sequence[float], margin: float) -> tuple[float, bool]:
    """(ε, accepted): ε is the largest gain relative to its actor's range (0 where that is 0);
    accepted when every gain is a tie (≤ margin) or at most `EPSILON_TARGET` of its range."""
    epsilon, ok = 0.0, True
    for gain, spread in zip(gains, spreads, strict=True):
        rel = gain / spread if spread > 0 else 0.0
        epsilon = max(epsilon, rel)
        ok = ok and (gain <= margin or rel <= EPSILON_TARGET)
    return epsilon, ok


def mixed_solution(
    payoffs: np.ndarray, profile: Sequence[np.ndarray], method: StageMethod, margin: float, unit: float = 1.0
) -> StageSolution:
    """Package a mixed profile: values (× `unit`), ε and whether it is accepted as an equilibrium."""
    values, gains = deviation_gains(payoffs, profile)
    epsilon, converged = judge(gains, payoff_spreads(payoffs), margin)
    return StageSolution(
        profile=tuple(tuple(p.tolist()) for p in profile),
        method=method,
        pure_equilibria=(),
        undominated=(),
        chosen=None,
        values=tuple(v * unit for v in values),
        epsilon=epsilon,
        converged=converged,
    )
