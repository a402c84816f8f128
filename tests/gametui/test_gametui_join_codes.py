"""The facilitator can show each team's join code on the shared screen (`j`)."""

from __future__ import annotations

from pathlib import Path

from explorer.game import joincodes
from explorer.game.session import GameSession
from explorer.game.teams import parse_team_options
from explorer.loading import LoadResult
from explorer.tui.game.app import make_game_app
from explorer.tui.game.join_codes import JoinCodesScreen
from explorer.tui.game.play import PlayScreen
from tests.gametui.gametui_helpers import SIZE, shown


async def test_join_codes_are_shown_to_the_facilitator(hanoi: LoadResult, tmp_path: Path) -> None:
    graph = hanoi.graph
    actors = list(graph.deciding_actors)
    teams = parse_team_options([f"{actors[0]}=Red", f"{actors[1]}=Blue"], graph.scenario.actors)
    store = tmp_path / "codes.sqlite"
    session = GameSession.create(hanoi, store, teams=teams, seed=1)
    codes = session.store.join_codes()
    assert set(codes) == {"Red", "Blue"}
    app = make_game_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert isinstance(app.screen, JoinCodesScreen)
        text = shown(app, "#join-codes")
        for team, code in codes.items():
            assert team in text and joincodes.shown(code) in text
        assert str(store) in shown(app, "#join-how")
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
    session.close()
