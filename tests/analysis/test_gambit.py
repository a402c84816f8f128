"""Our equilibrium checked by Gambit (pygambit 16.7, a test-only dependency).

Gambit has had no subgame-perfect solver since 16.5 and `lcp_solve` often returns equilibria that
are not subgame-perfect, so: read our `.efg` export, play our equilibrium as a pure behaviour
profile, and check that (a) Gambit's payoff per player equals ours and (b) at every decision node
the chosen child's `node_value` for the mover is at least every sibling's. On small games with no
ties, `logit_solve` (traced to its limit) must also agree.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.equilibrium import Equilibrium, equilibrium
from explorer.analysis.unfolding import Unfolding, unfold
from explorer.bundled import scenarios_dir
from explorer.export.efg import efg_text, tree_size
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario
from tests.analysis.analysis_helpers import graph_of, scenarios
from tests.support.gambit import import_gambit

gbt = import_gambit()


def _play(u: Unfolding, eq: Equilibrium) -> tuple[Any, Any, list[tuple[Any, int]]]:
    """The Gambit game of our export, our equilibrium as a behaviour profile, and its decisions."""
    game = gbt.read_efg(io.StringIO(efg_text(u)))
    profile = game.mixed_behavior_profile(rational=False)
    decisions = []
    stack = [(0, game.root)]
    while stack:
        p, node = stack.pop()
        kids, children = u.pos_kids[p], list(node.children)
        assert len(kids) == len(children)
        if not kids:
            continue
        if not node.player.is_chance:
            for i, action in enumerate(node.infoset.actions):
                profile[action] = 1.0 if i == eq.choice[p] else 0.0
            decisions.append((node, eq.choice[p]))
        stack.extend(zip(kids, children, strict=True))
    return game, profile, decisions


def check_with_gambit(graph: ScenarioGraph, logit_below: int = 100) -> None:
    u = unfold(graph)
    eq = equilibrium(u)
    game, profile, decisions = _play(u, eq)
    players = list(game.players)
    for player, ours in zip(players, eq.values[0], strict=True):
        assert float(profile.payoff(player)) == pytest.approx(ours, abs=1e-9)
    strict = True
    for node, chosen in decisions:
        values = [float(profile.node_value(node.player, child)) for child in node.children]
        assert values[chosen] >= max(values) - 1e-9  # subgame perfection, node by node
        strict &= sum(v >= values[chosen] - 1e-6 for v in values) == 1
    for node in game.nodes:
        if not node.is_terminal and node.player.is_chance:
            assert sum(action.prob for action in node.infoset.actions) == 1  # exact rationals
    if strict and decisions and tree_size(u) < logit_below:
        logit = gbt.nash.logit_solve(game).equilibria[0]
        for player, ours in zip(players, eq.values[0], strict=True):
            assert float(logit.payoff(player)) == pytest.approx(ours, abs=1e-3)
        for node, chosen in decisions:
            assert float(logit[list(node.infoset.actions)[chosen]]) > 0.9


def test_format_example(tiny_yaml: str) -> None:
    check_with_gambit(graph_of(tiny_yaml))


def test_bundled_tutorial() -> None:
    result = load_scenario(scenarios_dir() / "tutorial.yaml")
    assert result.ok
    check_with_gambit(result.graph, logit_below=60)


def test_players_and_outcomes_are_labelled_as_gambit_wants(tiny_yaml: str) -> None:
    game = gbt.read_efg(io.StringIO(efg_text(unfold(graph_of(tiny_yaml)))))
    assert [p.label for p in game.players] == ["a", "b"]
    assert sorted(o.label for o in game.outcomes) == ["deal", "war"]
    assert all(node.label == "" for node in game.nodes)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_inner=5, max_outcomes=3))
def test_random_scenarios(text: str) -> None:
    check_with_gambit(graph_of(text), logit_below=40)
