"""Pieces of the debrief report: sparklines, table cells, Mermaid labels, the historical line."""

from __future__ import annotations

from pathlib import Path

from explorer.game.debrief import debrief_of, historical_line, roads
from explorer.game.diagram import mermaid_text
from explorer.game.report import cell, render, sparkline
from explorer.game.session import GameSession
from explorer.graph import NodeKind
from explorer.loading import load_scenario


def test_sparkline_scales_to_the_metric_bounds() -> None:
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"
    assert sparkline([2, 2, 2]) == "▄▄▄"
    assert sparkline([1, 3]) == "▁█"
    assert sparkline([-5, 20], 0, 10) == "▁█"  # clamped into the bounds


def test_table_cells_and_mermaid_labels_are_safe() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("x" * 100).endswith("…") and len(cell("x" * 100)) == 48
    label = mermaid_text('Say "no" | <b>now</b> & `go`')
    assert '"' not in label and "|" not in label and "<" not in label and "`" not in label
    assert label.startswith("Say #quot;no#quot; #124; #lt;b#gt;")


def test_historical_line_and_roads(crisis: Path) -> None:
    graph = load_scenario(crisis).graph
    line = historical_line(graph)
    assert line.steps == ("Mass troops", "Shots fired", "Mediate", "They hold")
    assert line.end == "deal" and not line.note
    blue = roads(graph, "blue_answers", graph.initial_state)
    assert [r.probability for r in blue] == [None, None, None]  # no estimates at this decision
    assert blue[2].lock_reason and "Tension" in blue[2].lock_reason
    chance = roads(graph, "border_chance", graph.initial_state)
    assert [round(r.probability, 2) for r in chance] == [0.4, 0.6]


def test_an_unfinished_game_reports_its_state_and_interventions(game: GameSession) -> None:
    game.start_timer()
    game.expire_timer()
    game.decide(0, None)
    text = render(debrief_of(game))
    assert "in progress, at “Blueland answers”" in text and "a report of a game in progress" in text
    assert "No payoffs yet" in text
    assert "the timer ran out (60 s): Team Red for Redland must decide" in text
    assert "Team Red for Redland chose 1. “Talk” — rationale skipped" in text
    assert "0.30 (" not in text  # the analyst's estimate (in words: "0.30 (unlikely)") was not shown to the class
    assert "| start | 3 | 2 |" in text and "| 1 | 2 | 3 |" in text
    assert "Tension  ▃▂  3 → 2" in text and "Trust    ▄▅  2 → 3" in text


def test_a_game_with_no_moves_yet_has_a_report(game: GameSession) -> None:
    text = render(debrief_of(game))
    assert "No move has been made yet." in text and "```mermaid" in text


def test_the_debrief_charts_each_endings_odds_from_the_start(game: GameSession) -> None:
    from explorer.game.advice import Advisor

    advisor = Advisor.of(game.graph)
    assert advisor is not None
    assert "Outcome odds from the start" not in render(debrief_of(game, advisor=advisor))  # not while it runs
    while not game.finished:
        if game.kind == NodeKind.CHANCE:
            game.roll()
        else:
            game.decide(next(v.index for v in game.options() if v.available), None)
    debrief = debrief_of(game, advisor=advisor)
    odds = debrief.ending_odds
    assert abs(sum(e.beliefs for e in odds) - 1) < 1e-9 and abs(sum(e.equilibrium for e in odds) - 1) < 1e-9
    assert [e.beliefs for e in odds] == sorted((e.beliefs for e in odds), reverse=True)
    reached = [e.title for e in odds if e.reached]
    assert reached == [game.graph.node(game.node_id).title]
    assert [e.title for e in odds if e.historical] == [game.graph.node(historical_line(game.graph).end).title]
    text = render(debrief)
    chart = text[text.index("## Outcome odds from the start"):]
    assert "← the class ended here" in chart and "history" in chart and "█" in chart
