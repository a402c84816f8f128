"""Seats' views are built incrementally (`explorer.game.view_cache`): a view built from what the
seat kept equals one built afresh, at every moment of random classroom games that hold every kind
of private thing (sealed and covert orders, rationales, private text, a hidden metric, news for
some teams, argued moves and their dice, forecasts, injects, undos, the debrief); and an order the
seat may not read costs it one new line, the lines it had kept as they were."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.game import privacy
from explorer.game.errors import GameError
from explorer.game.privacy import Context
from explorer.game.seats import open_seat, open_shared
from explorer.game.session import GameSession
from explorer.game.views import game_view
from tests.support.classroom import SCENARIO, TEAMS
from tests.support.games import start_game

TEAM_ACTORS = {"North": "north", "South": "south", "East": "east", "West": "west"}
INJECTS = ("typhoon", "leak", "summit_call")
AUDIENCES = ((), ("north",), ("south", "east"), ("west",))

Step = tuple[int, int, int]


def act(game: GameSession, seats: dict[str, GameSession], step: Step) -> None:
    """One move of a random game: `step` = (what, who, which); a refused move changes nothing."""
    what, who, which = step
    team = list(TEAM_ACTORS)[who % len(TEAM_ACTORS)]
    session = seats[team]
    session.refresh()
    moves: list[Callable[[], object]] = [
        lambda: session.submit_order(TEAM_ACTORS[team], which % 3, f"{team}-WHY-{which}" if which % 2 else None),
        lambda: game.submit_order("envoy", which % 2, None),
        lambda: game.close_round(),
        lambda: game.roll(),
        lambda: game.fire_inject(INJECTS[which % len(INJECTS)]),
        lambda: game.send_news(f"NEWS-{which}", f"SECRET-NEWS-{which}", audience=list(AUDIENCES[which % 4]),
                               effects=({"readiness": 1}, {"trust": -1}, {"tension": 3})[which % 3]),
        lambda: session.argue(TEAM_ACTORS[team], f"ARGUED-{which}", "tension falls", ["because"]),
        lambda: session.counter(1 + which % 3, ["no"]),
        lambda: game.rule_by_dice(1 + which % 3, {"tension": -1, "readiness": 1}),
        lambda: game.open_forecast(),
        lambda: session.enter_forecast(forecast(session, which)),
        lambda: game.close_forecast(),
        lambda: game.show("estimates" if which % 2 else "historical", bool(which % 3)),
        lambda: game.undo("UNDO"),
        lambda: game.inject(("incident", "round_2", "round_3")[which % 3], "INJECTED"),
        lambda: game.end("ENDED") if which % 5 == 0 else None,
    ]
    with contextlib.suppress(GameError):
        moves[what % len(moves)]()


def forecast(session: GameSession, which: int) -> list[float]:
    """Probabilities for the open forecast's branches (the first gets more as `which` grows)."""
    table = session.state.table
    n = len(table.open_forecast.body.branches) if table.open_forecast is not None else 1
    if n == 1:
        return [1.0]
    first = (which % 10 + 1) / 10
    return [first] + [(1 - first) / (n - 1)] * (n - 1)


def assert_views_as_fresh(sessions: dict[str, GameSession]) -> None:
    for name, session in sessions.items():
        session.refresh()
        kept = game_view(session)
        assert kept == game_view(session, fresh=True), f"{name}'s view differs from one built afresh"
        assert session.view_cache.context(session) == Context.of(session)


EVERY_SECRET = [(0, 0, 5), (0, 1, 3), (9, 0, 0), (10, 0, 4), (10, 2, 7), (11, 0, 0), (2, 0, 0), (5, 0, 1),
                (6, 3, 0), (7, 1, 0), (8, 0, 0), (14, 0, 0), (3, 0, 0), (13, 0, 0), (15, 0, 0)]
"""Sealed and covert orders with rationales, a forecast entered and closed, the reveal, news for one
team, an argued move countered and ruled by dice, the jump to the chance node, a roll, an undo, the debrief."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 15), st.integers(0, 3), st.integers(0, 29)), min_size=1, max_size=30))
@example(EVERY_SECRET)
def test_a_seat_view_built_from_what_it_kept_equals_one_built_afresh(steps: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        game = start_game(SCENARIO, Path(tmp) / "game.sqlite", TEAMS, seed=11)
        codes = game.store.join_codes()
        seats = {team: open_seat(game.store.path, codes[team]) for team in TEAM_ACTORS}
        viewers = {**seats, "shared": open_shared(game.store.path), "facilitator": game}
        try:
            assert_views_as_fresh(viewers)
            for step in steps:
                act(game, seats, step)
                assert_views_as_fresh(viewers)
            late = open_seat(game.store.path, codes["North"])  # a seat that joins now: replays it all
            viewers["late North"] = late
            assert game_view(late) == game_view(seats["North"])
        finally:
            for session in viewers.values():
                session.close()


def test_an_order_the_seat_may_not_read_costs_it_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    game = start_game(SCENARIO, tmp_path / "game.sqlite", TEAMS, seed=11)
    codes = game.store.join_codes()
    north, south = open_seat(game.store.path, codes["North"]), open_seat(game.store.path, codes["South"])
    try:
        game.fire_inject("leak")  # news for South only
        south.refresh()
        south.submit_order("south", 1, "SOUTH-WHY: drill")
        north.refresh()
        before = game_view(north)
        told: list[int] = []
        describe = privacy.describe_for
        monkeypatch.setattr(privacy, "describe_for", lambda viewer, event, ctx: told.append(event.seq) or describe(
            viewer, event, ctx))
        south.submit_order("south", 0, "SOUTH-WHY-2: talk after all")
        new = north.refresh()
        after = game_view(north)
        assert told == [e.seq for e in new] and len(new) == 1  # only the new event is told
        assert all(a is b for a, b in zip(before.log, after.log[:-1], strict=True))
        assert "sealed until the reveal" in after.log[-1].text and "SOUTH-WHY" not in after.log[-1].text
        assert after.round is not None and after.reveal == before.reveal and after.news == before.news
        assert after == game_view(north, fresh=True)
    finally:
        north.close()
        south.close()
        game.close()
