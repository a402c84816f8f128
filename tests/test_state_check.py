"""The state-aware check keys each node's states on the metrics read there or below (as the unfolding
does), not on every metric some condition reads: as many positions as the analysis, the same findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.unfolding import unfold
from explorer.bundled import bundled_scenarios
from explorer.checks import states
from explorer.checks.round_states import relevant_slots
from explorer.format import expressions
from explorer.loading import load_scenario
from tests.analysis.analysis_helpers import graph_of, scenarios
from tests.analysis.round_helpers import round_games

CORPUS = sorted((Path(__file__).parent / "corpus" / "valid").glob("*.yaml"))


def _findings(graph, live):
    found = states._explore(graph, relevant_slots(graph, expressions.metrics_used), live, 10**6)
    assert found is not None
    rounds = found.rounds
    return (found.reached(graph.table.ids), found.unlocked, set(found.dead_ends),
            rounds.fired, rounds.opened, set(rounds.idle)), found.positions


def _compare(graph) -> tuple[int, int]:
    """(positions keyed per node, positions keyed on every metric a condition reads), after checking
    that both find the same reached nodes, unlocked options, dead ends and round findings."""
    relevant = tuple(sorted(relevant_slots(graph, expressions.metrics_used)))
    per_node, fewer = _findings(graph, states._live(graph))
    everywhere, more = _findings(graph, [relevant] * len(graph.table.ids))
    assert per_node == everywhere
    return fewer, more


@pytest.mark.parametrize("path", [*bundled_scenarios(), *CORPUS], ids=lambda p: p.name)
def test_no_more_positions_than_the_unfolding_and_the_same_findings(path: Path) -> None:
    result = load_scenario(path)
    assert result.ok
    fewer, more = _compare(result.graph)
    assert fewer <= len(unfold(result.graph)) and fewer <= more


def test_the_bundled_scenario_explores_its_4018_positions_not_96662() -> None:
    result = load_scenario(next(p for p in bundled_scenarios() if p.name == "nk_hanoi.yaml"))
    assert _compare(result.graph) == (4018, 96662)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(scenarios(), round_games()))
def test_generated_scenarios_find_the_same_either_way(text: str) -> None:
    _compare(graph_of(text))
