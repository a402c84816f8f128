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

from itertools import combinations

import numpy as np

NEGATIVE_WEIGHT = -1e-12
"""Computed weights down to this are rounding: clipped to 0."""
_BATCH = 4096
"""Support pairs solved per numpy batch (bounds memory; the search stops at the first success)."""


def _bordered(blocks: np.ndarray) -> np.ndarray:
    """[[M, −1], [1ᵀ, 0]] for each k × k block M: unknowns (weights, value), right side (0, …, 0, 1)."""
    k = blocks.shape[-1]
    out = np.zeros((*blocks.shape[:-2], k + 1, k + 1))
    out[..., :k, :k] = blocks
    out[..., :k, k] = -1.0
    out[..., k, :k] = 1.0
    return out


def _solve_regular(systems: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solutions of the bordered systems (right side e_k) and which ones are nonsingular."""
    size = systems.shape[-1]
    sv = np.linalg.svd(systems, compute_uv=False)
    regular = sv[..., -1] > sv[..., 0] * size * np.finfo(float).eps
    safe = np.where(regular[..., None, None], systems, np.eye(size))
    rhs = np.zeros((size, 1))
    rhs[-1, 0] = 1.0
    return np.linalg.solve(safe, rhs)[..., 0], regular


def _scatter(weights: np.ndarray, supports: np.ndarray, size: int, along_first: bool) -> np.ndarray:
    """Full weight vectors (c1, c2, size) from weights on supports indexed by S1 (first) or S2."""
    c1, c2, _ = weights.shape
    full = np.zeros((c1, c2, size))
    rows = np.arange(c1)[:, None, None]
    cols = np.arange(c2)[None, :, None]
    idx = supports[:, None, :] if along_first else supports[None, :, :]
    full[rows, cols, idx] = weights
    return full


def _first_in_batch(
    a: np.ndarray, b: np.ndarray, s1: np.ndarray, s2: np.ndarray, tolerance: float
) -> tuple[np.ndarray, np.ndarray] | None:
    rows, cols = s1[:, None, :, None], s2[None, :, None, :]
    y_sol, y_ok = _solve_regular(_bordered(a[rows, cols]))
    x_sol, x_ok = _solve_regular(_bordered(np.swapaxes(b[rows, cols], -1, -2)))
    y, v = y_sol[..., :-1], y_sol[..., -1]
    x, w = x_sol[..., :-1], x_sol[..., -1]
    ok = y_ok & x_ok & np.all(y >= NEGATIVE_WEIGHT, axis=-1) & np.all(x >= NEGATIVE_WEIGHT, axis=-1)
    if not ok.any():
        return None
    y, x = np.maximum(y, 0.0), np.maximum(x, 0.0)
    y_sum, x_sum = y.sum(axis=-1, keepdims=True), x.sum(axis=-1, keepdims=True)
    ok &= (y_sum[..., 0] > 0) & (x_sum[..., 0] > 0)
    y_full = _scatter(y / np.where(y_sum > 0, y_sum, 1.0), s2, a.shape[1], along_first=False)
    x_full = _scatter(x / np.where(x_sum > 0, x_sum, 1.0), s1, a.shape[0], along_first=True)
    ok &= np.all(y_full @ a.T <= v[..., None] + tolerance, axis=-1)
    ok &= np.all(x_full @ b <= w[..., None] + tolerance, axis=-1)
    if not ok.any():
        return None
    i, j = np.unravel_index(int(np.argmax(ok)), ok.shape)
    return x_full[i, j], y_full[i, j]


def support_enumeration(a: np.ndarray, b: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The first equilibrium of the bimatrix game (a, b) in the contract's support order, or None.

    `tolerance` for the best-response test is the tie margin plus a rounding allowance of 64·2⁻⁵²
    times the largest |payoff| (which matters only when the margin is 0).
    """
    m1, m2 = a.shape
    scale = max(float(np.abs(a).max()), float(np.abs(b).max()), 1.0)
    tolerance = margin + 64 * np.finfo(float).eps * scale
    for k in range(2, min(m1, m2) + 1):
        s2 = np.array(list(combinations(range(m2), k)), dtype=np.intp)
        step = max(1, _BATCH // len(s2))
        first_sets = combinations(range(m1), k)
        while True:
            chunk = [s for _, s in zip(range(step), first_sets, strict=False)]
            if not chunk:
                break
            found = _first_in_batch(a, b, np.array(chunk, dtype=np.intp), s2, tolerance)
            if found is not None:
                return found
    return None
