"""The look of the play screen at 100×32: fixed scenario, seed, team names; no timer."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario
from explorer.tui.game.app import make_game_app
from explorer.tui.game.play import PlayScreen
from tests.gametui.gametui_helpers import FIXTURE, SIZE


def test_play_screen(snap_compare, tmp_path: Path) -> None:
    load = load_scenario(FIXTURE)
    session = GameSession.create(load, tmp_path / "game.sqlite",
                                 teams=Teams.from_pairs([("blue", "Blue"), ("red", "Red")]), seed=42)
    session.decide(0, "talk first [/]")       # the log shows a rationale; the mediator decides next

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlayScreen)

    try:
        assert snap_compare(make_game_app(session), terminal_size=SIZE, run_before=run_before)
    finally:
        session.close()
