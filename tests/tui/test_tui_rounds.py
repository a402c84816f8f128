"""Pilot tests: walking format-2 rounds in the solo explorer — each actor's moves side by side, picks by
number and by mouse, resolve by key and by button, the reveal, back over a whole round, locked moves,
the analysis marks of a stage game (pure and mixed), private text, hidden metrics, covert moves, the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from explorer.graph import ScenarioGraph
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.round_panel import RoundPanel
from explorer.tui.widgets.scenario_map import Mark, ScenarioMap
from explorer.tui.widgets.wrapped import Wrapped
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import ROUNDS, SIZE, load_graph, notes

CONTRACT = Path(__file__).parents[1] / "corpus" / "valid" / "rounds_contract.yaml"


@pytest.fixture
def rounds_graph() -> ScenarioGraph:
    return load_graph(ROUNDS)


async def _begin(pilot: Pilot) -> RoundPanel:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, MainScreen)
    return pilot.app.screen.query_one(RoundPanel)


def _plain(app: ExplorerApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    if isinstance(widget, Wrapped):
        return widget.at(widget.outer_size.width or 80).plain
    return str(widget.render())


async def test_the_round_shows_every_actor_side_by_side(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        assert panel.display and not app.screen.query_one("#options").display
        columns = panel.columns()
        assert [c.actor for c in columns] == ["north", "south", "east"]
        xs = [c.region.x for c in columns]
        assert xs == sorted(xs) and len(set(xs)) == 3 and len({c.region.y for c in columns}) == 1  # side by side
        assert [c.option_count for c in columns] == [3, 2, 2]
        north = " ".join(columns[0].get_option_at_index(2).prompt.plain.split())
        assert "Strike first" in north and "locked: needs Leverage ≥ 4" in north
        assert "covert" in columns[0].get_option_at_index(1).prompt.plain
        assert "default" in columns[1].get_option_at_index(0).prompt.plain
        assert columns[0].has_focus  # the first actor's column, ready for a number
        assert "Wait and see (default)" in panel.summary().plain


async def test_numbers_pick_per_actor_and_enter_resolves(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        await pilot.press("1")  # North: Offer talks; the focus moves on to South
        assert panel.picks == {"north": 0} and panel.columns()[1].has_focus
        await pilot.press("1", "1")  # South waits, East mediates: every actor has a pick
        assert panel.picks == {"north": 0, "south": 0, "east": 0}
        assert app.screen.query_one("#resolve", Button).has_focus  # Enter now plays the round
        await pilot.press("enter")
        await pilot.pause()
        assert app.walk.node_id == "table" and len(app.walk.history) == 1
        play = app.walk.history[0].play
        assert play is not None and play.moves == (0, 0, 0) and play.rule == 1
        assert app.walk.metrics["leverage"] == 2.0


async def test_arrows_choose_the_actor_and_s_resolves_with_defaults(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        await pilot.press("right", "right")  # to East
        assert panel.columns()[2].has_focus
        await pilot.press("2")  # East stays out; the focus goes round to North, the first without a pick
        assert panel.columns()[0].has_focus
        await pilot.press("left")  # and round again, backwards, to East
        assert panel.columns()[2].has_focus
        await pilot.press("s")
        await pilot.pause()
        play = app.walk.history[0].play
        assert play is not None and play.moves == (0, 0, 1)  # North's first move, South's default, East's pick
        assert app.walk.node_id == "standoff"


async def test_the_mouse_picks_and_the_button_resolves(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        south = panel.columns()[1]
        south.highlighted = 1
        await pilot.pause()
        line = south._index_to_line[1] + 1 - round(south.scroll_y)  # + 1: the border
        await pilot.click(south, offset=(5, line))
        await pilot.pause()
        assert panel.picks.get("south") == 1
        await pilot.click("#resolve")
        await pilot.pause()
        play = app.walk.history[0].play
        assert play is not None and play.moves[1] == 1 and app.walk.history[0].label == "South arms the border"


async def test_a_locked_move_is_refused_with_the_reason(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        await pilot.press("3")
        assert "north" not in panel.picks
        assert any("North's move 3 is locked: needs Leverage ≥ 4" in n for n in notes(app))
        await pilot.press("9")
        assert any("has no move 9" in n for n in notes(app)) and not app.walk.history


async def test_the_reveal_shows_every_move_the_rule_and_the_effects(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=(160, 48)) as pilot:
        await _begin(pilot)
        await pilot.press("2")  # North probes the border, covertly; South waits (default); East mediates
        await pilot.press("s")
        await pilot.pause()
        reveal = " ".join(_plain(app, "#reveal").split())
        for text in ("N: Probe the border", "Readiness +1 (hidden)", "covert: the others learn only that it moved",
                     "S: Wait and see", "E: Offer mediation",
                     "rule 3 fired: Does the standoff hold? — no earlier rule fired"):
            assert text in reveal, text
        assert "Round 1: Does the standoff hold?" in app.screen.query_one("#crumbs").render().plain
        assert app.walk.metrics["readiness"] == 1.0


async def test_back_undoes_the_whole_round(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _begin(pilot)
        await pilot.press("2", "2", "1", "s")
        await pilot.pause()
        assert app.walk.node_id == "standoff" and app.walk.metrics["alert"] == 2.0
        await pilot.press("backspace")
        await pilot.pause()
        assert app.walk.node_id == "first" and not app.walk.history
        assert app.walk.state == rounds_graph.initial_state
        assert not app.screen.query_one("#reveal").display
        # the round is shown as it was played, so one actor's move can be changed and the round played again
        assert panel.display and panel.picks == {"north": 1, "south": 1, "east": 0}
        await pilot.press("r")  # a restart is a fresh start: no picks
        assert panel.picks == {}


async def test_private_text_and_hidden_metrics_are_shown_labelled(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        private = " ".join(_plain(app, "#private").split())
        assert "Private to North" in private and "North's envoy is ready to talk." in private
        assert "Private to South" in private and "a source in the North's ministry" in private
        metrics = str(app.screen.query_one(MetricsPanel).render())
        assert "hidden: S only" in metrics and "hidden: N only" in metrics
        assert "Leverage" in metrics


async def test_marks_show_a_pure_stage_equilibrium_then_a_mixed_one(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=(160, 48)) as pilot:
        panel = await _begin(pilot)
        await pilot.press("e")
        await _settle(pilot)
        assert panel.marks is not None and not panel.marks.mixed
        stage = str(panel.query_one("#stage").render())
        assert "Stage equilibrium (pure)" in stage and "Pareto-dominates" in stage
        assert "N: Offer talks" in stage and "S: Wait and see" in stage and "E: Offer mediation" in stage
        north = " ".join(panel.columns()[0].get_option_at_index(0).prompt.plain.split())
        assert "★ equilibrium move" in north and "payoff vs equilibrium: 2" in north and "ends (beliefs):" in north
        await pilot.press("1", "1", "1", "enter")
        await _settle(pilot)
        assert app.walk.node_id == "table"
        assert panel.marks is not None and panel.marks.mixed
        stage = str(panel.query_one("#stage").render())
        assert "Stage equilibrium (mixed)" in stage and "Concede the point 0.50" in stage
        assert "support enumeration" in stage
        hold = " ".join(panel.columns()[0].get_option_at_index(1).prompt.plain.split())
        assert "played 0.50 (roughly even chance) in the mixed equilibrium" in hold


async def test_the_map_draws_a_round_and_its_rules(rounds_graph: ScenarioGraph) -> None:
    app = make_app(rounds_graph, seed=1)
    async with app.run_test(size=(160, 48)) as pilot:
        await _begin(pilot)
        tree = app.screen.query_one(ScenarioMap)
        assert str(tree.root.label).startswith("◈ The first round")
        rules = [str(child.label) for child in tree.root.children]
        assert rules == ["◇ rule 1: South arms the border → Does the standoff hold?",
                         "◈ rule 2: Talks open → Matching pennies at the table",
                         "◇ rule 3 → Does the standoff hold?"]
        # choosing a rule's line plays the round with moves that make that rule fire
        tree.select_node(tree.root.children[1])
        await pilot.pause()
        assert app.walk.node_id == "table" and app.walk.history[0].index == 1
        assert tree._marks.get(tree.root.children[1].id) is Mark.HERE


async def test_the_contract_round_walks_to_an_ending() -> None:
    app = make_app(load_graph(CONTRACT), seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2", "2", "enter")  # pressure and squeeze: both escalate
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen) and app.walk.node_id == "crisis"
        path = _plain(app, "#outcome-path")
        assert "Round 1: Both sides escalate" in path and "North Korea: Ratchet up pressure" in path


async def test_a_format_2_skeleton_from_explorer_new_walks(tmp_path: Path) -> None:
    from explorer.cli import main as cli_main

    target = tmp_path / "new.yaml"
    assert cli_main(["new", str(target), "--format", "2", "--title", "Fresh", "--actor", "a=Alpha",
                     "--actor", "b=Beta", "--metric", "heat=Heat"]) == 0
    app = make_app(load_graph(target), seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        found = False
        for _ in range(8):  # walk on, playing every round with its defaults, until an ending
            if app.walk.is_over:
                break
            if app.walk.kind.text == "round":
                found = True
                await pilot.press("s")
            else:
                await pilot.press("1")
            await pilot.pause()
        assert found and app.walk.is_over
