"""Injects as news, argued moves ruled by seeded 2d6 or by decision, class forecasts and the roll on
the class median, what the facilitator shows, and the end of the game."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from explorer.game import argue
from explorer.game.answers import Act
from explorer.game.class_events import NewsFired, Ruled
from explorer.game.errors import MoveRefused
from explorer.game.forecasts import brier, checked, median
from explorer.game.session import GameSession
from explorer.game.views import game_view

Seat = Callable[[str], GameSession]


def test_authored_injects_apply_their_effects_reach_their_audience_and_jump(game: GameSession, seat: Seat) -> None:
    game.fire_inject("typhoon")
    assert game.metrics["tension"] == 3 and game.node_id == "round_1" and game.turn == 2
    assert "has been fired already" in game.can(Act.NEWS, "typhoon").reason
    game.fire_inject("leak")
    south, north = seat("South"), seat("North")
    assert [b.title for b in game_view(south).news] == ["A typhoon closes the strait", "Leaked cable [/]"]
    assert [b.title for b in game_view(north).news] == ["A typhoon closes the strait"]
    assert "SECRET-LEAK" in game_view(south).news[1].text
    game.fire_inject("summit_call")
    assert game.node_id == "round_3"
    with pytest.raises(MoveRefused, match="has been fired already"):
        game.fire_inject("summit_call")
    game.send_news("Markets fall", "Stocks drop 5%.", audience=["east"], effects={"trust": -1})
    assert game.metrics["trust"] == 1
    with pytest.raises(MoveRefused, match="there is no metric 'mood'"):
        game.send_news("Bad", effects={"mood": 1})
    game.undo("too much news")
    assert game.metrics["trust"] == 2 and game.can(Act.NEWS)


def test_news_for_every_actor_is_news_for_everyone(game: GameSession, seat: Seat) -> None:
    event = game.send_news("Talks in Geneva", audience=["north", "south", "east", "west", "envoy"])
    assert isinstance(event.body, NewsFired) and event.body.audience == []
    view = game_view(seat("shared"))
    assert [(b.title, b.audience) for b in view.news] == [("Talks in Geneva", "everyone")]
    assert any("Talks in Geneva" in line.text for line in view.log)


def test_an_argued_move_is_countered_and_ruled_by_seeded_dice(game: GameSession, seat: Seat) -> None:
    north, south, east = seat("North"), seat("South"), seat("East")
    event = north.argue("north", "Announce a fishing moratorium", "tension falls by 2",
                        ["it costs us nothing", "the fleet is in port", "the envoy asked for it"])
    number = event.body.number
    assert number == 1
    with pytest.raises(MoveRefused, match="another team may counter it"):
        north.counter(number, ["we like it"])
    south.counter(number, ["nobody will believe it"])
    with pytest.raises(MoveRefused, match="countered argued move #1 already"):
        south.counter(number, ["again"])
    east.counter(number, ["the trawlers will not obey"])
    game.refresh()
    odds = game.argument_odds(number)
    assert (odds.needed, round(odds.probability, 4)) == (7 - 3 + 2, round(26 / 36, 4))
    assert odds.words().startswith("needs 6+ on 2d6 (7 − 3 reason(s) + 2 counter-argument(s))")
    with pytest.raises(MoveRefused, match="an adjusted target needs a stated reason"):
        game.rule_by_dice(number, {"tension": -2}, adjustment=1)
    ruling = game.rule_by_dice(number, {"tension": -2})
    body = ruling.body
    assert isinstance(body, Ruled) and body.dice == list(argue.dice(11, 1)) and body.target == 6
    assert body.success == (sum(body.dice) >= 6)
    assert game.metrics["tension"] == (2 if body.success else 4)
    assert "has been ruled on already" in game.can(Act.RULE, number).reason
    assert argue.check_command(11, 1) == ('python3 -c "import random; r = random.Random(\'11:2d6:1\'); '
                                          'print(r.randint(1, 6), r.randint(1, 6))"')
    shown = game_view(seat("shared")).arguments[0]
    assert shown.check is None and f"{body.dice[0]} + {body.dice[1]}" in shown.ruling  # the seed is sealed
    assert game_view(game).arguments[0].check == argue.check_command(11, 1)


def test_a_ruling_by_decision_needs_a_reason_and_the_target_stays_within_3_and_12(game: GameSession,
                                                                                   seat: Seat) -> None:
    seat("West").argue("west", "Escort the ferries", "trust rises", [])
    game.refresh()
    with pytest.raises(MoveRefused, match="a ruling by decision needs a stated reason"):
        game.rule_by_decision(1, True, " ")
    game.rule_by_decision(1, True, "obviously sensible", {"trust": 1})
    assert game.metrics["trust"] == 4
    assert argue.target(3, 0, -2) == 3 and argue.target(0, 9, 2) == 12 and argue.chance(12) == 1 / 36


def test_a_class_forecast_its_median_and_a_roll_on_it(game: GameSession, seat: Seat) -> None:
    for team, actor, move in (("North", "north", 1), ("South", "south", 1), ("East", "east", 1),
                              ("West", "west", 1)):
        seat(team).submit_order(actor, move, None)
    game.close_round()
    assert game.node_id == "incident"  # tension 4 + 2 + 1 + 1 + 1 = 9 ≥ 6
    assert game.can(Act.OPEN_FORECAST)
    opened = game.open_forecast()
    assert opened.body.branches == ["It spirals into a clash", "It is contained"]
    assert opened.body.analyst == [0.3, 0.7] and opened.body.historical == 1
    north, south, east = seat("North"), seat("South"), seat("East")
    north.enter_forecast([60, 40])
    south.enter_forecast([0.5, 0.5])
    east.enter_forecast([0.2, 0.8])
    with pytest.raises(MoveRefused, match=r"add up to 1\.5"):
        east.enter_forecast([0.7, 0.8])
    game.refresh()
    assert game.can(Act.OPEN_FORECAST, "round_2").reason == "forecast #1 is still open: close it first"
    assert game_view(game).forecast.entered == ("Team North", "Team South", "Team East")
    assert game_view(game).forecast.spread == ()  # the facilitator sees who, not what, until it closes
    closed = game.close_forecast()
    assert closed.body.median == pytest.approx([0.5, 0.5])
    record = game.roll(on_median=True)
    assert record.basis == "class median" and [b.probability for b in record.bands] == pytest.approx([0.5, 0.5])
    resumed = GameSession.resume(game.store.path, log=False)  # the roll replays on the recorded bands
    assert resumed.node_id == game.node_id
    resumed.close()


def test_forecast_numbers_are_checked_and_scored() -> None:
    assert checked([30, 70], 2) == pytest.approx([0.3, 0.7])
    assert checked([0.333, 0.333, 0.333], 3) == pytest.approx([1 / 3] * 3)
    with pytest.raises(MoveRefused, match="one probability per branch"):
        checked([1.0], 2)
    with pytest.raises(MoveRefused, match="from 0 to 1"):
        checked([-0.5, 1.5], 2)
    assert median([[0.2, 0.8], [0.4, 0.6], [0.9, 0.1]]) == pytest.approx([0.4, 0.6])
    assert brier([0.3, 0.7], 1) == pytest.approx(0.18) and brier([1, 0], 0) == 0 and brier([1, 0], 1) == 2


def test_showing_the_estimates_and_ending_the_game(game: GameSession, seat: Seat) -> None:
    north = seat("North")
    form = game_view(north).round.forms[0]
    assert [m.estimate for m in form.moves] == [None, None, None]
    shown = game.show("estimates")
    assert shown.body.on and "the facilitator showed the analyst's estimates" in game.describe(shown)
    north.refresh()
    form = game_view(north).round.forms[0]
    assert [m.estimate for m in form.moves] == pytest.approx([0.5, 0.3, 0.2])
    assert not north.can(Act.SHOW)
    game.end("out of time")
    assert game.ended and not game.finished
    assert game.can(Act.CLOSE_ROUND).reason == "the facilitator ended the game for the debrief"
