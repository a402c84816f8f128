"""Support enumeration for two-actor stage games, batched over support pairs with numpy.

Support pairs (S1, S2) with |S1| = |S2| = k for k = 2, 3, … (k = 1 is the pure test, which has already
failed when this runs); within k, S1 then S2 in lexicographic order of their sorted indices
(`itertools.combinations` order: for each S1, each S2). For each pair two square systems are solved:
actor 2's weights on S2 (summing to 1) that make actor 1's payoffs equal over S1, and actor 1's weights
on S1 that make actor 2's payoffs equal over S2. Weights may be 0. A system is singular, and skipped,
when its determinant is at most (k + 1)·2⁻⁵² times the product of its rows' lengths (Hadamard's
bound: zero at working precision). The first pair whose weights are non-negative (≥ −1e-12, then set
to 0) and where no move of either actor pays more than the support's value + the tie margin is taken.
Actor 2's system and actor 1's best responses are checked first; actor 1's system is solved only for
the pairs that pass.

In exact arithmetic this always finds an equilibrium, in degenerate games too: Lemke–Howson with
lexicographic pivoting ends at a complementary basis where the basic strategy variables X (actor 1) and
Y (actor 2) have |X| = |Y| and B[X, Y], A[X, Y] nonsingular; the pair (X, Y) then passes every test
above. The Lemke–Howson fallback covers floating-point misjudgements, and games so large that the
enumeration is cut off at `MAX_PAIRS` (Σₖ C(m1, k)·C(m2, k) grows like 4ᵐ: 2.7 million pairs for two
actors with 12 moves each).
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import numpy as np

NEGATIVE_WEIGHT = -1e-12
"""Computed weights down to this are rounding: set to 0."""
MAX_PAIRS = 500_000
"""Support pairs examined at most; past this the caller falls back to Lemke–Howson."""
_BATCH = 4096
"""Support pairs solved per numpy batch (bounds memory; the search stops at the first success)."""
_EPS = float(np.finfo(float).eps)


@cache
def _subsets(m: int, k: int) -> np.ndarray:
    """The k-subsets of range(m) in `itertools.combinations` order, one per row."""
    subsets = np.array(list(combinations(range(m), k)), dtype=np.intp).reshape(-1, k)
    subsets.flags.writeable = False
    return subsets


def _indifference(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each k × k block M: weights w ≥ ? summing to 1 with M w = v·1 — (w, v, regular).

    Solves [[M, −1], [1ᵀ, 0]] (w, v) = (0, …, 0, 1); singular systems (see the module doc) get
    regular = False and meaningless solutions.
    """
    k = blocks.shape[-1]
    systems = np.zeros((*blocks.shape[:-2], k + 1, k + 1))
    systems[..., :k, :k] = blocks
    systems[..., :k, k] = -1.0
    systems[..., k, :k] = 1.0
    sign, logdet = np.linalg.slogdet(systems)
    hadamard = np.log(np.linalg.norm(systems, axis=-1)).sum(axis=-1)
    regular = (sign != 0) & (logdet > hadamard + np.log((k + 1) * _EPS))
    rhs = np.zeros((k + 1, 1))
    rhs[k, 0] = 1.0
    solutions = np.linalg.solve(np.where(regular[..., None, None], systems, np.eye(k + 1)), rhs)[..., 0]
    return solutions[..., :k], solutions[..., k], regular


def _normalised(weights: np.ndarray, ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights with rounding negatives set to 0 and scaled to sum 1; ok narrowed accordingly."""
    ok = ok & np.all(weights >= NEGATIVE_WEIGHT, axis=-1)
    weights = np.maximum(weights, 0.0)
    sums = weights.sum(axis=-1, keepdims=True)
    ok &= sums[..., 0] > 0
    return weights / np.where(sums > 0, sums, 1.0), ok


def _first_in_batch(
    a: np.ndarray, b: np.ndarray, s1: np.ndarray, s2: np.ndarray, tol_a: float, tol_b: float
) -> tuple[np.ndarray, np.ndarray] | None:
    """The first pair of S1 × S2 (row-major) that is an equilibrium, as full weight vectors."""
    y, v, ok = _indifference(a[s1[:, None, :, None], s2[None, :, None, :]])  # (c1, c2, k)
    y, ok = _normalised(y, ok)
    if not ok.any():
        return None
    ok &= np.all(np.einsum("ijk,mjk->ijm", y, a[:, s2]) <= v[..., None] + tol_a, axis=-1)
    i, j = np.nonzero(ok)  # row-major: the enumeration's order
    if not len(i):
        return None
    rows, cols = s1[i], s2[j]
    x, w, fine = _indifference(np.swapaxes(b[rows[:, :, None], cols[:, None, :]], -1, -2))
    x, fine = _normalised(x, fine)
    fine &= np.all(np.einsum("sk,skm->sm", x, b[rows]) <= w[:, None] + tol_b, axis=-1)
    if not fine.any():
        return None
    first = int(np.argmax(fine))
    x_full, y_full = np.zeros(a.shape[0]), np.zeros(a.shape[1])
    x_full[rows[first]], y_full[cols[first]] = x[first], y[i[first], j[first]]
    return x_full, y_full


def _unit_range(matrix: np.ndarray, margin: float) -> tuple[np.ndarray, float]:
    """The matrix mapped affinely onto [0, 1], and the margin in those units plus rounding."""
    low, high = float(matrix.min()), float(matrix.max())
    spread = high - low
    if spread <= 0.0:
        return np.zeros_like(matrix), margin + 64 * _EPS
    return (matrix - low) / spread, margin / spread + 64 * _EPS


def support_enumeration(a: np.ndarray, b: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The first equilibrium of the bimatrix game (a, b) in the contract's support order, or None
    (none found, or `MAX_PAIRS` examined).

    Each matrix is first mapped to [0, 1] (minus its minimum, over its range), so the systems are well
    scaled whatever the payoffs' size; the best-response tolerance is the tie margin in those units
    plus a rounding allowance of 64·2⁻⁵² (which matters only when the margin is 0).
    """
    m1, m2 = a.shape
    a, tol_a = _unit_range(a, margin)
    b, tol_b = _unit_range(b, margin)
    examined = 0
    for k in range(2, min(m1, m2) + 1):
        s1, s2 = _subsets(m1, k), _subsets(m2, k)
        step = max(1, _BATCH // len(s2))
        for start in range(0, len(s1), step):
            chunk = s1[start : start + step]
            if examined + len(chunk) * len(s2) > MAX_PAIRS:
                return None
            examined += len(chunk) * len(s2)
            found = _first_in_batch(a, b, chunk, s2, tol_a, tol_b)
            if found is not None:
                return found
    return None
