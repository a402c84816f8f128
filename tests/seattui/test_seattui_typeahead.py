"""A team's keys typed the moment a form opens land in the form (`explorer.tui.typeahead`)."""

from __future__ import annotations

from textual.widgets import Input

from explorer.game.class_events import Argued
from explorer.game.seat_link import SeatLink
from explorer.game.session import GameSession
from explorer.tui.classroom.prompts import FormPrompt
from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.briefing import TeamBriefingScreen
from tests.gametui.gametui_helpers import burst
from tests.seattui.seattui_helpers import screen_text, wait_for


async def test_an_argued_move_typed_straight_after_a_lands_in_the_form(game: GameSession, codes: dict[str, str]) -> None:
    app = SeatApp(game.store.path, link=SeatLink.open(game.store.path, codes["Red"], interval=0.05))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Team Red" in screen_text(app), "the seat")
        burst(app, "a", *"Blockade the port", "enter", *"they fold")
        await wait_for(pilot, lambda: isinstance(app.screen, FormPrompt)
                       and [i.value for i in app.screen.query(Input)][:2] == ["Blockade the port", "they fold"],
                       "the action and the result in the form")


async def test_a_key_behind_a_refused_form_reaches_the_seat(game: GameSession, codes: dict[str, str]) -> None:
    app = SeatApp(game.store.path, link=SeatLink.open(game.store.path, codes["Red"], interval=0.05))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Team Red" in screen_text(app), "the seat")
        burst(app, "c", "b")  # nothing to counter: refused; then the briefing
        await wait_for(pilot, lambda: isinstance(app.screen, TeamBriefingScreen), "the briefing")


async def test_an_argued_move_typed_ahead_and_sent_at_once_is_sent_whole(game: GameSession,
                                                                         codes: dict[str, str]) -> None:
    app = SeatApp(game.store.path, link=SeatLink.open(game.store.path, codes["Red"], interval=0.05))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Team Red" in screen_text(app), "the seat")
        burst(app, "a", *"Blockade the port", "enter", *"they fold", "enter", *"the fleet is ready", "enter",
              "enter", "enter")  # as fast as a paste: the form opens, fills and is sent
        await wait_for(pilot, lambda: game.refresh() is not None and any(isinstance(e.body, Argued) for e in game.events),
                       "the argued move")
    argued = next(e.body for e in game.events if isinstance(e.body, Argued))
    assert (argued.action, argued.result, argued.reasons) == ("Blockade the port", "they fold", ["the fleet is ready"])
