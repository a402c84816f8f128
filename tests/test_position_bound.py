"""The bound on (node, metric state) positions: a scenario whose metrics combine past the limit is
refused at once (after a small exploration), by `check` and by every analysis; one within it is
still counted exactly."""

from __future__ import annotations

import pytest

from explorer.analysis import unfolding
from explorer.analysis.unfolding import UnfoldingTooLarge, unfold
from explorer.checks import states
from explorer.cli import main
from explorer.loading import load_text
from explorer.position_bound import QUICK_POSITIONS, position_bound


def switches(count: int) -> str:
    """`count` decisions in a row, each turning its own on/off metric on or leaving it off, and a
    last decision whose `requires` reads them all: 2^count states at the end."""
    lines = ["format: 1", "id: switches", "title: Switches", "actors: {a: {name: A}}", "metrics:"]
    lines += [f"  m{i}: {{label: M{i}, min: 0, max: 1, initial: 0}}" for i in range(count)]
    lines += ["start: d0", "nodes:"]
    for i in range(count):
        lines.append(f"  d{i}: {{kind: decision, actor: a, title: S{i}, options: "
                     f"[{{label: 'On', to: d{i + 1}, effects: {{m{i}: 1}}}}, {{label: 'Off', to: d{i + 1}}}]}}")
    reads = " and ".join(f"m{i} >= 0" for i in range(count))
    lines.append(f"  d{count}: {{kind: decision, actor: a, title: End, options: "
                 f"[{{label: Win, to: win, requires: '{reads}'}}, {{label: Lose, to: lose}}]}}")
    lines += ["  win: {kind: outcome, title: Win, payoffs: {a: 1}}", "  lose: {kind: outcome, title: Lose, payoffs: {a: 0}}"]
    return "\n".join(lines) + "\n"


def _graph(text: str):
    result = load_text(text)
    assert result.ok, result.problems.sorted()
    return result


def test_the_bound_is_exact_for_independent_switches() -> None:
    graph = _graph(switches(10)).graph
    u = unfold(graph)
    assert position_bound(graph, u.live, 10**9) == len(u)
    assert position_bound(graph, u.live, 100) == 101  # past the cap: cap + 1


def test_forty_switches_are_refused_after_a_small_exploration(monkeypatch: pytest.MonkeyPatch) -> None:
    explored: list[int] = []
    real = unfolding._unfold
    monkeypatch.setattr(unfolding, "_unfold", lambda graph, limit: explored.append(limit) or real(graph, limit))
    graph = _graph(switches(40)).graph
    with pytest.raises(UnfoldingTooLarge, match="can have more than 2,000,000"):
        unfold(graph)
    assert explored == [QUICK_POSITIONS]  # never the 2M positions the limit allows


def test_the_check_says_so_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    explored: list[int] = []
    real = states._explore
    monkeypatch.setattr(states, "_explore", lambda graph, relevant, live, limit: explored.append(limit) or real(graph, relevant, live, limit))
    result = load_text(switches(40))
    [warning] = result.problems.warnings
    assert "combine into more than 2,000,000 (node, metric) positions" in warning.message
    assert explored == [QUICK_POSITIONS]


def test_past_the_quick_budget_a_scenario_within_the_bound_is_counted_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unfolding, "QUICK_POSITIONS", 10)
    monkeypatch.setattr(states, "QUICK_POSITIONS", 10)
    result = load_text(switches(6))  # 2^6 states at the end: more than 10, within the limit
    assert result.ok and not result.problems.warnings
    assert len(unfold(result.graph)) == len(unfold(result.graph, 10**6))


@pytest.mark.parametrize("command", [["solve"], ["simulate", "--runs", "10"], ["sensitivity"], ["export", "--format", "efg"]])
def test_every_analysis_refuses_in_one_line(tmp_path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "switches.yaml"
    path.write_text(switches(40))
    argv = [command[0], str(path), *command[1:]]
    assert main(argv) == 1
    *warnings, error = capsys.readouterr().err.strip().splitlines()
    assert "can have more than 2,000,000" in error and error.startswith(f"explorer {command[0]}: error:")
    assert all("warning: the metrics read by conditions combine into more than" in w for w in warnings)
