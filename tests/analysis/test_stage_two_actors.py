"""Two-actor mixed equilibria: support enumeration and Lemke–Howson, checked exactly."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from explorer.analysis.stage import StageMethod, solve_stage
from explorer.analysis.stage import solver as solver_module
from explorer.analysis.stage import support as support_module
from explorer.analysis.stage.lemke_howson import lemke_howson
from explorer.analysis.stage.pure import pure_equilibria
from explorer.analysis.stage.support import support_enumeration
from tests.analysis.stage_helpers import VALUE_SETS, assert_equilibrium, margin_of


def exact_equilibrium(a: np.ndarray, b: np.ndarray, x: list[Fraction], y: list[Fraction]) -> bool:
    """(x, y) is a Nash equilibrium of (a, b), in exact rational arithmetic."""
    fa = [[Fraction(float(v)) for v in row] for row in a]
    fb = [[Fraction(float(v)) for v in row] for row in b]
    m, n = len(fa), len(fa[0])
    rows = [sum(fa[i][j] * y[j] for j in range(n)) for i in range(m)]
    cols = [sum(fb[i][j] * x[i] for i in range(m)) for j in range(n)]
    return (
        all(v >= 0 for v in (*x, *y))
        and sum(x) == 1
        and sum(y) == 1
        and max(rows) == sum(x[i] * rows[i] for i in range(m))
        and max(cols) == sum(y[j] * cols[j] for j in range(n))
    )


DEGENERATE = [
    # von Stengel's 3×2 example made degenerate: actor 2 is indifferent against actor 1's first move.
    ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
    # a continuum of equilibria, no pure one (see test_stage's zero-weight game)
    ([[3, 3], [5, 0], [0, 5]], [[1, 1], [0, 1], [1, 0]]),
    # everything ties
    ([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]),
    # duplicated rows and columns
    ([[1, 1, -1], [1, 1, -1], [-1, -1, 1]], [[-1, -1, 1], [-1, -1, 1], [1, 1, -1]]),
    # identity games: every pure diagonal cell and many mixtures
    (np.eye(4).tolist(), np.eye(4).tolist()),
]


def test_lemke_howson_from_label_zero_on_von_stengels_example() -> None:
    # Dropping label 0 from (0, 0): x₀ enters and column 0 becomes tight (x = (1/3, 0, 0)); then y₀
    # enters and row 0 becomes tight, label 0 again: the pure equilibrium (row 0, column 0).
    a = np.array([[3, 3], [2, 5], [0, 6]], dtype=float)
    b = np.array([[3, 2], [2, 6], [3, 1]], dtype=float)
    assert lemke_howson(a, b) == ([1, 0, 0], [1, 0])


def test_lemke_howson_on_matching_pennies_and_rps() -> None:
    a = np.array([[1, -1], [-1, 1]], dtype=float)
    assert lemke_howson(a, -a) == ([Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2)
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    assert lemke_howson(rps, -rps) == ([Fraction(1, 3)] * 3, [Fraction(1, 3)] * 3)


@pytest.mark.parametrize(("a", "b"), DEGENERATE)
def test_lemke_howson_terminates_at_an_equilibrium_of_degenerate_games(a: list, b: list) -> None:
    an, bn = np.array(a, dtype=float), np.array(b, dtype=float)
    x, y = lemke_howson(an, bn)
    assert exact_equilibrium(an, bn, x, y)


def test_lemke_howson_with_fractional_payoffs() -> None:
    a = np.array([[0.1, 0.7], [0.3, 0.2]])
    b = np.array([[0.2, 0.1], [0.05, 0.9]])
    x, y = lemke_howson(a, b)
    assert exact_equilibrium(a, b, x, y)


@st.composite
def bimatrix(draw: st.DrawFn) -> np.ndarray:
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    values = VALUE_SETS[draw(st.sampled_from(sorted(VALUE_SETS)))]
    flat = draw(st.lists(values, min_size=2 * m * n, max_size=2 * m * n))
    return np.array(flat, dtype=float).reshape(2, m, n)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(bimatrix())
def test_lemke_howson_always_ends_at_an_exact_equilibrium(game: np.ndarray) -> None:
    x, y = lemke_howson(game[0], game[1])
    assert exact_equilibrium(game[0], game[1], x, y)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.filter_too_much])
@given(bimatrix())
def test_support_enumeration_finds_an_equilibrium_whenever_there_is_no_pure_one(game: np.ndarray) -> None:
    # In exact arithmetic the basis Lemke–Howson ends at is a square support pair with nonsingular
    # systems, so enumeration with zero weights allowed never needs the fallback.
    margin = margin_of(game)
    assume(len(pure_equilibria(game, margin)[0]) == 0)
    found = support_enumeration(game[0], game[1], margin)
    assert found is not None
    solution = solve_stage(game, margin)
    assert solution.method is StageMethod.SUPPORT
    assert_equilibrium(game, margin, solution)


NO_PURE = [
    DEGENERATE[1],
    DEGENERATE[3],
    ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]),
    ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]),
]


@pytest.mark.parametrize(("a", "b"), NO_PURE)
def test_the_fallback_is_lemke_howson(monkeypatch: pytest.MonkeyPatch, a: list, b: list) -> None:
    monkeypatch.setattr(solver_module, "support_enumeration", lambda *_: None)
    payoffs = np.array([a, b], dtype=float)
    assert len(pure_equilibria(payoffs, margin_of(payoffs))[0]) == 0
    s = solve_stage(payoffs, margin_of(payoffs))
    assert s.method is StageMethod.LEMKE_HOWSON and s.converged
    assert_equilibrium(payoffs, margin_of(payoffs), s)


def test_singular_pairs_are_skipped() -> None:
    # Rows 0 and 1 (and columns 0 and 1) are copies: every pair holding both is singular, and so is
    # ({0, 2}, {0, 1}); ({0, 2}, {0, 2}) is the first that works.
    a = np.array([[1, 1, -1], [1, 1, -1], [-1, -1, 1]], dtype=float)
    s = solve_stage(np.array([a, -a]), 1e-9)
    assert s.method is StageMethod.SUPPORT
    assert s.profile == ((0.5, 0.0, 0.5), (0.5, 0.0, 0.5))


def test_past_the_pair_budget_lemke_howson_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support_module, "MAX_PAIRS", 5)  # rock-paper-scissors has 9 pairs of size 2
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    s = solve_stage(np.array([rps, -rps]), 1e-9)
    assert s.method is StageMethod.LEMKE_HOWSON and s.converged
    assert s.profile == ((1 / 3,) * 3, (1 / 3,) * 3)


def test_a_large_zero_sum_game_without_pure_equilibrium_is_answered() -> None:
    a = np.random.default_rng(11).normal(size=(12, 12))
    payoffs = np.array([a, -a])
    assert not len(pure_equilibria(payoffs, margin_of(payoffs))[0])
    s = solve_stage(payoffs, margin_of(payoffs))
    assert s.method in (StageMethod.SUPPORT, StageMethod.LEMKE_HOWSON) and s.converged
    assert_equilibrium(payoffs, margin_of(payoffs), s)
