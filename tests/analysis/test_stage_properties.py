"""Properties of `solve_stage` on random small games (2–4 actors, 1–4 moves, many ties)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, assume, given, settings

from explorer.analysis.stage import StageMethod, solve_stage
from explorer.analysis.stage.pure import pure_equilibria
from tests.analysis.stage_helpers import assert_equilibrium, assert_reported_truly, brute_selection, games, margin_of


@settings(max_examples=400, deadline=None, derandomize=True)
@given(games())
def test_every_solution_is_reported_truly_and_pure_ones_follow_the_selection_rule(payoffs: np.ndarray) -> None:
    margin = margin_of(payoffs)
    solution = solve_stage(payoffs, margin)
    assert_reported_truly(payoffs, margin, solution)
    # only the logit path may fall short (near-degenerate games: see the next test and docs/format.md)
    assert solution.converged or solution.method is StageMethod.LOGIT
    equilibria, undominated = brute_selection(payoffs, margin)
    assert list(solution.pure_equilibria) == equilibria
    assert list(solution.undominated) == undominated
    if equilibria:
        assert solution.method is StageMethod.PURE
        assert solution.chosen == (undominated or equilibria)[0]
        assert solution.profile == tuple(
            tuple(float(m == c) for m in range(size))
            for c, size in zip(solution.chosen, payoffs.shape[1:], strict=True)
        )
    else:
        assert solution.chosen is None
        choosing = sum(m > 1 for m in payoffs.shape[1:])
        assert solution.method is (StageMethod.SUPPORT if choosing == 2 else StageMethod.LOGIT)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(games(actors=(3, 4), moves=(2, 3)))
def test_mixed_play_of_three_or_more_actors_is_the_logit_path_reported_truly(payoffs: np.ndarray) -> None:
    margin = margin_of(payoffs)
    assume(len(pure_equilibria(payoffs, margin)[0]) == 0)
    solution = solve_stage(payoffs, margin)
    assert solution.method is StageMethod.LOGIT
    assert_reported_truly(payoffs, margin, solution)


def test_three_or_more_actors_with_whole_number_payoffs_reach_epsilon() -> None:
    # 100 games with payoffs in -6..6 (many exact ties) and no pure equilibrium: all reach ε ≤ 1e-9.
    rng = np.random.default_rng(2024)
    done = 0
    while done < 100:
        n = int(rng.integers(3, 5))
        payoffs = rng.integers(-6, 7, size=(n, *(int(m) for m in rng.integers(2, 4, size=n)))).astype(float)
        margin = margin_of(payoffs)
        if len(pure_equilibria(payoffs, margin)[0]):
            continue
        done += 1
        assert_equilibrium(payoffs, margin, solve_stage(payoffs, margin))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(games())
def test_deterministic(payoffs: np.ndarray) -> None:
    margin = margin_of(payoffs)
    assert solve_stage(payoffs, margin) == solve_stage(payoffs.copy(), margin)
