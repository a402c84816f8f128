"""Whole games through `GameSession`: the bundled scenario with three teams, and exact checks on a fixture."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.format.models import NodeKind
from explorer.game.advice import Advisor
from explorer.game.debrief import debrief_of
from explorer.game.errors import MoveRefused
from explorer.game.session import GameSession
from explorer.game.state import replay
from explorer.game.teams import parse_team_options


def test_a_whole_game_of_the_bundled_scenario(hanoi, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = hanoi.graph
    actors = list(graph.deciding_actors)
    assert len(actors) >= 3
    specs = [f"{actors[0]}=Red", f"{actors[1]}=Blue", f"{actors[2]}=Green"]
    game = GameSession.create(hanoi, tmp_path / "hanoi.sqlite", teams=parse_team_options(specs, graph.scenario.actors),
                              seed=2019, timer=120)
    did = {"rationale": 0, "skip": 0, "roll": 0, "override": 0, "inject": 0, "undo": 0}
    for _ in range(200):
        if game.finished:
            break
        if game.kind == NodeKind.CHANCE:
            open_options = [v.index for v in game.options() if v.available]
            record = game.roll()
            did["roll"] += 1
            others = [i for i in open_options if i != record.option]
            if not did["override"] and others:
                game.override(others[0], "the white cell wants this branch discussed")
                did["override"] += 1
            continue
        assert game.banner.endswith("decides")
        game.start_timer()
        available = [v for v in game.options() if v.available]
        if not did["undo"] and did["roll"]:
            game.decide(available[-1].index, "a move we take back")
            game.undo("the team misread the options")
            did["undo"] += 1
            continue
        historical = [v for v in available if v.option.historical] or available
        skip = did["rationale"] % 3 == 2
        game.decide(historical[0].index, None if skip else f"turn {game.turn}: [b]our[/b] reasons | why")
        did["skip" if skip else "rationale"] += 1
        if not did["inject"] and did["override"]:
            visited = {e.node for e in game.events}
            target = next(n for n in graph.topological_order
                          if graph.node(n).kind == "decision" and n not in visited and n != game.node_id)
            game.inject(target, "scenario inject: a news flash changes the agenda")
            did["inject"] += 1
    assert game.finished and all(did.values()), did

    fresh = replay(graph, game.meta.seed, game.store.events())
    assert fresh.node_id == game.node_id and fresh.walk.state == game.state.walk.state
    assert [e.step for e in fresh.entries] == [e.step for e in game.entries]
    path, teams = game.store.path, game.teams
    report_text = _report(game, tmp_path)
    game.close()

    capsys.readouterr()
    assert main(["log", str(path), "--jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = [r["kind"] for r in rows]
    assert kinds[0] == "started" and {"decide", "roll", "override", "inject", "undo", "timer_started"} <= set(kinds)
    assert [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)
    for row in rows:
        assert set(row) == {"seq", "time", "turn", "seat", "team", "actor", "kind", "node", "payload", "state"}
        assert set(row["state"]) == set(graph.metric_ids)
    decisions = [r for r in rows if r["kind"] == "decide"]
    assert sum(r["payload"]["rationale"] is None for r in decisions) == did["skip"]
    assert {r["team"] for r in decisions} >= set(teams.names)
    override = next(r for r in rows if r["kind"] == "override")
    assert override["payload"]["reason"] == "the white cell wants this branch discussed"
    roll = next(r for r in rows if r["kind"] == "roll")
    assert roll["payload"]["seed"] == 2019 and roll["payload"]["bands"]

    for heading in ("# Debrief:", "## Teams", "## The class's path", "## At each position the class reached",
                    "## Final metrics and payoffs",
                    "## Metrics over the turns", "## The explored part of the tree", "```mermaid"):
        assert heading in report_text
    assert "our[/b] reasons \\| why" not in report_text.split("## At each position")[0]  # rationales as written
    assert "> turn " in report_text and "*Rationale skipped.*" in report_text
    assert "Roads not taken" in report_text and "**Dice:**" in report_text and "Seed 2019, draw #1" in report_text
    assert "the white cell wants this branch discussed" in report_text
    assert "scenario inject: a news flash changes the agenda" in report_text
    assert "the team misread the options" in report_text
    assert any(words in report_text for words in ("(likely)", "(unlikely)", "(very unlikely)", "(roughly even chance)"))
    assert "| Step | Position | The class | The equilibrium there |" in report_text
    assert "**Equilibrium from the start:**" in report_text and "**Historical:**" in report_text
    assert "Payoffs at “" in report_text and "| Team Red |" in report_text
    assert any(ch in report_text for ch in "▁▂▃▄▅▆▇█")


def _report(game: GameSession, tmp_path: Path) -> str:
    from explorer.game.report import render

    text = render(debrief_of(game, advisor=Advisor.of(game.graph)))
    out = tmp_path / "report.md"
    assert main(["report", str(game.store.path), "-o", str(out)]) == 0
    assert "## The class's path" in out.read_text(encoding="utf-8")
    return text


def test_a_fixture_game_step_by_step(game: GameSession) -> None:
    assert game.banner == "Team Red — Redland decides"
    brief = game.briefing()
    assert brief.team == "Team Red" and brief.text.startswith("You are **Redland**")
    assert game.start_timer().kind == "timer_started" and game.start_timer() is None
    now = game.timer.started + dt.timedelta(seconds=45)
    assert game.timer_remaining(now) == pytest.approx(15)
    assert game.expire_timer().kind == "timer_expired" and game.expire_timer() is None
    game.decide(1, "  show resolve  ")
    assert game.timer is None and game.kind == NodeKind.CHANCE and game.banner == "Facilitator — the dice decide"
    with pytest.raises(MoveRefused, match="the facilitator rolls"):
        game.decide(0, "x")
    with pytest.raises(MoveRefused, match="no roll to override"):
        game.override(0, "x")
    record = game.roll()
    assert record.seed == 42 and record.number == 0
    other = 1 - record.option
    with pytest.raises(MoveRefused, match="needs a stated reason"):
        game.override(other, "  ")
    with pytest.raises(MoveRefused, match="already picked"):
        game.override(record.option, "same")
    game.override(other, "for the lesson")
    assert game.node_id == ["green_mediates", "blue_answers"][other]
    game.undo(None)
    assert game.node_id == "border_chance"
    assert game.roll().number == 1  # the next draw, not the same one again
    game.inject("blue_answers", "news flash")
    assert game.banner == "Team Blue — Blueland decides"
    locked = game.options()[2]
    assert not locked.available
    with pytest.raises(MoveRefused, match="locked"):
        game.decide(2, None)
    with pytest.raises(MoveRefused, match="keep it under"):
        game.decide(0, "x" * 5000)
    with pytest.raises(MoveRefused, match="no node 'nowhere'"):
        game.inject("nowhere", "x")
    game.decide(0, "")
    assert game.finished and game.banner == "Game over — A deal"
    assert game.payoffs() == {"red": 2.0, "blue": 2.0, "green": 3.0}
    kinds = [e.kind for e in game.events]
    assert kinds == ["started", "timer_started", "timer_expired", "decide", "roll", "override", "undo", "roll",
                     "inject", "decide"]
    assert game.events[3].body.rationale == "show resolve" and game.events[-1].body.rationale is None
    assert [e.turn for e in game.events] == [1, 1, 1, 1, 2, 3, 4, 5, 6, 7]
    with pytest.raises(MoveRefused, match="game is over"):
        game.decide(0, None)


def test_the_fixture_report_reads_well(game: GameSession) -> None:
    from explorer.game.report import render

    game.decide(1, "Mass | troops [/]")
    record = game.roll()
    game.override(1 - record.option, "teaching point")
    if game.node_id == "green_mediates":
        game.decide(0, None)
        game.roll()
    else:
        game.decide(1, "sanctions")
        game.decide(0, "mediate")
        game.roll()
    text = render(debrief_of(game, advisor=Advisor.of(game.graph)))
    assert "# Debrief: A border crisis [/] with | pipes" in text
    assert "> Mass | troops [/]" in text  # a rationale is quoted as written
    assert "**Chose:** 2. Mass troops — 0.70 (likely)" in text  # the estimate as it stood then
    assert "- 1. Talk — 0.30 (unlikely)" in text
    assert "**Overridden by the facilitator:**" in text and "**Reason:** teaching point" in text
    assert "Strike first — locked:" in text or game.events[5].node != "blue_answers"
    assert "| Step | Position | The class | The equilibrium there |" in text
    assert "| 1 | Redland opens | 2. Mass troops | Talk |" in text  # like with like, at each position
    assert "**Equilibrium from the start:** Talk" in text
    assert "\n".join(["```mermaid", "flowchart TD"]) in text
    assert "(overridden)" in text
    assert "| Tension | 3 |" in text


def test_the_cli_report_sets_the_analysis_paths_beside_the_class(game: GameSession, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    game.decide(0, "talk")
    game.decide(0, "deal")
    capsys.readouterr()
    assert main(["report", str(game.store.path)]) == 0
    text = capsys.readouterr().out
    assert "| 1 | Redland opens | 1. Talk | Talk ✓ |" in text
    assert "**Equilibrium from the start:**" in text and "not worked out" not in text
    assert main(["report", str(game.store.path), "--no-analysis"]) == 0
    assert "The equilibrium was not worked out" in capsys.readouterr().out
