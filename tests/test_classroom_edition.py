"""Issue 14, part 2: the classroom edition in rounds (`scenarios/nk_hanoi_class.yaml`) is a game five
teams can play in a 50-minute class — every team acts in every round, whatever happened before, and
every path ends within five rounds — and its briefings tell each team what it is playing for."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from explorer.analysis.unfolding import OUTCOME, ROUND, Unfolding, unfold
from explorer.bundled import scenarios_dir
from explorer.format import expressions
from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario

TEAMS = {"dprk", "us", "rok", "china", "russia"}
SECTIONS = ("**What you want.**", "**What you fear.**", "**What you know that others do not.**",
            "**Red lines.**", "**How you are scored.**")
INJECTS = {"envoy_rumour", "embassy_raid", "sanctions_signals", "nsa_change"}
"""The injects the issue asks for: the envoy rumour, the raid on the embassy in Madrid, the US signals of
new and withdrawn sanctions, a change of national security adviser."""


@cache
def classroom() -> tuple[ScenarioGraph, Unfolding]:
    load = load_scenario(scenarios_dir() / "nk_hanoi_class.yaml")
    assert load.ok and not load.problems.items, [str(p) for p in load.problems.sorted()]
    return load.graph, unfold(load.graph)


def test_every_team_acts_in_every_round_under_every_reachable_state() -> None:
    graph, u = classroom()
    rounds = [p for p in range(len(u)) if u.kind(p) == ROUND]
    assert len(rounds) > 100  # the walk really reaches many states of every round
    assert {u.node_id(p) for p in rounds} == {n for n, node in graph.scenario.nodes.items() if node.KIND == NodeKind.ROUND}
    for p in rounds:
        node = graph.node(u.node_id(p))
        order = tuple(node.moves)
        assert set(order) == TEAMS, u.node_id(p)
        acting = {order[a] for a in u.stages[p].actors}
        assert acting == TEAMS, f"{u.node_id(p)} with {u.state(p)}: only {sorted(acting)} can move"
    assert u.dead.size == 0


def test_every_path_ends_within_five_rounds() -> None:
    _, u = classroom()
    most = [0] * len(u)  # the most round positions on a path from each position to its end
    for _, positions in reversed(u.groups()):  # nodes in reverse topological order: children first
        for p in positions:
            kids = u.pos_kids[p]
            if not kids:
                assert u.kind(p) == OUTCOME, f"{u.node_id(p)} ends no path"
            most[p] = max((most[k] for k in kids), default=0) + (u.kind(p) == ROUND)
    assert 3 <= most[u.root] <= 5


def test_the_briefings_say_what_each_team_plays_for_and_how_it_is_scored() -> None:
    graph, _ = classroom()
    scenario = graph.scenario
    assert set(scenario.actors) == TEAMS
    endings = {n: node for n, node in scenario.nodes.items() if node.KIND == NodeKind.OUTCOME}
    for actor_id, actor in scenario.actors.items():
        briefing = actor.briefing or ""
        for section in SECTIONS:
            assert section in briefing, f"{actor_id}: no {section}"
        scored = briefing[briefing.index("**How you are scored.**"):]
        for ending in endings.values():  # the table of points is the outcomes' payoffs, ending by ending
            points = ending.payoffs[actor_id]
            written = f"{points:+g}" if points else "0"
            assert f"| {ending.title} | {written} |" in scored, f"{actor_id}: {ending.title} is worth {written}"
        assert len(actor.score) == 1, actor_id  # one number on the board, named in words with its sign
        (metric, weight), = actor.score.items()
        label = scenario.metrics[metric].label
        assert f"{'plus' if weight > 0 else 'minus'} the final" in scored and label.lower() in scored.lower(), actor_id


def test_the_thresholds_that_decide_rules_are_in_the_summary_and_the_briefings() -> None:
    graph, _ = classroom()
    scenario = graph.scenario
    summary = scenario.summary or ""
    read = set()
    for node in scenario.nodes.values():
        for rule in getattr(node, "then", ()):
            if rule.condition:
                read |= {m.name for m in expressions.metrics_used(expressions.parse_rule(rule.condition))}
        for moves in getattr(node, "moves", {}).values():
            read |= {m.name for move in moves if move.requires
                     for m in expressions.metrics_used(expressions.parse(move.requires))}
    assert read == set(scenario.metrics)
    for metric in read:
        assert scenario.metrics[metric].label.lower() in summary.lower(), metric
    hidden = {m for m, metric in scenario.metrics.items() if metric.visible_to is not None}
    assert hidden == {"hardliners", "us_flex"}
    for metric in hidden:  # a secret number's threshold is told to the team that sees it
        (owner,) = scenario.metrics[metric].visible_to
        assert re.search(r"\*\*2\*\*", scenario.actors[owner].briefing or ""), owner


def test_each_round_has_private_news_for_every_team() -> None:
    graph, _ = classroom()
    for node_id, node in graph.scenario.nodes.items():
        if node.KIND == NodeKind.ROUND:
            assert set(node.private) == TEAMS, node_id
            assert node.text and "equilibri" not in node.text.lower(), node_id  # every seat reads it


def test_the_authors_notes_on_the_analysis_are_the_teachers_for_the_debrief() -> None:
    """What the solver finds would give the game away on the shared screen: the notes are in the guide."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "teaching.md").read_text(encoding="utf-8")
    notes = guide[guide.index("## The authors' notes on the analysis"):guide.index("## Debrief questions")]
    for round_title in ("Round 1 — spring", "Round 2 — summer", "Round 3 — autumn"):
        assert f"**{round_title}.**" in notes
    assert "explorer solve" in notes and "phased deal" in notes


