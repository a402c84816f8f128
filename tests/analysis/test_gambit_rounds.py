"""Round games checked by Gambit (pygambit 16.7, the `gambit` extra): our `.efg` export read back by
`read_efg`, our equilibrium set on it as a behaviour profile (decisions pure, rounds as their possibly
mixed stage equilibria, chance as written), and

(a) Gambit's values show no agent of any subgame can gain by deviating (subgame perfection, on the
    equilibrium path and off it), and `max_regret` (Nash regret, strategy-based) is 0 where the strategic
    form is small enough for Gambit to compute it;
(b) Gambit's payoffs of our profile equal ours;
(c) two actors: when all of Gambit's extreme equilibria (`enummixed_solve`, strategic form) share one
    payoff vector, ours is it and so is every equilibrium `lcp_solve` finds on the extensive form; three
    actors: on generic games in which every stage game has a unique equilibrium, `logit_solve` on the
    extensive form finds our payoffs.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings

from explorer.analysis.equilibrium import Equilibrium, equilibrium
from explorer.analysis.unfolding import Unfolding, unfold
from explorer.export.efg import efg_text, tree_size
from tests.analysis.analysis_helpers import graph_of
from tests.analysis.gambit_helpers import Played, generic_stages, play, strategies
from tests.analysis.round_helpers import round_games
from tests.analysis.test_rounds_classic import TWO_STAGES, two_by_two
from tests.support.gambit import import_gambit

gbt = import_gambit()

STRATEGIC_FORM_LIMIT = 4096
"""Most pure strategies per player for which Gambit's strategy-based `max_regret` is computed."""


def solved(text: str) -> tuple[Unfolding, Equilibrium, Played]:
    u = unfold(graph_of(text))
    eq = equilibrium(u)
    return u, eq, play(u, eq)


def scale_of(played: Played) -> float:
    return max([1.0, *(abs(float(o[p])) for o in played.game.outcomes for p in played.game.players)])


def check_equilibrium(u: Unfolding, eq: Equilibrium, played: Played) -> None:
    """(a) and (b): Gambit's tree is ours, our profile is subgame perfect in it, its payoffs are ours."""
    assert len(played.game.nodes) == tree_size(u)
    scale = scale_of(played)
    assert played.payoffs() == pytest.approx(list(eq.values[0]), abs=1e-9 * scale)
    assert max(played.agent_regrets(), default=0.0) <= 1e-8 * scale
    if max(strategies(played.game)) <= STRATEGIC_FORM_LIMIT:
        assert float(played.profile.max_regret()) <= 1e-8 * scale


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(round_games())
def test_gambit_finds_our_equilibrium_subgame_perfect_with_our_payoffs(text: str) -> None:
    u, eq, played = solved(text)
    check_equilibrium(u, eq, played)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(round_games().filter(lambda text: "  c: {name" not in text))
def test_two_actors_when_the_equilibrium_payoff_is_unique_gambits_lcp_finds_ours(text: str) -> None:
    _u, eq, played = solved(text)
    game = played.game
    if math.prod(strategies(game)) > 400:
        event("strategic form too large for enummixed")
        return
    extreme = gbt.nash.enummixed_solve(game, rational=True).equilibria
    payoffs = {tuple(e.payoff(p) for p in game.players) for e in extreme}
    if len(payoffs) != 1:
        event("several equilibrium payoffs")
        return
    event("one equilibrium payoff")
    ((*unique,),) = payoffs
    scale = scale_of(played)
    assert [float(x) for x in unique] == pytest.approx(list(eq.values[0]), abs=1e-9 * scale)
    found = gbt.nash.lcp_solve(game, rational=True).equilibria
    assert found
    for e in found:
        assert [float(e.payoff(p)) for p in game.players] == pytest.approx(list(eq.values[0]), abs=1e-9 * scale)


def every_stage_has_one_equilibrium(u: Unfolding, eq: Equilibrium) -> bool:
    """Whether every stage game (in our continuation values, at every round position) has exactly one Nash
    equilibrium, by Gambit's `enumpoly_solve` on its table: then the subgame-perfect equilibrium is unique."""
    for p in eq.stages:
        stage = u.stages[p]
        columns = [u.table.rounds[u.pos_node[p]].actor_index[a] for a in stage.actors]
        table = np.array([[eq.values[c][i] for i in columns] for c in u.pos_kids[p]]).T.reshape((len(columns), *stage.shape))
        if len(gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*table)).equilibria) != 1:
            return False
    return True


