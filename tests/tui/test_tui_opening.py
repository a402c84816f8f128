"""A scenario opened behind its start screen (`explorer play` on an unchanged scenario): the start screen
drawn from the cover is the scenario's own, keys pressed before the scenario is loaded wait for it and
follow in order, quitting does not wait, and a scenario that turns out broken closes the app."""

from __future__ import annotations

import threading
import time

from textual.widgets import Static

from explorer.graph import ScenarioGraph
from explorer.loading.cover import cover_of
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.opening import Opened, Opening
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.start import StartScreen
from tests.tui.tui_helpers import FIXTURE, SIZE


def _held(graph: ScenarioGraph | None, cover_graph: ScenarioGraph) -> tuple[ExplorerApp, threading.Event]:
    """An app opening `graph` behind the cover of `cover_graph`; its load waits for the event."""
    release = threading.Event()

    def load() -> Opened:
        release.wait(30)
        return Opened(graph)

    return make_app(None, path=FIXTURE, seed=1, opening=Opening(cover_of(cover_graph), load)), release


async def _completed(app: ExplorerApp, pilot) -> StartScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, StartScreen)
    for _ in range(100):
        if screen.query("#start-actors"):
            break
        await pilot.pause(0.02)
    await pilot.pause()
    return screen


async def _texts(app: ExplorerApp, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    screen = await _completed(app, pilot)
    return [str(widget.render()) for widget in screen.query(Static)]


async def test_the_start_screen_from_the_cover_is_the_scenarios_own(fixture_graph: ScenarioGraph) -> None:
    given = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with given.run_test(size=SIZE) as pilot:
        expected = await _texts(given, pilot)
    app, release = _held(fixture_graph, fixture_graph)
    async with app.run_test(size=SIZE) as pilot:
        assert await _texts(app, pilot) == expected  # complete before the scenario is loaded
        assert app.opening is not None and app.title == given.title
        release.set()
        await pilot.pause(0.1)
        assert app.opening is None and app.graph is fixture_graph


async def test_keys_pressed_before_the_scenario_is_loaded_wait_for_it(fixture_graph: ScenarioGraph) -> None:
    app, release = _held(fixture_graph, fixture_graph)
    shown_at_release: list[object] = []

    def release_later() -> None:
        time.sleep(0.3)
        shown_at_release.append(app.screen)
        release.set()

    async with app.run_test(size=SIZE) as pilot:
        threading.Thread(target=release_later).start()
        await pilot.press("enter", "1")  # the keys are handled once the scenario is there
        await pilot.pause()
        [shown] = shown_at_release
        assert isinstance(shown, StartScreen)  # nothing moved before the scenario was there
        assert isinstance(app.screen, MainScreen)
    reference = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with reference.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")
        await pilot.pause()
        assert app.walk.node_id == reference.walk.node_id != fixture_graph.scenario.start


async def test_quitting_does_not_wait_for_the_scenario(fixture_graph: ScenarioGraph) -> None:
    app, release = _held(fixture_graph, fixture_graph)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "q")
        await pilot.pause(0.1)
        assert not app.is_running and app.opening is not None
    release.set()
    assert app.opening.wait().graph is fixture_graph


async def test_a_scenario_broken_since_its_cover_closes_the_app(fixture_graph: ScenarioGraph) -> None:
    app, release = _held(None, fixture_graph)
    release.set()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.not_opened and not app.is_running
    assert app.return_code == 1
