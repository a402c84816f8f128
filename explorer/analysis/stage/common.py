"""Array helpers every method shares: payoffs of moves, deviation gains, ε and packaging."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from explorer.analysis.stage.solution import EPSILON_TARGET, StageMethod, StageSolution


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
