"""Pilot tests: walking with keys and the mouse, locking, back, restart, breadcrumbs, dice."""

from __future__ import annotations

import random

import pytest
from rich.style import Style
from textual.message import Message
from textual.widgets import Static

from explorer.bundled import default_scenario
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.messages import WalkChanged, WalkRefused
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.screens.start import StartScreen, lead_text, summary_lead
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.options import OptionsPanel
from tests.tui.tui_helpers import FIXTURE, SIZE, load_graph, notes, routes_to_outcomes


def _bundled_or_skip() -> ScenarioGraph:
    result = load_scenario(default_scenario()) if default_scenario().exists() else None
    if result is None or not result.ok:
        pytest.skip("the bundled scenario does not pass `explorer check` yet")
    assert result.graph is not None
    return result.graph


def _notes(app: ExplorerApp) -> list[str]:
    return notes(app)


class Recorder:
    """A message hook that keeps the explorer's own messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        # a message bubbles from the screen to the app: count each one once
        if isinstance(message, (WalkChanged, WalkRefused)) and all(m is not message for m in self.messages):
            self.messages.append(message)

    def of(self, kind: type[Message]) -> list[Message]:
        return [m for m in self.messages if isinstance(m, kind)]


async def _line_of(pilot, panel: OptionsPanel, index: int) -> int:
    """The row (inside the panel's border) where option `index` starts, once it is on screen."""
    panel.highlighted = index
    await pilot.pause()
    return panel._index_to_line[index] + 1 - round(panel.scroll_y)


@pytest.mark.parametrize("which", ["fixture", "bundled"])
async def test_keys_walk_to_three_different_outcomes(which: str) -> None:
    graph = load_graph(FIXTURE) if which == "fixture" else _bundled_or_skip()
    routes = routes_to_outcomes(graph, wanted=3)
    assert len(routes) >= 3, routes
    for outcome, keys in routes.items():
        app = make_app(graph, seed=1)
        recorder = Recorder()
        async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
            await pilot.press(*(str(k) for k in keys))
            await pilot.pause()
            assert app.walk.node_id == outcome
            assert isinstance(app.screen, OutcomeScreen)
            assert len(recorder.of(WalkChanged)) == len(keys)
            assert not recorder.of(WalkRefused)
            payoffs = str(app.screen.query_one("#payoffs").render())
            for actor in graph.scenario.actors.values():
                assert actor.name[:10] in payoffs


async def test_start_screen_passes_a_digit_on(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "seize"
        await pilot.press("i")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("1")
        assert app.walk.node_id == "talks"


def test_the_first_frame_shows_the_summary_lead() -> None:
    assert summary_lead("  One\nstill one.\n\nTwo.\n\nThree.") == "One\nstill one."
    assert summary_lead("Only one.\n") == "Only one."
    assert summary_lead(None) == "" and summary_lead("") == ""


def test_the_summary_lead_is_shown_as_a_paragraph_with_emphasis() -> None:
    lead = lead_text("Talks *stall*;\nsanctions **bite** [/] 5 * 3.\n\nMore.")
    assert lead.plain == "Talks stall; sanctions bite [/] 5 * 3."
    styles = {lead.plain[span.start : span.end]: str(span.style) for span in lead.spans}
    assert styles == {"stall": "italic", "bite": "bold"}
    assert lead_text("- one\n- two").plain == "- one\n- two"  # a list keeps its lines


async def test_start_card_is_completed_after_the_first_frame_and_scrolls() -> None:
    graph = _bundled_or_skip()
    app = make_app(graph, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        for _ in range(50):  # the whole summary and the objectives come after the first frame
            if screen.query("#start-summary"):
                break
            await pilot.pause(0.02)
        await pilot.pause()
        actors = str(screen.query_one("#start-actors", Static).render())
        for actor in graph.scenario.actors.values():
            assert actor.name in actors
            assert all(goal in actors for goal in actor.objectives)
        assert screen.max_scroll_y > 0
        await pilot.press("end")
        assert screen.scroll_y == screen.max_scroll_y
        await pilot.press("home", "down", "down")
        assert screen.scroll_y == 2
        await pilot.press("pagedown")
        assert screen.scroll_y > 2
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)


async def test_a_locked_option_is_refused_with_the_reason(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await pilot.press("enter", "3")
        await pilot.pause()
        assert app.walk.node_id == "seize" and not app.walk.history
        reasons = [m.reason for m in recorder.of(WalkRefused)]
        assert reasons == ["option 3 is locked: needs Tension ≥ 6; now Tension 4"]
        assert any("needs Tension ≥ 6" in note for note in _notes(app))
        # the lock is shown before anyone tries: in the option itself, in words
        panel = app.screen.query_one(OptionsPanel)
        prompt = " ".join(str(panel.get_option_at_index(2).prompt).split())  # wrapped to the panel
        assert "3 Blockade the harbour Tension +4, Cost so far +5" in prompt
        assert "locked: needs Tension ≥ 6; now Tension 4" in prompt
        # a click on the locked option is refused the same way
        await pilot.click(OptionsPanel, offset=(6, await _line_of(pilot, panel, 2)))
        await pilot.pause()
        assert len(recorder.of(WalkRefused)) == 2 and app.walk.node_id == "seize"
        # and a click on an open option takes it
        await pilot.click(OptionsPanel, offset=(6, await _line_of(pilot, panel, 0)))
        await pilot.pause()
        assert app.walk.node_id == "talks"


async def test_back_restores_node_and_metrics_then_restart(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        metrics = app.screen.query_one(MetricsPanel)
        assert app.walk.node_id == "showdown"
        assert metrics.values == {"tension": 7.0, "trust": 5.0, "cost": 2.0}
        assert metrics.changes == {"tension": 3.0, "cost": 2.0}
        await pilot.press("backspace")
        assert app.walk.node_id == "seize" and not app.walk.history
        assert metrics.values == {"tension": 4.0, "trust": 5.0, "cost": 0.0}
        await pilot.press("backspace")  # nothing to undo: said so, nothing changes
        assert any("nothing to undo" in n for n in _notes(app))
        await pilot.press("1", "1")
        assert app.walk.node_id == "swap" and len(app.walk.history) == 2
        await pilot.press("r")
        assert app.walk.node_id == "seize" and not app.walk.history
        assert metrics.values == {"tension": 4.0, "trust": 5.0, "cost": 0.0}


async def test_back_and_restart_from_the_outcome_screen(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "1")
        assert isinstance(app.screen, OutcomeScreen) and app.walk.node_id == "deal"
        await pilot.press("backspace")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "swap"
        await pilot.press("1")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "deal"
        await pilot.press("1")  # an ending has no options: refused, with the reason
        assert any("the walk has ended" in n for n in _notes(app))
        await pilot.press("o")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("r")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "seize"


async def test_breadcrumb_clicks_go_back(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await pilot.press("1", "1")
        assert app.walk.node_id == "swap"
        crumbs = app.screen.query_one(Breadcrumbs)
        assert "Start › Blue: Send a protest note › Grey: Propose a swap" in str(crumbs.render())
        # 'Start' is 5 cells, then ' › ': the first step's crumb begins at x = 1 + 8
        await pilot.click(Breadcrumbs, offset=(10, 0))
        await pilot.pause()
        assert app.walk.node_id == "talks" and len(app.walk.history) == 1
        await pilot.click(Breadcrumbs, offset=(2, 0))
        await pilot.pause()
        assert app.walk.node_id == "seize" and not app.walk.history
        assert [m.move for m in recorder.of(WalkChanged)][-2:] == ["back", "back"]


async def test_dice_roll_is_seeded_and_shown(fixture_graph: ScenarioGraph) -> None:
    expected = random.Random("42:0").random()
    app = make_app(fixture_graph, seed=42)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "d")  # not a chance node: said so
        assert any("only at chance nodes" in n for n in _notes(app)) and not app.walk.history
        await pilot.press("2", "d")
        roll = app.walk.history[-1].roll
        assert roll is not None and roll.value == expected and roll.seed == 42
        assert app.walk.node_id == ("clash" if expected < 0.3 else "stalemate")
        assert isinstance(app.screen, OutcomeScreen)
        assert f"dice drew {expected:.3f}" in str(app.screen.query_one("#outcome-path").render())
        await pilot.press("escape")
        shown = str(app.screen.query_one("#roll").render())
        assert "seed 42" in shown and f"{expected:.3f}" in shown and "[0.00, 0.30)" in shown


async def test_digits_pick_a_chance_branch(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=42)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "1")
        assert app.walk.node_id == "clash" and app.walk.history[-1].roll is None


async def test_the_map_marks_the_route_and_clicks_follow_it(fixture_graph: ScenarioGraph) -> None:
    from explorer.tui.widgets.scenario_map import ScenarioMap

    app = make_app(fixture_graph, seed=1)
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await pilot.press("enter", "1")
        tree = app.screen.query_one(ScenarioMap)
        talks = tree.root.children[0]
        assert tree.cursor_node is talks and talks.is_expanded
        shown = {n: tree.render_label(n, Style(), Style()).plain for n in (talks, tree.root)}
        assert "● ◆ Send a protest note" in shown[talks] and "✓ ◆ Blue answers" in shown[tree.root]
        assert not tree.root.children[1].is_expanded  # unexplored branches stay closed
        tree.select_node(tree.root.children[1])  # 'Sail a frigate' → the chance node
        await pilot.pause()
        assert app.walk.node_id == "showdown" and [s.index for s in app.walk.history] == [1]
        assert not talks.is_expanded  # opened for the old route, closed again
        tree.select_node(tree.root.children[2])  # the blockade is locked: refused
        await pilot.pause()
        assert app.walk.node_id == "showdown"
        assert "locked" in recorder.of(WalkRefused)[-1].reason


async def test_help_lists_every_key(fixture_graph: ScenarioGraph) -> None:
    from explorer.tui.screens.help import HelpScreen, help_text

    text = help_text().plain
    for key in ("1 – 9", "Backspace", "r ", "d ", "m ", "i ", "o ", "?", "q", "Ctrl+P", "Esc", "Enter", "Tab"):
        assert key in text, key
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_small_terminal_hides_the_map_until_m(fixture_graph: ScenarioGraph) -> None:
    from explorer.tui.widgets.scenario_map import ScenarioMap

    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        tree = app.screen.query_one(ScenarioMap)
        assert not tree.display
        panel = app.screen.query_one(OptionsPanel)
        assert panel.region.height >= 6 and panel.region.bottom <= 23
        await pilot.press("m")
        assert tree.display and tree.region.width > 0
        await pilot.press("m")
        assert not tree.display
        await pilot.press("1", "1", "1")
        assert isinstance(app.screen, OutcomeScreen)


async def test_quit_key(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "q")
        assert not app.is_running


async def test_the_same_seed_and_moves_give_the_same_rolls_and_a_reroll_is_shown(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, seed=42)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2", "d")
        first = app.walk.history[-1].roll
        await pilot.press("escape", "backspace", "d", "escape")
        assert app.walk.history[-1].roll == first  # back and roll again: the same draw, not a new chance
        await pilot.press("r", "2", "d", "escape")
        assert app.walk.history[-1].roll == first
        await pilot.press("D")  # a deliberate re-roll: a new draw, shown and kept as such
        await pilot.pause()
        again = app.walk.history[-1].roll
        assert again is not None and again.attempt == 1 and again.value == random.Random("42:0:1").random()
        if isinstance(app.screen, OutcomeScreen):
            await pilot.press("escape")
        assert "re-roll 1 of seed 42, roll #1" in str(app.screen.query_one("#roll").render())
        assert len(app.walk.history) == 2
