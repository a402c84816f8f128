"""Helpers for the stage-game tests: the caller's tie margin, brute-force checks written without
numpy (plain loops over joint moves), and hypothesis strategies for small games with many ties."""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import strategies as st

from explorer.analysis.stage import StageSolution

STALLING = np.array(
    [
        [[[3, 0, -5], [5, -5, -4]], [[-5, -3, 5], [-5, 1, 0]], [[-3, 5, -5], [1, -2, -1]]],
        [[[-1, 4, 5], [-2, -5, 0]], [[-4, -4, 5], [-3, 0, -1]], [[0, -6, -1], [-1, 2, 1]]],
        [[[0, 2, -4], [-4, 5, 3]], [[1, 5, -5], [6, -4, 5]], [[0, -4, 5], [-5, -4, 4]]],
    ],
    dtype=float,
)
"""A generic 3×2×3 game whose logit branch lingers, fully mixed, near a point that is almost an
equilibrium (payoff differences around 1e-4) and is not; its only equilibrium is ((2/3, 0, 1/3),
(1, 0), (5/11, 6/11, 0)). With the corrector converged to 1e-4 the path (ours, and Gambit's) stalls
there around λ = 8e3; the retry converged to 1e-8 gets through."""


def margin_of(payoffs: np.ndarray) -> float:
    """The margin the lead's caller passes: 1e-9 × the largest |payoff| (1 when all are 0)."""
    big = float(np.abs(payoffs).max())
    return 1e-9 * (big if big > 0 else 1.0)


def game(*matrices: list) -> np.ndarray:
    return np.array(matrices, dtype=float)


def joint_moves(sizes: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Every joint move, lexicographic with actor 0 most significant."""
    return list(product(*(range(m) for m in sizes)))


def brute_gains(payoffs: np.ndarray, profile: tuple[tuple[float, ...], ...]) -> tuple[list[float], list[float]]:
    """(each actor's expected payoff, its best gain from a pure deviation), by summing over joint moves."""
    n, sizes = payoffs.shape[0], payoffs.shape[1:]
    moves = joint_moves(sizes)

    def prob(joint: tuple[int, ...], skip: int) -> float:
        out = 1.0
        for k, m in enumerate(joint):
            if k != skip:
                out *= profile[k][m]
        return out

    values, gains = [], []
    for i in range(n):
        value = sum(prob(j, -1) * float(payoffs[(i, *j)]) for j in moves)
        per_move = [0.0] * sizes[i]
        for j in moves:
            per_move[j[i]] += prob(j, i) * float(payoffs[(i, *j)])
        values.append(value)
        gains.append(max(0.0, max(per_move) - value))
    return values, gains


def assert_reported_truly(payoffs: np.ndarray, margin: float, solution: StageSolution) -> None:
    """The profile is one, and its values, ε and `converged` are what brute force finds."""
    n = payoffs.shape[0]
    scale = max(1.0, float(np.abs(payoffs).max()))
    for probs in solution.profile:
        assert all(p >= 0 for p in probs)
        assert abs(sum(probs) - 1) <= 1e-12
    values, gains = brute_gains(payoffs, solution.profile)
    worst, equilibrium = 0.0, True
    for i in range(n):
        spread = float(payoffs[i].max() - payoffs[i].min())
        rel = gains[i] / spread if spread > 0 else 0.0
        worst = max(worst, rel)
        equilibrium &= gains[i] <= margin + 1e-12 * scale or rel <= 1e-9
        assert abs(values[i] - solution.values[i]) <= 1e-12 * scale
    assert abs(solution.epsilon - worst) <= 1e-9 + 1e-6 * worst
    assert solution.converged == equilibrium


def assert_equilibrium(payoffs: np.ndarray, margin: float, solution: StageSolution) -> None:
    """Truly reported, and every actor's deviation gain is a tie or at most 1e-9 of its range."""
    assert_reported_truly(payoffs, margin, solution)
    assert solution.converged, solution


def brute_selection(payoffs: np.ndarray, margin: float) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """(pure equilibria, undominated ones) by the contract's rule, written out loop by loop."""
    n, sizes = payoffs.shape[0], payoffs.shape[1:]
    equilibria = []
    for joint in joint_moves(sizes):
        stable = True
        for i in range(n):
            here = float(payoffs[(i, *joint)])
            for alt in range(sizes[i]):
                other = (*joint[:i], alt, *joint[i + 1 :])
                if not here >= float(payoffs[(i, *other)]) - margin:
                    stable = False
        if stable:
            equilibria.append(joint)

    def dominates(b: tuple[int, ...], a: tuple[int, ...]) -> bool:
        vb = [float(payoffs[(i, *b)]) for i in range(n)]
        va = [float(payoffs[(i, *a)]) for i in range(n)]
        return all(x >= y - margin for x, y in zip(vb, va, strict=True)) and any(
            x > y + margin for x, y in zip(vb, va, strict=True)
        )

    undominated = [a for a in equilibria if not any(dominates(b, a) for b in equilibria if b != a)]
    return equilibria, undominated


VALUE_SETS = {
    "ties": st.integers(0, 2).map(float),
    "integers": st.integers(-6, 6).map(float),
    "tenths": st.integers(-20, 20).map(lambda v: v / 10),
    "floats": st.floats(-100, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False),
}


@st.composite
def games(
    draw: st.DrawFn,
    actors: tuple[int, int] = (2, 4),
    moves: tuple[int, int] = (1, 4),
    value_sets: tuple[str, ...] = tuple(sorted(VALUE_SETS)),
) -> np.ndarray:
    """A small stage game: 2–4 actors, 1–4 moves each, payoffs from one of `VALUE_SETS`."""
    n = draw(st.integers(*actors))
    sizes = [draw(st.integers(*moves)) for _ in range(n)]
    values = draw(st.sampled_from(value_sets))
    count = n * int(np.prod(sizes))
    flat = draw(st.lists(VALUE_SETS[values], min_size=count, max_size=count))
    return np.array(flat, dtype=float).reshape((n, *sizes))


def profile_close(profile: tuple[tuple[float, ...], ...], expected: tuple[tuple[float, ...], ...], tol: float) -> bool:
    """Same shape, and every probability within `tol`."""
    return [len(p) for p in profile] == [len(p) for p in expected] and all(
        abs(a - b) <= tol for p, q in zip(profile, expected, strict=True) for a, b in zip(p, q, strict=True)
    )
