"""The TUI on a round too large to analyse: the marks say so, in the round's panel and in words, instead
of solving for ever; the round itself is played."""

from __future__ import annotations

from pathlib import Path

from explorer.loading import load_scenario
from explorer.tui.app import make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.round_panel import RoundPanel
from tests.test_round_limits import crowd
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import SIZE, notes


async def test_marks_on_a_thirty_actor_round_say_there_is_no_analysis(tmp_path: Path) -> None:
    path = tmp_path / "crowd.yaml"
    path.write_text(crowd(30, 2))
    graph = load_scenario(path).graph
    assert graph is not None
    app = make_app(graph, path=path, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("e")
        await _settle(pilot)
        assert str(app.screen.query_one(RoundPanel).border_subtitle) == "no analysis: too large to solve here"
        assert any("1,073,741,824 joint moves" in said for said in notes(app))
        await pilot.press("s")
        await _settle(pilot)
        assert app.screen.walk.node_id == "clash"  # every default is x0: count(x0) = 30 ≥ 15
