"""Snapshots of a round in the solo explorer: at 80×24, and at 200×60 after a round was played with the
analysis marks on (the reveal, the next round's mixed stage equilibrium, the map with its rules)."""

from __future__ import annotations

from textual.pilot import Pilot

from explorer.tui.app import make_app
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import ROUNDS, load_graph


def _app():
    return make_app(load_graph(ROUNDS), path=ROUNDS, seed=42)


def test_a_round_at_80x24(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2")  # North picks; the focus moves to South
        await _settle(pilot)

    assert snap_compare(_app(), terminal_size=(80, 24), run_before=run_before)


def test_a_round_played_with_marks_at_200x60(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await _settle(pilot)
        await pilot.press("1", "1", "1", "enter")
        await _settle(pilot)

    assert snap_compare(_app(), terminal_size=(200, 60), run_before=run_before)
