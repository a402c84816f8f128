"""Pilot tests: a map you can read — marks without colour (here, taken, the way to a jump, locked, taken
earlier), the full-screen map (legible at depth, Enter goes there), the legend, and the full path."""

from __future__ import annotations

from textual.pilot import Pilot

from explorer.graph import ScenarioGraph
from explorer.tui.app import make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.map_screen import LegendScreen, MapScreen
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.path_panel import PathPanel
from explorer.tui.widgets.scenario_map import Mark, ScenarioMap
from explorer.tui.widgets.wrapped import Wrapped
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import SIZE, load_graph


def _marks(tree: ScenarioMap) -> dict[str, Mark]:
    """Each marked line's label (without the kind mark) → its mark."""
    out = {}
    for line_id, mark in tree._marks.items():
        label = str(tree.get_node_by_id(line_id).label)
        out[label[2:]] = mark
    return out


async def _begin(pilot: Pilot) -> MainScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_the_walk_taken_locked_and_earlier_branches_read_without_colour(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _begin(pilot)
        tree = screen.query_one(ScenarioMap)
        await pilot.press("2", "backspace", "1")  # the frigate, back, then the protest note
        await pilot.pause()
        marks = _marks(tree)
        assert marks["Blue answers the seizure"] is Mark.TAKEN
        assert marks["Send a protest note → The mediator calls both sides"] is Mark.HERE
        assert marks["Sail a frigate to the harbour mouth → Does the standoff hold?"] is Mark.SEEN  # taken before
        assert marks["Blockade the harbour → Does the standoff hold?"] is Mark.LOCKED  # needs tension ≥ 6
        rendered = tree.render_label(tree.root.children[2], tree.rich_style, tree.rich_style).plain
        assert rendered.startswith("▶ ⊘ ") or rendered.startswith("⊘ ")


async def test_a_jump_is_drawn_as_a_jump_not_as_moves_taken(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _begin(pilot)
        screen.jump("patrol")  # seize → talks → patrol: the way there was never walked
        await pilot.pause()
        marks = _marks(screen.query_one(ScenarioMap))
        assert marks["Blue answers the seizure"] is Mark.JUMPED
        assert marks["Send a protest note → The mediator calls both sides"] is Mark.JUMPED
        assert marks["Back a joint patrol → A joint patrol"] is Mark.HERE
        assert Mark.TAKEN not in marks.values()


async def test_the_full_map_keeps_deep_labels_legible_and_goes_where_chosen() -> None:
    from explorer.bundled import default_scenario

    graph = load_graph(default_scenario())
    app = make_app(graph, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await _begin(pilot)
        for _ in range(12):  # walk deep: the first open option each time
            if app.walk.is_over:
                break
            first = next(v.number for v in app.walk.options() if v.available)
            await pilot.press(str(first))
            await pilot.pause()
        if app.walk.is_over:
            await pilot.press("escape")
        depth = len(app.walk.history)
        assert depth >= 5
        await pilot.press("M")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        tree = app.screen.query_one(ScenarioMap)
        region = tree._get_label_region(tree.cursor_line)
        assert region is not None and region.x >= 2 * depth  # indented by its depth …
        assert 0 <= region.x - tree.scroll_x <= tree.scrollable_content_region.width // 2  # … yet in view
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LegendScreen)
        legend = app.screen.query_one(Wrapped).at(80).plain
        for mark in Mark:
            assert f"{mark.badge}  {mark.words}" in legend
        await pilot.press("escape")
        tree.move_cursor(tree.root)
        await pilot.pause()
        await pilot.press("enter")  # choose the first line: back to the start
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not app.walk.history


async def test_the_full_map_opens_the_likely_path_with_marks_on(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("e")
        await _settle(pilot)
        await pilot.press("M")
        await pilot.pause()
        tree = app.screen.query_one(ScenarioMap)
        outlooks = app.analyst.ready(fixture_graph)
        assert outlooks is not None
        assert len(tree._likely_ids) == len(outlooks.likely_route("beliefs")) + 1  # every line of it, opened


async def test_the_map_measures_each_line_as_wide_as_it_draws_it(fixture_graph: ScenarioGraph) -> None:
    """`get_label_width` works the width out without rendering: it must match the label drawn, for lines
    marked here, taken, taken earlier, locked and on the likely path, open and closed."""
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _begin(pilot)
        await pilot.press("2", "backspace", "1", "e")
        await _settle(pilot)
        tree = screen.query_one(ScenarioMap)
        lines = [tree.get_node_at_line(n) for n in range(tree.last_line + 1)]
        assert {Mark.HERE, Mark.TAKEN, Mark.SEEN, Mark.LOCKED} <= set(tree._marks.values())
        assert tree._likely_ids
        for line in lines:
            assert line is not None
            drawn = tree.render_label(line, tree.rich_style, tree.rich_style).cell_len
            assert tree.get_label_width(line) == drawn, str(line.label)


async def test_the_full_path_replaces_the_breadcrumbs(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _begin(pilot)
        await pilot.press("1", "1")
        await pilot.press("f")
        await pilot.pause()
        panel = screen.query_one(PathPanel)
        assert panel.display and not screen.query_one(Breadcrumbs).display
        text = panel.query_one(Wrapped).at(90).plain
        assert "0. Start" in text
        assert "1. Blue: Send a protest note  Tension −1, Trust +2" in text
        assert "2. Grey: Propose a swap" in text
        await pilot.click(panel, offset=(4, 2))  # the first step's line: back to just after it
        await pilot.pause()
        assert len(app.walk.history) == 1 and "2. Grey" not in panel.query_one(Wrapped).at(90).plain
        await pilot.press("f")
        assert not panel.display and screen.query_one(Breadcrumbs).display
