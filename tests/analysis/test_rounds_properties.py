"""Property tests on random round games: outcome odds against an exact-fraction reference that resolves
rounds on its own, and every stage equilibrium checked by brute force over unilateral deviations."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.equilibrium import end_values, equilibrium, tie_margins
from explorer.analysis.odds import flow
from explorer.analysis.policies import policy_weights
from explorer.analysis.unfolding import unfold
from explorer.loading import load_text
from tests.analysis.round_helpers import STUCK, RoundReference, round_games, stage_games

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load(text: str):
    result = load_text(text)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    return result.graph


@SETTINGS
@given(st.one_of(round_games(), stage_games()))
@pytest.mark.parametrize("policy", ["beliefs", "uniform"])
def test_outcome_odds_match_the_exact_reference(policy: str, text: str) -> None:
    graph = load(text)
    u = unfold(graph)
    f = flow(u, policy_weights(u, policy, equilibrium(u)))
    got = dict(f.outcomes)
    if f.stuck:
        got[STUCK] = f.stuck
    ref = RoundReference(graph)
    want = {k: float(v) for k, v in ref.ends(graph.start, ref.initial(), policy).items() if v}
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=1e-12)


@SETTINGS
@given(st.one_of(round_games(), stage_games()))
def test_every_stage_equilibrium_has_no_profitable_deviation(text: str) -> None:
    """At every round position: the stage profile is a best response for every acting actor (a pure
    profile within the tie margin, a mixed one within ε relative to the actor's payoff range), and the
    position's value is the expectation of its continuation values under that profile."""
    graph = load(text)
    u = unfold(graph)
    eq = equilibrium(u)
    margins = tie_margins(u, end_values(u, u.table.payoffs))
    for p, stage in u.stages.items():
        compiled = graph.table.rounds[u.pos_node[p]]
        solution = eq.stages[p]
        kids = u.pos_kids[p]
        shape = stage.shape
        joints = list(product(*(range(k) for k in shape)))
        value_of = {joint: eq.values[kids[i]] for i, joint in enumerate(joints)}
        weight = {joint: _prod(solution.profile[a][m] for a, m in enumerate(joint)) for joint in joints}
        expected = [sum(weight[j] * value_of[j][i] for j in joints) for i in range(len(u.actors))]
        assert list(eq.values[p]) == pytest.approx(expected, abs=1e-9)
        for a, actor_index in enumerate(compiled.actor_index[x] for x in stage.actors):
            mine = [value_of[j][actor_index] for j in joints]
            spread = max(mine) - min(mine)
            now = sum(weight[j] * value_of[j][actor_index] for j in joints)
            others = [j for j in joints if j[a] == 0]  # each combination of the others' moves once
            for deviation in range(shape[a]):
                gain = sum(_prod(solution.profile[b][m] for b, m in enumerate(j) if b != a)
                           * value_of[(*j[:a], deviation, *j[a + 1:])][actor_index] for j in others) - now
                if solution.chosen is not None:
                    assert gain <= margins[p] + 1e-12
                else:
                    assert gain <= 1e-9 * spread + 1e-12


def _prod(values) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


@SETTINGS
@given(round_games())
def test_the_same_game_solves_the_same_twice(text: str) -> None:
    first, second = equilibrium(unfold(load(text))), equilibrium(unfold(load(text)))
    assert first.values == second.values and first.stages == second.stages
