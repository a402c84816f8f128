"""The numpy analysis against the scalar passes it replaced (`scalar_reference`), bit for bit: values,
choices and stage equilibria at every position, and every policy's move probabilities, flows,
outcome odds, expected payoffs and metrics, and the most likely path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.equilibrium import Rows
from explorer.analysis.summary import analyse
from explorer.bundled import bundled_scenarios
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario, load_text
from tests.analysis import scalar_reference as scalar
from tests.analysis.analysis_helpers import scenarios
from tests.analysis.round_helpers import round_games, stage_games

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "valid"


def same_as_scalar(graph: ScenarioGraph) -> None:
    analysis = analyse(graph)
    u, eq = analysis.unfolding, analysis.equilibrium
    ref_eq, ref_path, ref_results, likely, probability = scalar.analyse(u, analysis.policy)
    assert eq.values == Rows(np.array(ref_eq.values, dtype=float).reshape(len(u), len(u.actors)))
    assert eq.choice.tolist() == ref_eq.choice
    assert eq.stages == ref_eq.stages
    assert eq.path() == ref_path
    for name, (ref, table) in ref_results.items():
        got = analysis.results[name]
        assert analysis.tables[name].tolist() == [w for p in range(len(u)) for w in table[p]], name
        assert got.mass.tolist() == ref.mass, name
        assert got.outcomes == ref.outcomes and list(got.outcomes) == list(ref.outcomes), name
        assert repr(got.stuck) == repr(ref.stuck), name
        assert got.payoffs == ref.payoffs, name
        assert got.metrics == ref.metrics, name
    assert analysis.likely_probability == probability
    assert [s.node_id for s in analysis.likely_path] == [u.node_id(p) for p in likely]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")) + bundled_scenarios(), ids=lambda p: p.name)
def test_corpus_and_bundled(path: Path) -> None:
    result = load_scenario(path)
    assert result.ok
    same_as_scalar(result.graph)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(scenarios(max_inner=8, max_outcomes=5), round_games(), stage_games()))
def test_generated_scenarios(text: str) -> None:
    result = load_text(text)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    same_as_scalar(result.graph)
