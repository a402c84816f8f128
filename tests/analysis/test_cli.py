"""`explorer solve`, `simulate`, `sensitivity` and `export` as a person runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main

BROKEN = """\
format: 1
id: broken
title: Broken
actors: {a: {name: A}}
start: s
nodes:
  s: {kind: decision, actor: a, title: S, options: [{label: go, to: nowhere}]}
"""


@pytest.fixture
def tiny(write_scenario: Callable[..., Path], tiny_yaml: str) -> Path:
    return write_scenario(tiny_yaml, name="tiny.yaml")


def test_solve_json(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(tiny), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["equilibrium"]["path"] == ["open", "reply", "deal"]
    assert data["equilibrium"]["payoffs"] == {"a": 2.0, "b": 2.0}
    assert data["distribution"]["beliefs"] == pytest.approx({"deal": 0.9, "war": 0.1})
    assert data["distribution"]["equilibrium"] == pytest.approx({"deal": 1.0})


def test_solve_report_puts_words_beside_numbers(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(tiny), "--policy", "uniform"]) == 0
    out = capsys.readouterr().out
    assert "Alpha chooses 1. Talk" in out
    assert "0.12 (very unlikely)" in out and "0.88 (very likely)" in out
    assert "Most likely path under uniform" in out


INDIFFERENT = """\
format: 2
id: indifferent
title: Nobody minds
actors: {a: {name: A}, b: {name: B}, c: {name: C}}
start: r
nodes:
  r:
    kind: round
    title: Everyone moves
    moves:
      a: [{id: x, label: ax}, {id: y, label: ay}]
      b: [{id: x, label: bx}, {id: y, label: by}]
      c: [{id: x, label: cx}, {id: y, label: cy}]
    then: [{to: end}]
  end: {kind: outcome, title: End, payoffs: {a: 1, b: 1, c: 1}}
"""


def test_a_round_with_many_pure_equilibria_lists_the_first_few(write_scenario: Callable[..., Path],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write_scenario(INDIFFERENT)
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    listed = next(line for line in out.splitlines() if "pure equilibria (" in line)
    assert "the first 5 of 8; --json lists them all" in listed and listed.count(";") == 5
    assert "taken: A ax, B bx, C cx — 8 pure equilibria" in out
    assert main(["solve", str(path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rounds"][0]["pure_equilibria"]) == 8


def test_broken_scenario_prints_its_problems_and_exits_1(write_scenario: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_scenario(BROKEN)
    for command in (["solve"], ["simulate"], ["sensitivity"], ["export", "--format", "dot"]):
        assert main([*command[:1], str(path), *command[1:]]) == 1
        out = capsys.readouterr().out
        assert f"{path}:7:" in out and "error:" in out and "nowhere" in out
    assert main(["solve", str(path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"][0]["severity"] == "error"


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_simulate(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(tiny), "--runs", "4000", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "4,000 walks, seed 3" in out and "0.90 (very likely)" in out and "95% interval" in out
    assert "reply option 2 (Escalate): locked in every state" in out
    assert main(["simulate", str(tiny), "--runs", "500", "--seed", "3", "--json", "--policy", "equilibrium"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcomes"] == [pytest.approx({"outcome": "deal", "runs": 500, "share": 1.0, "low": data["outcomes"][0]["low"],
                                                "high": 1.0, "exact": 1.0, "inside": True})]
    assert {"node": "war", "exact": 0.0} in data["unreached_nodes"]


def test_sensitivity(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sensitivity", str(tiny)]) == 0
    out = capsys.readouterr().out
    assert "rescales the other options of its node" in out
    assert out.index("payoff a at") < out.index("belief p(open")  # the ones that change something first


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "json", "efg"])
def test_export_to_a_file(fmt: str, tiny: Path, tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    assert main(["export", str(tiny), "--format", fmt, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").strip()


def test_export_efg_too_large_is_a_clear_error(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tiny), "--format", "efg", "--max-nodes", "3"]) == 1
    assert "would have 6 nodes, over the limit of 3" in capsys.readouterr().err


def test_the_commands_offer_the_analysis_policies() -> None:
    """The parser's copy of the policies (kept light: no analysis import) is the analysis's own list."""
    from explorer.analysis.policies import POLICIES
    from explorer.commands.shared.analysis import POLICIES as OFFERED

    assert OFFERED == POLICIES
