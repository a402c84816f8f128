"""Snapshots of the analyst's views at 80×24 and 200×60: the main screen with the map, the full-screen
map, the comparison (a marked walk, this walk, the historical path) and the full path with a note."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.main import MainScreen
from tests.tui.tui_helpers import FIXTURE, load_graph

SIZES = [(80, 24), (200, 60)]


def _app() -> ExplorerApp:
    return make_app(load_graph(FIXTURE), path=FIXTURE, seed=42)


async def _settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def _walk(pilot: Pilot) -> None:
    """Begin; the frigate; a note; mark; back to the start and the protest note; the mediator."""
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)
    assert isinstance(pilot.app.screen, MainScreen)
    await pilot.press("2")
    await _settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one(TextArea).insert("Risky: the press is watching")
    await pilot.press("ctrl+s", "k", "r", "1")
    await _settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "200x60"])
def test_main_screen_with_the_map(snap_compare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _walk(pilot)
        if size[0] < 96:
            await pilot.press("m")  # the map takes the state panel's place
            await _settle(pilot)

    assert snap_compare(_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "200x60"])
def test_full_screen_map(snap_compare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _walk(pilot)
        await pilot.press("M")
        await _settle(pilot)

    assert snap_compare(_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "200x60"])
def test_comparison(snap_compare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _walk(pilot)
        await pilot.press("c")
        await _settle(pilot)

    assert snap_compare(_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "200x60"])
def test_full_path(snap_compare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _walk(pilot)
        await pilot.press("backspace", "2", "1")  # the frigate again (its note is found again), a collision
        await _settle(pilot)
        await pilot.press("escape", "f")  # look around the ending, with the full path
        await _settle(pilot)

    assert snap_compare(_app(), terminal_size=size, run_before=run_before)
