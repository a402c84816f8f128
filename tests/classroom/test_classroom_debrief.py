"""The debrief of a classroom game: at each position the class reached, what the equilibrium would
have done there; the odds as the class saw them; every forecast scored (Brier) against what
happened and against the historical branch; everything unsealed."""

from __future__ import annotations

from collections.abc import Callable

from explorer.game.advice import Advisor
from explorer.game.debrief import debrief_of
from explorer.game.forecasts import brier
from explorer.game.report import render
from explorer.game.session import GameSession

Seat = Callable[[str], GameSession]


def play_three_rounds(game: GameSession, seat: Seat) -> None:
    north, south, east, west = (seat(t) for t in ("North", "South", "East", "West"))
    game.open_forecast()  # where round 1 leads: thaw, incident, an uneasy week
    north.enter_forecast([0.6, 0.1, 0.3])
    south.enter_forecast([0.2, 0.3, 0.5])
    game.close_forecast()
    north.submit_order("north", 2, "NORTH-WHY: fuel quietly")
    south.submit_order("south", 0, None)
    east.submit_order("east", 0, None)
    west.submit_order("west", 0, None)
    game.submit_order("envoy", 0, None)  # → an uneasy week: round 2
    game.fire_inject("typhoon")
    for _ in ("round_2", "round_3"):
        for team in (north, south, east, west):
            team.refresh()
            team.submit_order(team.seat.lower(), 0, None)
    game.refresh()


def test_the_report_compares_like_with_like_and_scores_the_forecasts(game: GameSession, seat: Seat) -> None:
    play_three_rounds(game, seat)
    assert game.finished and game.node_id == "freeze"
    text = render(debrief_of(game, advisor=Advisor.of(game.graph)))
    assert "## At each position the class reached" in text
    table = text[text.index("## At each position the class reached"):text.index("Each row compares like with like")]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    first = next(i for i, r in enumerate(rows) if "Round 1 — the first week" in r)
    # a round is compared actor by actor; ✓ where the class played the equilibrium's move
    assert "Northland: Fuel more missiles [secretly] | Open a hotline |" in rows[first]
    assert rows[first + 1].endswith("| Southland: Send an envoy north | Send an envoy north ✓ |")
    assert rows[first + 5] == "|  |  | → An uneasy week passes |  |"
    assert sum(r.endswith(" ✓ |") for r in rows) == 12
    start = next(line for line in text.splitlines() if line.startswith("- **Equilibrium from the start:**"))
    assert "NTH: " in start and "north:" not in start  # actors' short names and moves' labels, not ids
    assert "NORTH-WHY: fuel quietly" in text and "Fuel more missiles [secretly]" in text  # unsealed
    assert "## Class forecasts" in text
    # The round went to its third branch (an uneasy week). History: Northland tested and Southland
    # drilled (the marked moves), the others at their defaults: tension 7, so ships collide (the second).
    assert "the historical branch: 2. Ships collide in the strait" in text
    assert "- **Historical:** Ships collide in the strait › It is contained →" in text
    game_brier, history = brier([0.6, 0.1, 0.3], 2), brier([0.6, 0.1, 0.3], 1)
    assert f"| Team North | 60% | 10% | 30% | {game_brier:.2f} | {history:.2f} |" in text


def test_moves_are_numbered_as_the_class_saw_them_news_and_rulings_between(game: GameSession, seat: Seat) -> None:
    game.fire_inject("leak")  # news (for South only) before the first move
    seat("North").argue("north", "Announce a fishing moratorium", "tension falls", ["it costs nothing"])
    game.refresh()
    game.rule_by_decision(1, False, "nobody believes it")
    play_three_rounds(game, seat)  # three rounds, with news after the first
    d = debrief_of(game)
    assert [(s.how, s.number) for s in d.steps] == [
        ("news", None), ("ruled", None), ("revealed", 1), ("news", None), ("revealed", 2), ("revealed", 3)]
    assert d.moves == 3
    text = render(d)
    headings = [line for line in text.splitlines() if line.startswith("### ") and "Forecast" not in line]
    assert [h.split(" ", 2)[1] for h in headings] == ["News", "Argued", "1.", "News", "2.", "3."]
    assert "| Moves on the final path | 3 |" in text
