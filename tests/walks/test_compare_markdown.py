"""Walks compared (shared steps, the historical path through options and rounds) and written out as
Markdown (the path with every actor's move, notes on and off the path, scenario text kept literal)."""

from __future__ import annotations

from explorer.walk import Walk
from explorer.walks.compare import compare, historical_line, line_of, shared_steps
from explorer.walks.markdown import walk_markdown
from explorer.walks.session import WalkSession
from tests.tui.tui_helpers import FIXTURE, ROUNDS, graph_from_text, load_graph


def test_shared_steps_count_the_same_moves_from_the_start() -> None:
    graph = load_graph(FIXTURE)
    a, b = Walk(graph, 1), Walk(graph, 1)
    a.take(1)
    a.take(0)
    b.take(1)
    b.take(1)
    assert shared_steps(a.history, b.history) == 1
    assert shared_steps(a.history, a.history) == 2
    found = compare([line_of("a", a), line_of("b", b), line_of("start", Walk(graph, 1))])
    assert found.shared == (2, 1, 0) and found.split == 0


def test_the_historical_line_follows_marked_options_and_says_where_it_stops() -> None:
    line = historical_line(load_graph(FIXTURE))
    assert [s.label for s in line.steps] == ["Send a protest note"]
    assert not line.over and "marks no historical move after" in line.note


def test_the_historical_line_plays_rounds_with_the_moves_marked_historical() -> None:
    text = ROUNDS.read_text(encoding="utf-8")
    for move in ("{id: probe, label: Probe the border,", "{id: arm, label: Arm the border,"):
        text = text.replace(move, move[:-1] + ", historical: true,")
    graph = graph_from_text(text)
    line = historical_line(graph)
    assert len(line.steps) == 1 and line.steps[0].play is not None
    play = line.steps[0].play
    assert (play.move_of("north"), play.move_of("south"), play.move_of("east")) == (1, 1, 0)  # east: its default
    assert line.steps[0].label == "South arms the border" and "Does the standoff hold" in line.note


def test_markdown_has_the_path_round_moves_notes_and_the_comparison() -> None:
    graph = load_graph(ROUNDS)
    session = WalkSession(graph, 3)
    session.note("before anything")
    session.resolve({"north": 1})
    session.note("after the round")
    session.mark()
    session.back()
    session.resolve({})
    text = walk_markdown(session, "rounds.yaml")
    assert text.startswith("# A walk through Three capitals, two rounds\n")
    assert "1. **The first round** — North: Offer talks; South: Wait and see; East: Offer mediation" in text
    assert "> before anything" in text
    assert "## Notes on other branches" in text and "> after the round" in text  # off the path now
    assert "| Marked walk |" in text and "| Historical |" in text
    assert "hidden: seen by south only" in text


SCENARIO = """
format: 1
id: lit
title: "A *bold* [link](http://x) | pipe"
actors: {a: {name: "A_1"}}
metrics: {m: {label: "M"}}
start: s
nodes:
  s: {kind: decision, title: "Go <b>", actor: a, options: [{label: "x*y*", to: e, effects: {m: 1}}]}
  e: {kind: outcome, title: "End", payoffs: {a: 1}}
"""


def test_markdown_keeps_scenario_text_literal() -> None:
    graph = graph_from_text(SCENARIO)
    session = WalkSession(graph, 1)
    session.take(0)
    text = walk_markdown(session)
    assert "# A walk through A \\*bold\\* \\[link\\](http://x) \\| pipe" in text
    assert "**A\\_1**: x\\*y\\* — M +1 (→ 1)" in text
    assert "| A\\_1 | 1 |" in text


def test_markdown_charts_the_odds_of_each_ending_from_the_start_and_from_here() -> None:
    from explorer.analysis.outlooks import Outlooks
    from explorer.analysis.summary import analyse

    graph = load_graph(FIXTURE)
    session = WalkSession(graph, 3)
    session.take(0)  # the protest note: the mediator
    text = walk_markdown(session, outlooks=Outlooks(analyse(graph)))
    odds = text.split("## Outcome odds", 1)[1]
    start, here = odds.split("From where the walk stands:", 1)
    assert "A frozen standoff" in start and "0.41 (unlikely)" in start and "█" in start
    assert "A joint patrol" in here and "0.50 (roughly even chance)" in here
    assert "## Outcome odds" not in walk_markdown(session)  # no analysis given: no chart
