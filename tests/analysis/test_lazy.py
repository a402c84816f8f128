"""`analyse` computes each policy's odds and expectations, and the paths in words, when first read, once;
what is read is what the eager analysis computed (`test_vectorised` compares every figure)."""

from __future__ import annotations

import weakref

import pytest

from explorer.analysis import summary
from explorer.analysis.policies import POLICIES
from explorer.analysis.summary import analyse
from tests.analysis.analysis_helpers import graph_of


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counted = {"flow": 0, "metrics": 0, "weights": 0, "likely": 0, "push": 0, "flow_of": 0}

    def counting(name: str, real):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(summary, "flow", counting("flow", summary.flow))
    monkeypatch.setattr(summary, "push", counting("push", summary.push))
    monkeypatch.setattr(summary, "flow_of", counting("flow_of", summary.flow_of))
    monkeypatch.setattr(summary, "expected_metrics_of", counting("metrics", summary.expected_metrics_of))
    monkeypatch.setattr(summary, "policy_weights", counting("weights", summary.policy_weights))
    monkeypatch.setattr(summary, "most_likely_path", counting("likely", summary.most_likely_path))
    return counted


def test_nothing_past_the_equilibrium_is_computed_until_read(tiny_yaml: str, calls: dict[str, int]) -> None:
    a = analyse(graph_of(tiny_yaml))
    assert calls == {"flow": 0, "metrics": 0, "weights": 0, "likely": 0, "push": 0, "flow_of": 0}
    assert a.payoffs == {"a": 2.0, "b": 2.0}
    assert a.results["uniform"].outcomes == pytest.approx({"deal": 0.875, "war": 0.125})
    assert calls == {"flow": 1, "metrics": 0, "weights": 1, "likely": 0, "push": 0, "flow_of": 0}
    assert a.results["uniform"].metrics == pytest.approx({"tension": 5.5})
    # every policy's metrics in one pass, pushing the flows not yet pushed
    assert calls == {"flow": 1, "metrics": 1, "weights": 3, "likely": 0, "push": 2, "flow_of": 0}
    for policy in POLICIES:
        _ = a.results[policy].metrics, a.results[policy].payoffs
    # the other policies' results reuse those flows: each policy's mass pushed once
    assert calls == {"flow": 1, "metrics": 1, "weights": 3, "likely": 0, "push": 2, "flow_of": 2}
    assert [s.node_id for s in a.likely_path] == ["open", "reply", "deal"] and a.likely_probability == pytest.approx(0.6)
    _ = a.likely_path, a.eq_path, a.tables["beliefs"]
    assert calls == {"flow": 1, "metrics": 1, "weights": 3, "likely": 1, "push": 2, "flow_of": 2}  # each computed once


def test_an_analysis_is_freed_with_its_last_reference(tiny_yaml: str) -> None:
    """No reference cycle: the arrays of an analysis go as soon as it does, collector or not."""
    a = analyse(graph_of(tiny_yaml))
    result = a.results["beliefs"]
    _ = a.eq_path, a.likely_path
    alive = weakref.ref(a.results)
    del a
    assert alive() is None
    assert result.metrics == pytest.approx({"tension": 0.6 * 3 + 0.4 * 8})  # a result kept still answers


def test_results_and_tables_are_mappings_of_the_three_policies(tiny_yaml: str) -> None:
    a = analyse(graph_of(tiny_yaml))
    assert list(a.results) == list(a.tables) == list(POLICIES) and len(a.results) == 3
    assert "nonsense" not in a.results and a.results.get("nonsense") is None
    with pytest.raises(KeyError):
        a.tables["nonsense"]
