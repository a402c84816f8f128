"""The facilitator rules on an argued move typing ahead, as fast as a paste: the choice, the effects
and three Enters through the form, and the Enter that rolls in the next dialog, all queued at once
(`explorer.tui.typeahead`): nothing is lost, nothing lands in the wrong field or dialog."""

from __future__ import annotations

from collections.abc import Callable

from explorer.game.class_events import Ruled
from explorer.game.session import GameSession
from explorer.tui.classroom.prompts import FormPrompt
from explorer.tui.game.app import make_game_app
from explorer.tui.game.play import PlayScreen
from tests.gametui.gametui_helpers import burst
from tests.seattui.seattui_helpers import wait_for


async def test_a_ruling_typed_ahead_through_two_dialogs(game: GameSession, seat: Callable[[str], GameSession]) -> None:
    seat("North").argue("north", "Announce a fishing moratorium", "tension falls", ["it costs nothing"])
    game.refresh()
    app = make_game_app(game)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, FormPrompt), "the ruling form")
        burst(app, "enter", *"tension -1", "enter", "enter", "enter", "enter")  # → 'How do you rule?' → roll
        await wait_for(pilot, lambda: game.refresh() is not None and any(isinstance(e.body, Ruled) for e in game.events),
                       "the ruling")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen), "the play screen again")
    ruled = next(e.body for e in game.events if isinstance(e.body, Ruled))
    assert ruled.how == "dice" and ruled.success and ruled.effects == {"tension": -1}  # seed 11: 2 + 6 ≥ 6
