"""Stage-game solutions checked by Gambit (pygambit 16.7, a test-only dependency)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

from explorer.analysis.stage import StageMethod, StageSolution, solve_stage
from explorer.analysis.stage.pure import pure_equilibria
from tests.analysis.stage_helpers import STALLING, games, margin_of
from tests.support.gambit import import_gambit

gbt = import_gambit()


def gambit_game(payoffs: np.ndarray) -> Any:
    return gbt.Game.from_arrays(*payoffs)


def as_profile(game: Any, solution: StageSolution) -> Any:
    return game.mixed_strategy_profile(data=[list(p) for p in solution.profile], rational=False)


def profile_of(game: Any, equilibrium: Any) -> list[list[float]]:
    return [[float(equilibrium[s]) for s in player.strategies] for player in game.players]


def distance(a: list[list[float]], b: tuple[tuple[float, ...], ...]) -> float:
    return max(abs(x - y) for p, q in zip(a, b, strict=True) for x, y in zip(p, q, strict=True))


def check_regret(payoffs: np.ndarray, solution: StageSolution) -> None:
    """Gambit's max_regret of our profile is within our tolerance: the margin or 1e-9 of the range."""
    spread = float(payoffs.max() - payoffs.min())
    regret = float(as_profile(gambit_game(payoffs), solution).max_regret())
    assert regret <= max(margin_of(payoffs), 1e-9 * spread) + 1e-12 * max(1.0, float(np.abs(payoffs).max()))


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_gambit_finds_no_regret_in_our_profiles(payoffs: np.ndarray) -> None:
    check_regret(payoffs, solve_stage(payoffs, margin_of(payoffs)))


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(games(actors=(2, 2), moves=(2, 4), value_sets=("integers", "tenths", "ties")))
def test_two_actor_mixed_equilibria_are_among_gambits_extreme_equilibria(payoffs: np.ndarray) -> None:
    # A nonsingular square support system gives a vertex of each best-response polytope, so our
    # equilibrium is extreme: `enummixed_solve` (every extreme equilibrium) must list it. Gambit in
    # exact arithmetic (it reads the float payoffs as decimals); payoffs on a grid coarser than the
    # tie margin, so that exact and tie-margin equilibria are the same.
    margin = margin_of(payoffs)
    assume(len(pure_equilibria(payoffs, margin)[0]) == 0)
    solution = solve_stage(payoffs, margin)
    assert solution.method is StageMethod.SUPPORT
    check_regret(payoffs, solution)
    game = gambit_game(payoffs)
    extreme = [profile_of(game, e) for e in gbt.nash.enummixed_solve(game, rational=True).equilibria]
    assert min(distance(e, solution.profile) for e in extreme) <= 1e-9
    if len(extreme) == 1:  # then also the only equilibrium Lemke–Howson can reach
        (lcp,) = gbt.nash.lcp_solve(game, rational=True, stop_after=1).equilibria  # floats: its own tolerance
        values = [float(lcp.payoff(player)) for player in game.players]
        assert values == pytest.approx(list(solution.values), abs=1e-9)


def generic_games(count: int) -> list[np.ndarray]:
    """Random normal payoffs for 3 and 4 actors with no pure equilibrium (seeded)."""
    rng = np.random.default_rng(2024)
    out: list[np.ndarray] = []
    while len(out) < count:
        n = 3 + len(out) % 2
        shape = tuple(int(m) for m in rng.integers(2, 4, size=n))
        payoffs = rng.normal(size=(n, *shape))
        if not len(pure_equilibria(payoffs, margin_of(payoffs))[0]):
            out.append(payoffs)
    return out


@pytest.mark.parametrize("payoffs", generic_games(12), ids=lambda p: "x".join(map(str, p.shape[1:])))
def test_logit_agrees_with_gambits_logit_solve(payoffs: np.ndarray) -> None:
    solution = solve_stage(payoffs, margin_of(payoffs))
    assert solution.method is StageMethod.LOGIT and solution.converged and solution.epsilon <= 1e-9
    check_regret(payoffs, solution)
    game = gambit_game(payoffs)
    (theirs,) = gbt.nash.logit_solve(game, use_strategic=True).equilibria
    assert distance(profile_of(game, theirs), solution.profile) <= 1e-5
    values = [float(theirs.payoff(player)) for player in game.players]
    assert values == pytest.approx(list(solution.values), abs=1e-5)


def test_gambits_logit_stalls_where_our_first_trace_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.analysis.stage import logit as logit_module

    monkeypatch.setattr(logit_module, "RETRY_CORRECTOR_TOL", logit_module.CORRECTOR_TOL)
    stalled = solve_stage(STALLING, margin_of(STALLING))
    game = gambit_game(STALLING)
    (theirs,) = gbt.nash.logit_solve(game, use_strategic=True).equilibria
    assert not stalled.converged
    assert distance(profile_of(game, theirs), stalled.profile) <= 1e-3
    assert float(theirs.max_regret()) > 1e-9 * float(STALLING.max() - STALLING.min())
