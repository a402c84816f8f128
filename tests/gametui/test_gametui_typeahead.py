"""Keys typed the moment a dialog opens land in the dialog, not on the screen behind it
(`explorer.tui.typeahead`): the facilitator types a rationale right after the option's number."""

from __future__ import annotations

from textual.widgets import Input

from explorer.game.events import Decided
from explorer.game.session import GameSession
from explorer.tui.game.app import make_game_app
from explorer.tui.game.prompts import TextPrompt
from tests.gametui.gametui_helpers import burst, notes
from tests.seattui.seattui_helpers import wait_for


async def test_a_rationale_typed_straight_after_the_option_lands_in_its_prompt(harbour_game: GameSession) -> None:
    app = make_game_app(harbour_game)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, "1", *"show force, fast")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt)
                       and app.screen.query_one(Input).value == "show force, fast", "the rationale in its prompt")
        burst(app, "enter")
        await wait_for(pilot, lambda: harbour_game.turn == 2, "the decision")
    decided = [e.body for e in harbour_game.events if isinstance(e.body, Decided)]
    assert decided[-1].rationale == "show force, fast"


async def test_keys_behind_a_refused_dialog_reach_the_screen_in_order(harbour_game: GameSession) -> None:
    app = make_game_app(harbour_game)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(app, "d", "1", *"why not", "enter")  # no dice here: refused; then a decision and its rationale
        await wait_for(pilot, lambda: harbour_game.turn == 2, "the decision")
        assert "the dice are rolled only at chance nodes" in " ".join(notes(app))
    decided = [e.body for e in harbour_game.events if isinstance(e.body, Decided)]
    assert decided[-1].rationale == "why not"
