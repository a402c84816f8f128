"""Support enumeration for two-actor stage games, batched over support pairs with numpy.

Support pairs (S1, S2) with |S1| = |S2| = k for k = 2, 3, … (k = 1 is the pure test, which has already
failed when this runs); within k, S1 then S2 in lexicographic order of their sorted indices
(`itertools.combinations` order: for each S1, each S2). For each pair two square systems are solved:
actor 2's weights on S2 (summing to 1) that make actor 1's payoffs equal over S1, and actor 1's weights
on S1 that make actor 2's payoffs equal over S2. Weights may be 0. A system is singular, and skipped,
when its smallest singular value is at most (k + 1)·2⁻⁵² times its largest (numpy's rank rule). The
first pair whose weights are non-negative (≥ −1e-12, then clipped) and where no move of either actor
pays more than the support value + the tie margin is taken.

In exact arithmetic this always finds an equilibrium, in degenerate games too: Lemke–Howson with
lexicographic pivoting ends at a complementary basis where the basic strategy variables X (actor 1) and
Y (actor 2) have |X| = |Y| and B[X, Y], A[X, Y] nonsingular; the pair (X, Y) then passes every test
above. The Lemke–Howson fallback covers only floating-point misjudgements of singularity.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import numpy as np

NEGATIVE_WEIGHT = -1e-12
"""Computed weights down to this are rounding: clipped to 0."""
_BATCH = 4096
"""Support pairs solved per numpy batch (bounds memory; the search stops at the first success)."""


@cache
def _subsets(m: int, k: int) -> np.ndarray:
    """The k-subsets of range(m) in `itertools.combinations` order, one per row."""
    subsets = np.array(list(combinations(range(m), k)), dtype=np.intp).reshape(-1, k)
    subsets.flags.writeable = False
    return subsets


def _solve_pairs(a: np.ndarray, b: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every pair (S1, S2): the two bordered systems' solutions and whether both are regular.

    System 0, [[A[S1, S2], −1], [1ᵀ, 0]] (y, v) = (0, 1): actor 2's weights y on S2 that give actor 1
    the value v on every move of S1. System 1, [[B[S1, S2]ᵀ, −1], [1ᵀ, 0]] (x, w) = (0, 1).
    """
    k = s1.shape[1]
    rows, cols = s1[:, None, :, None], s2[None, :, None, :]
    systems = np.zeros((2, len(s1), len(s2), k + 1, k + 1))
    systems[0, ..., :k, :k] = a[rows, cols]
    systems[1, ..., :k, :k] = np.swapaxes(b[rows, cols], -1, -2)
    systems[..., :k, k] = -1.0
    systems[..., k, :k] = 1.0
    sv = np.linalg.svd(systems, compute_uv=False)
    regular = sv[..., -1] > sv[..., 0] * (k + 1) * np.finfo(float).eps
    rhs = np.zeros((k + 1, 1))
    rhs[k, 0] = 1.0
    solutions = np.linalg.solve(np.where(regular[..., None, None], systems, np.eye(k + 1)), rhs)[..., 0]
    return solutions, regular[0] & regular[1]


def _first_in_batch(
    a: np.ndarray, b: np.ndarray, s1: np.ndarray, s2: np.ndarray, tolerance: float
) -> tuple[np.ndarray, np.ndarray] | None:
    solutions, ok = _solve_pairs(a, b, s1, s2)
    weights, values = solutions[..., :-1], solutions[..., -1]
    ok &= np.all(weights >= NEGATIVE_WEIGHT, axis=(0, -1))
    if not ok.any():
        return None
    weights = np.maximum(weights, 0.0)
    sums = weights.sum(axis=-1, keepdims=True)
    ok &= np.all(sums[..., 0] > 0, axis=0)
    y, x = weights / np.where(sums > 0, sums, 1.0)
    # every move's payoff against the other's weights: actor 1's rows against y on S2, and so on
    ok &= np.all(np.einsum("ijk,mjk->ijm", y, a[:, s2]) <= values[0][..., None] + tolerance, axis=-1)
    ok &= np.all(np.einsum("ijk,ikm->ijm", x, b[s1, :]) <= values[1][..., None] + tolerance, axis=-1)
    if not ok.any():
        return None
    i, j = np.unravel_index(int(np.argmax(ok)), ok.shape)
    x_full, y_full = np.zeros(a.shape[0]), np.zeros(a.shape[1])
    x_full[s1[i]], y_full[s2[j]] = x[i, j], y[i, j]
    return x_full, y_full


def support_enumeration(a: np.ndarray, b: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The first equilibrium of the bimatrix game (a, b) in the contract's support order, or None.

    `tolerance` for the best-response test is the tie margin plus a rounding allowance of 64·2⁻⁵²
    times the largest |payoff| (which matters only when the margin is 0).
    """
    m1, m2 = a.shape
    scale = max(float(np.abs(a).max()), float(np.abs(b).max()), 1.0)
    tolerance = margin + 64 * np.finfo(float).eps * scale
    for k in range(2, min(m1, m2) + 1):
        s1, s2 = _subsets(m1, k), _subsets(m2, k)
        step = max(1, _BATCH // len(s2))
        for start in range(0, len(s1), step):
            found = _first_in_batch(a, b, s1[start : start + step], s2, tolerance)
            if found is not None:
                return found
    return None
