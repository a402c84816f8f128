"""Pure equilibria of a stage game and the Pareto selection among them (vectorised)."""

from __future__ import annotations

import numpy as np

from explorer.analysis.stage.common import judge, payoff_spreads
from explorer.analysis.stage.solution import StageMethod, StageSolution

_DEDUPLICATE_FROM = 64
"""With more pure equilibria than this, equal value vectors are merged before the pairwise test."""


def pure_equilibria(payoffs: np.ndarray, margin: float) -> tuple[np.ndarray, list[np.ndarray]]:
    """Joint moves where no actor gains more than `margin` by deviating alone, as a (k, n) array.

    Rows are in lexicographic order of move indices, actor 0 most significant (C order). Also returns,
    per actor i, its best payoff against each combination of the others' moves (axis i kept, size 1).
    """
    n = payoffs.shape[0]
    bests = [payoffs[i].max(axis=i, keepdims=True) for i in range(n)]
    stable = payoffs[0] >= bests[0] - margin
    for i in range(1, n):
        stable &= payoffs[i] >= bests[i] - margin
    return np.argwhere(stable), bests


def undominated_mask(values: np.ndarray, margin: float) -> np.ndarray:
    """For each row of `values` (k outcomes × n actors): True when no other row Pareto-dominates it.

    B dominates A when every actor gets at least as much at B (b ≥ a − margin) and some actor gets
    more (b > a + margin). Equal rows never dominate each other, so with many rows only the distinct
    ones are compared.
    """
    if len(values) == 1:
        return np.ones(1, dtype=bool)
    if len(values) > _DEDUPLICATE_FROM:
        distinct, back = np.unique(values, axis=0, return_inverse=True)
        if len(distinct) < len(values):
            return _pairwise(distinct, margin)[back.ravel()]
    return _pairwise(values, margin)


def _pairwise(rows: np.ndarray, margin: float) -> np.ndarray:
    k = len(rows)
    at_least = np.ones((k, k), dtype=bool)  # [b, a]
    more = np.zeros((k, k), dtype=bool)
    for column in rows.T:
        at_least &= column[:, None] >= column[None, :] - margin
        more |= column[:, None] > column[None, :] + margin
    return ~(at_least & more).any(axis=0)


def pure_solution(
    payoffs: np.ndarray, equilibria: np.ndarray, bests: list[np.ndarray], margin: float, unit: float = 1.0
) -> StageSolution:
    """The first undominated pure equilibrium, with the selection's working (values × `unit`).

    The tie test is not transitive, so with three or more actors a cycle of dominations within a few
    margins is possible; when every pure equilibrium is dominated the first one is taken.
    """
    n = payoffs.shape[0]
    cells = np.ravel_multi_index(equilibria.T, payoffs.shape[1:])
    values = payoffs.reshape(n, -1)[:, cells].T  # (k, n)
    keep = undominated_mask(values, margin)
    first = int(np.argmax(keep)) if keep.any() else 0
    rows = equilibria.tolist()
    chosen = tuple(rows[first])
    chosen_values = values[first].tolist()
    gains = [float(bests[i][(*chosen[:i], 0, *chosen[i + 1 :])]) - chosen_values[i] for i in range(n)]
    # a gain here is a tie within the margin; the spreads are needed only then
    worst, gains_ok = judge(gains, payoff_spreads(payoffs), margin) if any(gains) else (0.0, True)
    profile = tuple(
        tuple(float(m == c) for m in range(size)) for c, size in zip(chosen, payoffs.shape[1:], strict=True)
    )
    as_tuples = [tuple(row) for row in rows]
    return StageSolution(
        profile=profile,
        method=StageMethod.PURE,
        pure_equilibria=tuple(as_tuples),
        undominated=tuple(t for t, k in zip(as_tuples, keep.tolist(), strict=True) if k),
        chosen=chosen,
        values=tuple(chosen_values) if unit == 1.0 else tuple(v * unit for v in chosen_values),
        epsilon=worst,
        converged=gains_ok,
    )