@pytest.mark.parametrize("inject_id", sorted(INJECTS))
def test_the_injects_the_issue_asks_for_are_historical_cued_and_sourced(inject_id: str) -> None:
    graph, _ = classroom()
    scenario = graph.scenario
    inject = scenario.injects[inject_id]
    assert inject.cue and inject.text and inject.historical
    assert inject.audience is None or set(inject.audience) <= TEAMS
    kinds = {c.kind for c in inject.sources}
    assert "history" in kinds and "article" in kinds, kinds
    assert all(scenario.sources[c.ref].date for c in inject.sources if c.kind == "history")
    if inject.effects:
        assert "judgement" in kinds, "an inject's effect on the board is the authors' judgement, and says so"


def test_the_teachers_guide_fires_every_inject_and_defines_its_terms() -> None:
    graph, _ = classroom()
    guide = (Path(__file__).resolve().parent.parent / "docs" / "teaching.md").read_text(encoding="utf-8")
    for inject_id in graph.scenario.injects:
        assert f"**`{inject_id}`**" in guide, f"the run sheet does not say when to fire {inject_id}"
    glossary = guide[guide.index("## Glossary"):]
    for term in ("CVID", "Yongbyon", "Sohae", "Maximum pressure", "Working-level talks"):
        assert f"- **{term}** —" in glossary, term
    for ending in (n for n in graph.scenario.nodes.values() if n.KIND == NodeKind.OUTCOME):
        assert f"| **{ending.title}** |" in guide, f"no debrief questions for {ending.title}"
    for command in ("explorer game SCENARIO --store class.sqlite", "explorer serve --game class.sqlite",
                    "explorer join class.sqlite --code", "explorer report class.sqlite"):
        assert command in guide, command


def test_no_move_label_repeats_the_number_the_screens_give_it() -> None:
    """Seats and the facilitator number every move (1, 2, …) in front of its label; a label opening
    with that same number — '(1) Send negotiators' — read '1  (1) Send negotiators' in class. A
    label citing a source's numbering that differs ('(2 + 4) Pressure plus Russia') is the scenario's."""
    graph, _ = classroom()
    doubled = []
    for node_id, node in graph.scenario.nodes.items():
        for actor, moves in (getattr(node, "moves", None) or {}).items():
            for number, move in enumerate(moves, 1):
                if re.match(rf"\(?{number}[).]?\s", move.label):
                    doubled.append(f"{node_id}/{actor} {number}: {move.label}")
    assert doubled == []
