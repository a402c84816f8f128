"""Stage games with textbook answers, and the selection rules of the format contract."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from explorer.analysis.stage import StageMethod, solve_stage
from explorer.analysis.stage import logit as logit_module
from tests.analysis.stage_helpers import (
    STALLING,
    assert_equilibrium,
    assert_reported_truly,
    brute_gains,
    game,
    margin_of,
    profile_close,
)

PRISONERS = game([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # moves: cooperate, defect
PENNIES = game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
SEXES = game([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # moves: opera, football
STAG = game([[4, 0], [3, 3]], [[4, 3], [0, 3]])  # moves: stag, hare
RPS = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)


def _jordan(weights: tuple[float, float, float, float]) -> np.ndarray:
    """Actor 0 wants to match actor 1, actor 1 to match actor 2, actor 2 to mismatch actor 0.

    Matching on move 0 / move 1 pays actor 0 weights[0] / weights[1], actor 1 weights[2] / weights[3].
    """
    w0, w1, w2, w3 = weights
    payoffs = np.zeros((3, 2, 2, 2))
    for a in range(2):
        for b in range(2):
            for c in range(2):
                payoffs[0, a, b, c] = (w0 if a == 0 else w1) if a == b else 0
                payoffs[1, a, b, c] = (w2 if b == 0 else w3) if b == c else 0
                payoffs[2, a, b, c] = 1 if c != a else 0
    return payoffs


def solve(payoffs: np.ndarray):
    solution = solve_stage(payoffs, margin_of(payoffs))
    assert_equilibrium(payoffs, margin_of(payoffs), solution)
    return solution


def test_prisoners_dilemma_defect_defect_unique() -> None:
    s = solve(PRISONERS)
    assert s.method is StageMethod.PURE
    assert s.pure_equilibria == ((1, 1),) and s.undominated == ((1, 1),) and s.chosen == (1, 1)
    assert s.profile == ((0.0, 1.0), (0.0, 1.0))
    assert s.values == (1.0, 1.0) and s.epsilon == 0.0 and s.converged


def test_matching_pennies_half_half_by_support_enumeration() -> None:
    s = solve(PENNIES)
    assert s.method is StageMethod.SUPPORT and s.chosen is None and s.mixed
    assert s.pure_equilibria == () and s.undominated == ()
    assert profile_close(s.profile, ((0.5, 0.5), (0.5, 0.5)), 1e-15)
    assert s.values == pytest.approx((0.0, 0.0), abs=1e-15) and s.converged


def test_battle_of_the_sexes_takes_the_first_in_lexicographic_order() -> None:
    s = solve(SEXES)
    assert s.pure_equilibria == ((0, 0), (1, 1))
    assert s.undominated == ((0, 0), (1, 1))  # (2, 1) and (1, 2): neither dominates
    assert s.chosen == (0, 0) and s.values == (2.0, 1.0)
    swapped = solve(SEXES[:, ::-1, ::-1].copy())  # football listed first: football/football is taken
    assert swapped.chosen == (0, 0) and swapped.values == (1.0, 2.0)


def test_stag_hunt_pareto_dominant_equilibrium_beats_order() -> None:
    s = solve(STAG)
    assert s.pure_equilibria == ((0, 0), (1, 1)) and s.undominated == ((0, 0),)
    assert s.chosen == (0, 0) and s.values == (4.0, 4.0)
    hare_first = solve(STAG[:, ::-1, ::-1].copy())
    assert hare_first.pure_equilibria == ((0, 0), (1, 1)) and hare_first.undominated == ((1, 1),)
    assert hare_first.chosen == (1, 1) and hare_first.values == (4.0, 4.0)


def test_rock_paper_scissors_thirds() -> None:
    s = solve(np.array([RPS, -RPS]))
    assert s.method is StageMethod.SUPPORT
    assert profile_close(s.profile, ((1 / 3,) * 3, (1 / 3,) * 3), 1e-15)


def test_zero_weights_find_the_equilibrium_of_a_degenerate_game() -> None:
    # Every equilibrium has actor 1 on its first move and actor 2 mixing between 0.4 and 0.6: no
    # support pair of equal sizes is an equilibrium's exact support; {0, 1} × {0, 1} with a zero
    # weight on actor 1's second move is the first that works.
    a = [[3, 3], [5, 0], [0, 5]]
    b = [[1, 1], [0, 1], [1, 0]]
    s = solve(game(a, b))
    assert s.method is StageMethod.SUPPORT
    assert profile_close(s.profile, ((1.0, 0.0, 0.0), (0.6, 0.4)), 1e-15)


def test_support_pairs_are_tried_first_set_major() -> None:
    # Two 2×2 matching-pennies blocks: rows {0,1} × columns {2,3} and rows {2,3} × columns {0,1}.
    # S1 = {0,1} comes before S1 = {2,3}, so the first block's equilibrium is taken even though its
    # S2 = {2,3} comes after the other's S2 = {0,1}.
    low = -10.0
    a, b = np.full((4, 4), low), np.full((4, 4), low)
    for rows, cols in (((0, 1), (2, 3)), ((2, 3), (0, 1))):
        for i, r in enumerate(rows):
            for j, c in enumerate(cols):
                a[r, c] = 1.0 if i == j else -1.0
                b[r, c] = -a[r, c]
    s = solve(np.array([a, b]))
    assert s.method is StageMethod.SUPPORT
    assert profile_close(s.profile, ((0.5, 0.5, 0.0, 0.0), (0.0, 0.0, 0.5, 0.5)), 1e-15)


def test_jordan_game_by_logit() -> None:
    s = solve(_jordan((1, 1, 1, 1)))
    assert s.method is StageMethod.LOGIT and s.converged and s.epsilon <= 1e-9
    assert profile_close(s.profile, ((0.5, 0.5),) * 3, 1e-9)


def test_weighted_jordan_game_by_logit() -> None:
    # Actor 2 makes actor 0 indifferent: 2·q = 1·(1 − q) → q = 1/3 on move 0; actor 2 makes actor 1
    # indifferent: r = 3·(1 − r) → r = 3/4; actor 0 makes actor 2 indifferent: ½.
    s = solve(_jordan((2, 1, 1, 3)))
    assert s.method is StageMethod.LOGIT and s.converged and s.epsilon <= 1e-9
    assert profile_close(s.profile, ((0.5, 0.5), (1 / 3, 2 / 3), (0.75, 0.25)), 1e-9)


def test_logit_on_a_generic_three_actor_game() -> None:
    payoffs = np.random.default_rng(7).normal(size=(3, 3, 3, 4))
    s = solve(payoffs)
    assert s.method is StageMethod.LOGIT and s.converged and s.epsilon <= 1e-9
    assert s == solve_stage(payoffs, margin_of(payoffs))  # deterministic


def test_where_the_path_stalls_the_tighter_retry_reaches_the_equilibrium() -> None:
    s = solve(STALLING)
    assert s.method is StageMethod.LOGIT and s.converged
    assert profile_close(s.profile, ((2 / 3, 0.0, 1 / 3), (1.0, 0.0), (5 / 11, 6 / 11, 0.0)), 1e-9)


def test_a_stall_without_retry_is_reported_as_not_converged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logit_module, "RETRY_CORRECTOR_TOL", logit_module.CORRECTOR_TOL)
    s = solve_stage(STALLING, margin_of(STALLING))
    assert_reported_truly(STALLING, margin_of(STALLING), s)
    assert not s.converged and s.epsilon > 1e-9 and min(min(p) for p in s.profile) > 0.1


def test_a_corrector_point_whose_probabilities_overflow_is_rejected() -> None:
    # hypothesis found it: a corrected point with a log-probability of several hundred gave NaN
    # probabilities, ε = 0 by accident, and a polish on an empty support
    payoffs = np.array(
        [
            [
                [[-4.99971101e-140, -51.1340267], [0.0, 1.19209290e-7]],
                [[-1e-6, -2.00001], [-3.31141617e-238, 53.3584754]],
            ],
            [[[-16.3563171, -100.0], [62.7494804, 1.19209290e-7]], [[64.3163152, 1.1], [-25.8664527, -83.4150337]]],
            [
                [[-1e-6, -23.3026353], [-3.40271572e-58, 52.563805]],
                [[53.3584754, 29.6635343], [-49.0292413, 52.563805]],
            ],
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nor may numpy warn on stderr
        s = solve_stage(payoffs, margin_of(payoffs))
    assert s.method is StageMethod.LOGIT
    assert_equilibrium(payoffs, margin_of(payoffs), s)


def test_logit_that_stops_early_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    payoffs = np.random.default_rng(7).normal(size=(3, 3, 3, 4))
    monkeypatch.setattr(logit_module, "MAX_ATTEMPTS", 5)
    s = solve_stage(payoffs, margin_of(payoffs))
    assert s.method is StageMethod.LOGIT and not s.converged and s.epsilon > 1e-9
    _, gains = brute_gains(payoffs, s.profile)
    spreads = payoffs.reshape(3, -1).max(axis=1) - payoffs.reshape(3, -1).min(axis=1)
    assert s.epsilon == pytest.approx(max(g / r for g, r in zip(gains, spreads, strict=True)), rel=1e-9)


def test_one_actor_takes_its_first_best_move() -> None:
    s = solve(np.array([[1.0, 3.0, 3.0, 2.0]]))
    assert s.pure_equilibria == ((1,), (2,)) and s.chosen == (1,) and s.profile == ((0.0, 1.0, 0.0, 0.0),)
    near = solve_stage(np.array([[1.0, 3.0 - 1e-12, 3.0, 2.0]]), 3e-9)  # within the margin: a tie
    assert near.chosen == (1,) and near.converged


def test_actors_with_one_move_take_part_with_probability_one() -> None:
    # Matching pennies with a bystander (one move) in the middle: still solved as two actors.
    payoffs = np.stack([PENNIES[0][:, None, :], np.full((2, 1, 2), 7.0), PENNIES[1][:, None, :]])
    s = solve(payoffs)
    assert s.method is StageMethod.SUPPORT
    assert profile_close(s.profile, ((0.5, 0.5), (1.0,), (0.5, 0.5)), 1e-15)
    assert s.values == pytest.approx((0.0, 7.0, 0.0), abs=1e-15)
    jordan = _jordan((2, 1, 1, 3))[:, :, :, None, :]  # a bystander as actor 2, the third player as 3
    s4 = solve(np.stack([jordan[0], jordan[1], np.zeros((2, 2, 1, 2)), jordan[2]]))
    assert s4.method is StageMethod.LOGIT
    assert profile_close(s4.profile, ((0.5, 0.5), (1 / 3, 2 / 3), (1.0,), (0.75, 0.25)), 1e-9)


def test_everyone_with_one_move() -> None:
    s = solve(np.array([[[5.0]], [[-2.0]]]))
    assert s.chosen == (0, 0) and s.profile == ((1.0,), (1.0,)) and s.values == (5.0, -2.0)


def test_pareto_dominance_uses_the_tie_margin() -> None:
    # (1, 1) is better for both by less than the margin: a tie, so both equilibria are undominated.
    payoffs = game([[1, 0], [0, 1 + 1e-12]], [[1, 0], [0, 1 + 1e-12]])
    s = solve_stage(payoffs, 1e-9)
    assert s.undominated == ((0, 0), (1, 1)) and s.chosen == (0, 0)
    assert solve_stage(payoffs, 0.0).chosen == (1, 1)


def test_a_domination_cycle_within_margins_takes_the_first_equilibrium() -> None:
    # With margin 1: (0,1,0) dominates (1,0,0), (1,1,0) dominates (0,1,0), (1,0,0) dominates (1,1,0).
    payoffs = np.array(
        [[[[2.0], [1.0]], [[2.0], [0.0]]], [[[-1.0], [1.0]], [[-1.0], [0.0]]], [[[-1.0], [0.0]], [[1.0], [2.0]]]]
    )
    s = solve_stage(payoffs, 1.0)
    assert s.pure_equilibria == ((0, 1, 0), (1, 0, 0), (1, 1, 0))
    assert s.undominated == () and s.chosen == (0, 1, 0)


def test_a_tie_within_the_margin_is_accepted_and_its_epsilon_reported() -> None:
    # Actor 0's second move is better by 5e-7, within the margin 1e-6 of a large game: a tie, so
    # both are equilibria, and the first dominates (a tie for actor 0, better for actor 1).
    payoffs = game([[1000], [1000 + 5e-7]], [[1], [0]])
    s = solve_stage(payoffs, 1e-6)
    assert s.pure_equilibria == ((0, 0), (1, 0)) and s.undominated == ((0, 0),)
    assert s.chosen == (0, 0) and s.converged
    assert s.epsilon == pytest.approx(1.0)  # the gain is the whole of actor 0's (tiny) range


@pytest.mark.parametrize(
    "bad",
    [np.zeros((2, 2)), np.zeros((3, 2, 2)), np.zeros((2, 0, 2)), np.array([[[np.nan, 0]], [[0, 0]]])],
)
def test_malformed_arrays_are_refused(bad: np.ndarray) -> None:
    with pytest.raises(ValueError):
        solve_stage(bad, 1e-9)


def test_a_negative_margin_is_refused() -> None:
    with pytest.raises(ValueError):
        solve_stage(PRISONERS, -1.0)


def test_importing_the_package_does_not_import_numpy() -> None:
    code = "import sys, explorer.analysis.stage; print('numpy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy()
    )
    assert out.stdout.strip() == "False"
