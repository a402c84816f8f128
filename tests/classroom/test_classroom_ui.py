"""A whole three-round game with four teams, played through the UI: the facilitator's app and four
team seats (and the shared screen) running at once, as a class would — orders given in any order,
a team changing its orders, the facilitator closing a round with an order missing, news, an argued
move countered and ruled by the dice, a class forecast, and the reveal on every screen."""

from __future__ import annotations

from contextlib import AsyncExitStack

from textual.pilot import Pilot

from explorer.game.class_events import Ordered, Revealed
from explorer.game.seat_link import SeatLink
from explorer.game.session import GameSession
from explorer.tui.game.app import make_game_app
from explorer.tui.game.debrief import DebriefScreen
from explorer.tui.game.play import PlayScreen
from explorer.tui.seat.app import SeatApp
from tests.seattui.seattui_helpers import screen_text, seat, wait_for

TEAMS = ("North", "South", "East", "West")
SIZE = (110, 40)


async def order(pilot: Pilot[None], number: int, why: str) -> None:
    """A team picks move `number` and sends its orders with `why`."""
    await pilot.press(str(number))
    await pilot.press(*why, "enter")


async def test_four_teams_play_three_rounds_through_the_ui(game: GameSession, codes: dict[str, str]) -> None:
    apps = {team: SeatApp(game.store.path, link=SeatLink.open(game.store.path, codes[team], interval=0.05))
            for team in TEAMS}
    apps["shared"] = SeatApp(game.store.path, link=SeatLink.open(game.store.path, "shared", interval=0.05))
    facilitator = make_game_app(game)
    async with AsyncExitStack() as stack:
        pilots = {name: await stack.enter_async_context(app.run_test(size=SIZE)) for name, app in apps.items()}
        boss = await stack.enter_async_context(facilitator.run_test(size=SIZE))
        north, south, east, west = (pilots[n] for n in TEAMS)

        # Round 1: orders in any order; South changes its orders; West's never come.
        await order(north, 3, "NORTH fuels quietly")
        await order(south, 2, "SOUTH drills")
        await wait_for(south, lambda: "Your orders: 2. Hold naval drills" in screen_text(apps["South"]), "South's order")
        await order(south, 1, "SOUTH sends the envoy after all")
        await order(east, 1, "EAST mediates")
        await boss.press("2")  # the envoy, the facilitator's actor
        await boss.press(*"convene them", "enter")
        await wait_for(boss, lambda: game.refresh() is not None and len(game.state.table.orders) == 4, "four orders")
        assert "Hold naval drills" not in screen_text(apps["North"]) + screen_text(apps["shared"])  # sealed
        await boss.press("c")  # close the round: West's order is missing
        await boss.pause()
        await boss.press("enter")  # confirm West's default move
        await wait_for(boss, lambda: game.node_id == "round_2", "the reveal")
        for name in (*TEAMS, "shared"):
            await wait_for(pilots[name], lambda n=name: "Revealed — Round 1" in screen_text(apps[n]), f"{name}'s reveal")
        assert "Northland (Team North): moved in secret" in screen_text(apps["South"])
        assert "Fuel more missiles" in screen_text(apps["North"]) and "Fuel more missiles" not in screen_text(apps["shared"])
        assert "Keep the fleet in port (default: no orders came)" in screen_text(apps["West"])
        orders = [e.body for e in game.events if isinstance(e.body, Ordered)]
        assert [(o.actor, o.move_id, o.revision) for o in orders if o.actor == "south"] == [
            ("south", "drill", 1), ("south", "engage", 2)]

        # Between rounds: news, an argued move countered and ruled by the dice, a forecast.
        await boss.press("n")
        await boss.pause()
        await boss.press("enter")  # the first inject on the run sheet: the typhoon
        await wait_for(west, lambda: "A typhoon closes the strait" in screen_text(apps["West"]), "the news")
        await west.press("a")
        await west.pause()
        await west.press(*"Escort the ferries", "enter", *"trust rises", "enter", *"it calms everyone", "enter",
                         "enter", "enter")
        await wait_for(north, lambda: "Escort the ferries" in screen_text(apps["North"]), "the argued move")
        await north.press("c")
        await north.pause()
        await north.press("enter", *"it provokes us", "enter", "enter", "enter")
        await wait_for(boss, lambda: game.refresh() is not None and game.state.table.arguments[1].counters,
                       "the counter-argument")
        await boss.press("a")
        await boss.pause()
        await boss.press("enter", *"trust +1", "enter", "enter", "enter")
        await boss.pause()
        await boss.press("enter")  # by the dice: 7 − 1 reason + 1 counter = 7 or more
        await wait_for(boss, lambda: game.state.table.arguments[1].ruling is not None, "the ruling")
        ruling = game.state.table.arguments[1].ruling.body
        assert ruling.target == 7 and ruling.success == (sum(ruling.dice) >= 7)
        await boss.press("f")  # a forecast of round 2
        for name, values in (("North", ("50", "20", "30")), ("East", ("60", "10", "30"))):
            await wait_for(pilots[name], lambda n=name: "Forecast #1 (open)" in screen_text(apps[n]), "the forecast")
            await pilots[name].press("f", *values[0], "tab", *values[1], "tab", *values[2], "enter")
        await wait_for(boss, lambda: game.refresh() is not None and len(game.state.table.forecasts[1].entries) == 2,
                       "two forecasts")
        await boss.press("f")  # close it: the spread
        await wait_for(south, lambda: "Team East: 60% / 10% / 30%" in screen_text(apps["South"]), "the spread")

        # Round 2: every order in, the last one reveals at once.
        for name, number in (("West", 1), ("East", 1), ("South", 1), ("North", 1)):
            await order(pilots[name], number, f"{name.upper()} round two")
        await wait_for(boss, lambda: game.refresh() is not None and game.node_id == "round_3", "the second reveal")

        # Round 3: the deadline; the freeze ends the game.
        for name in TEAMS:
            await wait_for(pilots[name], lambda n=name: "Round 3 — the deadline" in screen_text(apps[n]), f"{name}")
            await order(pilots[name], 1, f"{name.upper()} signs")
        await wait_for(boss, lambda: game.refresh() is not None and game.finished, "the end")
        for name in (*TEAMS, "shared"):
            await wait_for(pilots[name], lambda n=name: seat(apps[n]).view.finished, f"{name} sees the end")
        assert "The game is over." in screen_text(apps["shared"]) and "Payoffs:" in screen_text(apps["shared"])
        assert "NORTH fuels quietly" in screen_text(apps["South"])  # the debrief: rationales are told
        await wait_for(boss, lambda: isinstance(facilitator.screen, DebriefScreen), "the facilitator's debrief")
        assert not isinstance(facilitator.screen, PlayScreen)
    reveals = [e.body for e in game.events if isinstance(e.body, Revealed)]
    assert [r.to for r in reveals] == ["round_2", "round_3", "freeze"]
    assert game.node_id == "freeze"
