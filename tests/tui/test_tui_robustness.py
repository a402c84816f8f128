"""Unseen scenarios driven with random keys and clicks; the palette; the play command."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.graph import ScenarioGraph
from explorer.tui.app import make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.start import StartScreen
from explorer.tui.widgets.scenario_map import ScenarioMap
from tests.tui.tui_helpers import FIXTURE, SIZE, graph_from_text, random_dag_yaml

KEYS = ["1", "2", "3", "4", "9", "d", "backspace", "r", "m", "o", "escape", "enter", "tab", "down", "up", "space"]


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_keys_on_random_scenarios_never_break_the_walk(seed: int) -> None:
    graph = graph_from_text(random_dag_yaml(seed))
    rng = random.Random(seed)
    app = make_app(graph, seed=seed)
    size = SIZE if seed % 2 else (80, 24)
    async with app.run_test(size=size) as pilot:
        for _ in range(80):
            await pilot.press(rng.choice(KEYS))
            assert app.is_running
            walk = app.walk
            assert walk.node_id in graph and len(walk.path) == len(walk.history) + 1
            if isinstance(app.screen, MainScreen):
                assert app.screen.query_one("#node-title").render().plain == graph.node(walk.node_id).title
                assert app.screen.query_one("MetricsPanel").values == walk.metrics


async def test_a_click_on_a_map_line_goes_there(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        # line 0 is the start node, lines 1–3 its options; the border takes a row
        await pilot.click(ScenarioMap, offset=(10, 3))
        await pilot.pause()
        assert app.walk.node_id == "showdown"


async def test_palette_jumps_to_a_node_by_title(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+p", *"jump to", "enter")
        await pilot.pause()
        await pilot.press(*"frozen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.walk.node_id == "stalemate" and app.walk.history[-1].jump
        assert app.walk.metrics == {"tension": 4.0, "trust": 5.0, "cost": 0.0}  # a jump keeps them


async def test_palette_restart_works_from_the_start_screen(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+p", *"restart")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "seize"


async def test_switching_scenario_refuses_a_broken_one(fixture_graph: ScenarioGraph, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: [unclosed\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(FIXTURE.read_text(encoding="utf-8").replace("Standoff at Grey Harbour", "Another harbour"))
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "1")
        app.open_scenario(broken)
        await pilot.pause()
        assert app.graph is fixture_graph and app.walk.node_id == "talks"
        assert any("broken.yaml has" in n.message and "not opened" in n.message for n in app._notifications)
        app.open_scenario(other)
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.graph.scenario.title == "Another harbour"
        await pilot.press("2")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "showdown"


async def test_switch_scenario_palette_lists_the_bundled_ones(fixture_graph: ScenarioGraph) -> None:
    from explorer.bundled import bundled_scenarios

    names = [p.name for p in bundled_scenarios()]
    assert names, "no bundled scenario"
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+p", *"switch", "enter")
        await pilot.pause(0.3)
        await pilot.press(*names[0].removesuffix(".yaml"))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        opened = app.path is not None and app.path.name == names[0]
        refused = any("not opened" in n.message for n in app._notifications)
        assert opened or refused


def test_play_prints_the_errors_of_a_broken_scenario_and_exits_1(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: Broken\nactors: {}\nstart: nowhere\nnodes: {}\n", encoding="utf-8")
    assert main(["play", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:" in err and "error:" in err
    assert main(["play", str(tmp_path / "missing.yaml")]) == 2