GENERIC_SEEDS = range(48)


def test_three_actors_gambits_logit_finds_our_payoffs_where_the_equilibrium_is_unique() -> None:
    compared = 0
    for seed in GENERIC_SEEDS:
        u, eq, played = solved(generic_stages(seed))
        check_equilibrium(u, eq, played)
        if not every_stage_has_one_equilibrium(u, eq):
            continue
        theirs = gbt.nash.logit_solve(played.game).equilibria[0]
        scale = scale_of(played)
        # Gambit's path stops near the limit, within its own regret (sometimes 1e-3 on a stage played near
        # a pure move): compare to that accuracy.
        accuracy = 1e-5 * scale + 10 * float(theirs.max_regret())
        assert [float(theirs.payoff(p)) for p in played.game.players] == pytest.approx(list(eq.values[0]), abs=accuracy), seed
        compared += 1
    assert compared >= 12  # the comparison is not vacuous (14 of the 48 games qualify)


# --- classic games, through the .efg -----------------------------------------------------------
PD = two_by_two("Prisoner's dilemma", ("c", "d"), {
    ("c", "c"): (3, 3), ("c", "d"): (0, 5), ("d", "c"): (5, 0), ("d", "d"): (1, 1)})
PENNIES = two_by_two("Matching pennies", ("h", "t"), {
    ("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)})
SEXES = two_by_two("Battle of the sexes", ("opera", "fight"), {
    ("opera", "opera"): (2, 1), ("opera", "fight"): (0, 0), ("fight", "opera"): (0, 0), ("fight", "fight"): (1, 2)})


def test_prisoners_dilemma_in_gambit_is_one_simultaneous_stage() -> None:
    u, eq, played = solved(PD)
    check_equilibrium(u, eq, played)
    game = played.game
    (row,) = game.players["a"].infosets
    (column,) = game.players["b"].infosets
    assert len(row.members) == 1 and len(column.members) == 2  # Column moves without seeing Row's move
    assert [a.label for a in column.actions] == ["c", "d"]
    (only,) = gbt.nash.enummixed_solve(game, rational=True).equilibria
    assert [only.payoff(p) for p in game.players] == [1, 1] and eq.values[0] == (1.0, 1.0)


def test_matching_pennies_through_the_efg_is_half_half() -> None:
    u, eq, played = solved(PENNIES)
    check_equilibrium(u, eq, played)
    (only,) = gbt.nash.lcp_solve(played.game, rational=True).equilibria
    assert [float(only[a]) for a in played.game.actions] == [0.5, 0.5, 0.5, 0.5]
    assert played.profile.max_regret() == pytest.approx(0.0, abs=1e-12)


def test_battle_of_the_sexes_ours_is_one_of_gambits_three_equilibria() -> None:
    u, eq, played = solved(SEXES)
    check_equilibrium(u, eq, played)
    game = played.game
    found = {tuple(e.payoff(p) for p in game.players) for e in gbt.nash.enummixed_solve(game, rational=True).equilibria}
    assert found == {(2, 1), (1, 2), (gbt.Rational(2, 3), gbt.Rational(2, 3))}
    assert eq.values[0] == (2.0, 1.0)


def test_two_stage_game_through_the_efg() -> None:
    u, eq, played = solved(TWO_STAGES)
    check_equilibrium(u, eq, played)
    game = played.game
    # Four second-round positions (trust 0–3), each its own subgame: one Alpha and one Beta infoset each.
    assert [len(p.infosets) for p in game.players] == [5, 5]
    assert sorted(len(i.members) for i in game.players["b"].infosets) == [2, 2, 2, 2, 2]
    assert played.payoffs() == [8.0, 8.0]
    # Gambit's outcomes carry the score (trust at the end): "boom" is 5 + 3 each.
    assert {o.label: [float(o[p]) for p in game.players] for o in game.outcomes}["boom"] == [8.0, 8.0]


def test_export_reads_back_the_same_through_gambits_writer() -> None:
    u, _, played = solved(TWO_STAGES)
    again = gbt.read_efg(io.StringIO(played.game.to_efg()))
    assert len(again.nodes) == len(played.game.nodes) == tree_size(u)
    assert efg_text(u).count("\np ") == sum(1 for node in again.nodes if not node.is_terminal)
