"""Live reload under a running explorer: a valid edit replays the walk to where it was, a broken edit
shows the errors at their places and keeps the walk, a fix clears them; an edit that locks the
option taken stops the replay there and says why; rounds replay by their moves' ids."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from explorer.loading import load_scenario
from explorer.reload import ScenarioWatch
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.problems_panel import ProblemsPanel
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import FIXTURE, ROUNDS, notes


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    shutil.copy(source, target)
    return target


def _app(path: Path) -> ExplorerApp:
    result = load_scenario(path)
    assert result.graph is not None
    return make_app(result.graph, path=path, seed=5, watch=ScenarioWatch(path, first=result, settle=False))


async def _reload(pilot: Pilot) -> MainScreen:
    """Wait for the watch to see the change and load it (it polls every 0.25 s), then for the outcome to be shown."""
    app = pilot.app
    assert app.watch is not None
    before = app.watch.result
    for _ in range(100):
        await pilot.pause(0.05)
        if app.watch.result is not before:
            break
    assert app.watch.result is not before, "the change was not seen"
    await app.workers.wait_for_complete()
    await _settle(pilot)
    main = app._main_or_none()
    assert main is not None
    return main


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(main: MainScreen) -> list[str]:
    panel = main.query_one(ProblemsPanel)
    return [str(p) for p in panel.problems] if panel.has_class("-shown") else []


async def _walk(pilot: Pilot, *keys: str) -> None:
    await pilot.press("enter")
    await _settle(pilot)
    await pilot.press(*keys)
    await _settle(pilot)


async def test_valid_edit_broken_edit_and_fix_under_a_running_explorer(tmp_path: Path) -> None:
    path = _copy(FIXTURE, tmp_path)
    app = _app(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await _walk(pilot, "1")  # Send a protest note → The mediator calls both sides
        assert app.walk.node_id == "talks"
        # a valid edit: the text of the node the author is at
        _edit(path, "Both sides accept a call", "Both sides accept a late-night call")
        main = await _reload(pilot)
        assert app.walk.node_id == "talks" and len(app.walk.history) == 1
        assert "late-night call" in app.graph.node("talks").text and main.graph is app.graph
        assert any("reloaded; replayed all 1 move(s)" in n for n in notes(app))
        assert _problems(main) == []
        # a broken edit: an option leads nowhere; the walk stays, the error shows with its place
        _edit(path, "to: patrol", "to: patrolz")
        main = await _reload(pilot)
        line = path.read_text(encoding="utf-8").splitlines().index("        to: patrolz") + 1
        problems = _problems(main)
        assert any(p.startswith(f"{path}:{line}:13: error: ") and "'patrolz'" in p for p in problems), problems
        assert app.walk.node_id == "talks" and len(app.walk.history) == 1
        # the fix: the panel goes, the walk is where it was
        _edit(path, "to: patrolz", "to: patrol")
        main = await _reload(pilot)
        assert _problems(main) == [] and not main.query_one(ProblemsPanel).display
        assert app.walk.node_id == "talks"


async def test_an_edit_that_locks_the_option_taken_stops_the_replay_and_says_why(tmp_path: Path) -> None:
    path = _copy(FIXTURE, tmp_path)
    app = _app(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await _walk(pilot, "1", "1")  # the protest note, then Grey proposes a swap
        assert len(app.walk.history) == 2
        _edit(path, "        to: swap\n", "        to: swap\n        requires: \"trust >= 100\"\n")
        await _reload(pilot)
        assert len(app.walk.history) == 1 and app.walk.node_id == "talks"
        said = " ".join(notes(app))
        assert "replayed 1 of 2 move(s)" in said and "the option is locked now" in said


async def test_a_round_replays_by_its_moves_ids_after_an_edit(tmp_path: Path) -> None:
    folder = tmp_path / "rounds"
    folder.mkdir()
    path = _copy(ROUNDS, folder)
    app = _app(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await _walk(pilot, "1", "s")  # North offers talks; East mediates by default → the table
        assert app.walk.node_id == "table"
        _edit(path, "label: Offer talks", "label: Offer talks at once")
        await _reload(pilot)
        assert app.walk.node_id == "table" and app.walk.history[0].play is not None
        assert any("replayed all 1 move(s)" in n for n in notes(app))
        # the R key reloads at once, watched or not
        before = app.watch.result
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await _settle(pilot)
        assert app.watch.result is not before
        assert app.walk.node_id == "table"


async def test_the_help_screen_opens_the_guides() -> None:
    from explorer.guides import guides
    from explorer.tui.screens.guides import GuideScreen, GuidesScreen
    from explorer.tui.screens.help import HelpScreen

    app = make_app(load_scenario(FIXTURE).graph, seed=1)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuidesScreen)
        await pilot.press("enter")  # the first guide: authoring
        await _settle(pilot)
        assert isinstance(app.screen, GuideScreen) and app.screen.guide.topic == guides()[0].topic == "authoring"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
