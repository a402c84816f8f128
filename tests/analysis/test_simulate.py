"""Monte Carlo walks against the exact odds, Wilson intervals, and the coverage report."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.simulate import STUCK, coverage, simulate, wilson
from explorer.analysis.summary import analyse
from tests.analysis.analysis_helpers import graph_of, scenarios


def test_wilson_interval_known_values() -> None:
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(30, 100, 0.99)[1] - wilson(30, 100, 0.99)[0] > wilson(30, 100, 0.95)[1] - wilson(30, 100, 0.95)[0]


def test_same_seed_same_walks(tiny_yaml: str) -> None:
    g = graph_of(tiny_yaml)
    assert simulate(g, 500, 42).ends == simulate(g, 500, 42).ends
    assert simulate(g, 500, 42).ends != simulate(g, 500, 43).ends


def test_progress_is_reported(tiny_yaml: str) -> None:
    seen: list[int] = []
    simulate(graph_of(tiny_yaml), 1000, 1, progress=seen.append)
    assert seen and seen[-1] == 1000 and seen == sorted(seen)


def test_coverage_names_locked_and_unreached_content(tiny_yaml: str) -> None:
    g = graph_of(tiny_yaml)
    a = analyse(g)
    sim = simulate(g, 2000, 5, "equilibrium", a.equilibrium)
    cov = coverage(sim, a.unfolding, a.equilibrium)
    assert ("gamble", 0.0) in cov.nodes and ("war", 0.0) in cov.nodes  # Alpha always talks
    options = {(n, i): (p, locked) for n, i, p, locked in cov.options}
    assert options[("reply", 1)] == (0.0, True)  # Escalate: tension is 3 whenever Beta answers
    assert options[("open", 1)] == (0.0, False)
    sim = simulate(g, 2000, 5, "uniform")
    cov = coverage(sim, a.unfolding)
    assert cov.nodes == [] and [(n, i) for n, i, _, _ in cov.options] == [("reply", 1)]


def test_equilibrium_walks_follow_the_solver(tiny_yaml: str) -> None:
    g = graph_of(tiny_yaml)
    a = analyse(g)
    assert simulate(g, 300, 9, "equilibrium", a.equilibrium).ends == {"deal": 300}
    with pytest.raises(ValueError, match="equilibrium"):
        simulate(g, 10, 1, "equilibrium")
    with pytest.raises(ValueError, match="policy"):
        simulate(g, 10, 1, "random")


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_inner=5))
def test_exact_odds_lie_inside_the_simulated_intervals(text: str) -> None:
    g = graph_of(text)
    a = analyse(g)
    for policy in ("beliefs", "uniform", "equilibrium"):
        sim = simulate(g, 3000, 11, policy, a.equilibrium)
        exact = dict(a.results[policy].outcomes)
        if a.results[policy].stuck:
            exact[STUCK] = a.results[policy].stuck
        assert set(sim.ends) <= {k for k, p in exact.items() if p > 0}
        for end, p in exact.items():
            low, high = wilson(sim.ends.get(end, 0), sim.runs, 0.99999)  # many checks: a wide interval
            assert low - 1e-12 <= p <= high + 1e-12, (policy, end, p, sim.ends)
