"""The facilitator's screen learns of a seat's move when it is committed (the store's bell), not at its tick."""

from __future__ import annotations

import pytest

from explorer.game.session import GameSession
from explorer.tui.game import play
from explorer.tui.game.app import make_game_app
from tests.gametui.gametui_helpers import SIZE, shown
from tests.seattui.seattui_helpers import wait_for
from tests.support.processes import run_python

MOVE = """
import sys
from explorer.game.session import GameSession
with GameSession.resume(sys.argv[1], log=False) as game:
    game.decide(0, "BELL-RATIONALE from a seat's process")
"""


async def test_a_move_from_another_process_shows_without_waiting_for_the_tick(
        harbour_game: GameSession, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(play, "TICK", 3600.0)  # an hour: only the bell can bring the move in
    app = make_game_app(harbour_game)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert harbour_game.turn == 1
        done = run_python(MOVE, str(harbour_game.store.path))
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, lambda: harbour_game.turn == 2, "the seat's move", seconds=60)
        await wait_for(pilot, lambda: "BELL-RATIONALE" in shown(app, "#game-log"), "the log shows it", seconds=60)
