"""Rounds in a game: sealed orders, changing them, the reveal when the last is in, the facilitator's
close with the missing orders, stale orders, replay, and two last orders at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from explorer.game.answers import Act
from explorer.game.class_events import Ordered, Revealed, RoundClosed
from explorer.game.errors import MoveRefused, StaleTurn
from explorer.game.session import GameSession

Seat = Callable[[str], GameSession]


def test_who_gives_which_orders(game: GameSession, seat: Seat) -> None:
    north, shared = seat("North"), seat("shared")
    assert game.banner == "Round 1 — every team gives its orders"
    assert north.can(Act.ORDER, "north")
    assert north.can(Act.ORDER, "south").reason == "Southland is not your team's actor"
    assert game.can(Act.ORDER, "envoy")
    assert "played by North" in game.can(Act.ORDER, "north").reason
    assert shared.can(Act.ORDER, "north").reason == "the shared screen shows the game; it cannot act"
    assert not north.can(Act.DECIDE) and not north.can(Act.CLOSE_ROUND)
    with pytest.raises(MoveRefused, match="not your team's actor"):
        north.submit_order("south", 0, "no")


def test_orders_are_sealed_changed_and_revealed_when_the_last_is_in(game: GameSession, seat: Seat) -> None:
    north, south, east, west = (seat(t) for t in ("North", "South", "East", "West"))
    north.submit_order("north", 1, "test to show resolve")
    changed = north.submit_order("north", 0, "NORTH-WHY: talk after all")
    assert isinstance(changed.body, Ordered) and changed.body.revision == 2
    south.submit_order("south", 0, None)
    east.submit_order("east", 0, "mediate")
    west.submit_order("west", 0, "stay home")
    assert game.refresh() and game.turn == 1 and [s.submitted for s in game.order_status()] == [True] * 4 + [False]
    game.submit_order("envoy", 1, "convene them")  # the facilitator's actor, the last order: the reveal
    kinds = [e.kind for e in game.events]
    assert kinds[-3:] == ["order", "close_round", "reveal"]
    reveal = game.events[-1].body
    assert isinstance(reveal, Revealed) and reveal.rule_id == "thaw" and reveal.to == "round_2"
    assert [m["move_id"] for m in reveal.moves] == ["talk", "engage", "mediate", "stay", "convene"]
    assert game.events[-2].body == RoundClosed("all orders in", [])
    assert game.node_id == "round_2" and game.turn == 2
    assert game.metrics["trust"] == 3 + 1 + 1 + 1 + 1  # talk, engage, convene, and the thaw rule
    with pytest.raises(StaleTurn, match="the orders were revealed"):
        west.submit_order("west", 1, "too late", turn=1)
    resumed = GameSession.resume(game.store.path, log=False)
    assert resumed.node_id == "round_2" and resumed.metrics == game.metrics
    resumed.close()


def test_the_facilitator_closes_with_missing_orders_default_or_entered(game: GameSession, seat: Seat) -> None:
    seat("North").submit_order("north", 2, "fuel them")  # covert
    reveal = game.close_round({"south": 1})  # South drills (entered by the facilitator); the rest: defaults
    orders = [e.body for e in game.events if isinstance(e.body, Ordered)]
    assert [(o.actor, o.move_id, o.entered) for o in orders] == [
        ("north", "prepare", "team"), ("south", "drill", "facilitator"), ("east", "mediate", "default"),
        ("west", "stay", "default"), ("envoy", "wait", "default")]
    closed = game.events[-2].body
    assert isinstance(closed, RoundClosed) and closed.how == "closed by the facilitator"
    assert closed.missing == ["south", "east", "west", "envoy"]
    assert reveal.body.rule_id is None and game.node_id == "round_2"
    assert game.metrics["readiness"] == 3 and game.metrics["tension"] == 5
    assert "the facilitator confirmed Eastland's default move" in game.describe(game.events[-5])


def test_after_the_timer_the_close_says_so(new_game: Callable[..., GameSession], classroom, tmp_path) -> None:
    from tests.support.classroom import TEAMS

    timed = new_game(classroom, TEAMS, seed=3, timer=60, store=tmp_path / "timed.sqlite")
    assert timed.start_timer() is not None
    timed.expire_timer()
    timed.close_round()
    assert timed.events[-2].body.how == "closed after the timer ran out"
    assert timed.start_timer() is not None  # the next round's countdown


def test_a_locked_move_and_an_actor_outside_the_round_are_refused(game: GameSession, seat: Seat) -> None:
    game.close_round()
    game.close_round()  # round 2 → round 3 (tension 4, trust 3 + defaults: …)
    north = seat("North")
    assert game.node_id == "round_3"
    with pytest.raises(MoveRefused, match="move 2 is locked: needs Northland readiness ≥ 3"):
        north.submit_order("north", 1, "strike")
    south = seat("South")
    view = {m.actor: m for m in south.round_moves()}["north"]
    assert view.moves[1].lock_reason is not None


def test_two_last_orders_at_once_make_one_reveal(game: GameSession, seat: Seat) -> None:
    for team, actor in (("North", "north"), ("South", "south"), ("East", "east")):
        seat(team).submit_order(actor, 0, None)
    game.submit_order("envoy", 0, None)
    west, again = seat("West"), seat("West")
    errors: list[Exception] = []
    start = threading.Barrier(2)

    def send(session: GameSession, move: int) -> None:
        start.wait()
        try:
            session.submit_order("west", move, "race", turn=1)
        except StaleTurn as exc:
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(s, m)) for s, m in ((west, 0), (again, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    game.refresh()
    assert [e.kind for e in game.events].count("reveal") == 1
    assert len(errors) == 1 and game.turn == 2  # the other one came after the reveal: it was stale


def test_undoing_a_reveal_reopens_the_round_with_no_orders(game: GameSession) -> None:
    game.close_round()
    assert game.node_id == "round_2"
    game.undo("replay the first week")
    assert game.node_id == "round_1" and not game.state.table.orders
    assert [s.submitted for s in game.order_status()] == [False] * 5
    assert game.can(Act.ORDER, "envoy")


def test_no_inject_or_ruling_while_orders_are_half_in(game: GameSession, seat: Seat) -> None:
    seat("North").submit_order("north", 0, None)
    assert game.can(Act.NEWS, "typhoon")  # this session has not seen North's order yet …
    with pytest.raises(MoveRefused, match="before the first order or after the reveal"):
        game.fire_inject("typhoon")  # … but the rule is checked against everything committed
    assert "1 order(s) are in for this round" in game.can(Act.NEWS, "typhoon").reason
    game.close_round()
    game.fire_inject("typhoon")
    assert game.metrics["tension"] == 3
