"""Snapshots fixing the look of the main screen and the outcome screen (100×32, and 80×24)."""

from __future__ import annotations

from textual.pilot import Pilot

from explorer.graph import ScenarioGraph
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.outcome import OutcomeScreen
from tests.tui.tui_helpers import FIXTURE, SIZE


def _app(graph: ScenarioGraph) -> ExplorerApp:
    return make_app(graph, path=FIXTURE, seed=42)


async def _settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_start_screen(snap_compare, fixture_graph: ScenarioGraph) -> None:
    async def run_before(pilot: Pilot) -> None:
        for _ in range(20):  # the summary's Markdown replaces the text as written after the first frame
            await pilot.pause()
            if pilot.app.screen.query("#start-summary"):
                break
        await _settle(pilot)
        assert pilot.app.screen.query("#start-summary") and pilot.app.screen.query("#start-actors")

    assert snap_compare(_app(fixture_graph), terminal_size=SIZE, run_before=run_before)


async def _begin(pilot: Pilot) -> None:
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)
    assert isinstance(pilot.app.screen, MainScreen)


def test_main_screen_at_start(snap_compare, fixture_graph: ScenarioGraph) -> None:
    assert snap_compare(_app(fixture_graph), terminal_size=SIZE, run_before=_begin)


def test_main_screen_after_a_move(snap_compare, fixture_graph: ScenarioGraph) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("2")
        await _settle(pilot)

    assert snap_compare(_app(fixture_graph), terminal_size=SIZE, run_before=run_before)


def test_main_screen_at_80x24(snap_compare, fixture_graph: ScenarioGraph) -> None:
    assert snap_compare(_app(fixture_graph), terminal_size=(80, 24), run_before=_begin)


def test_outcome_screen(snap_compare, fixture_graph: ScenarioGraph) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("1", "1", "1")
        await _settle(pilot)
        assert isinstance(pilot.app.screen, OutcomeScreen)

    assert snap_compare(_app(fixture_graph), terminal_size=SIZE, run_before=run_before)
