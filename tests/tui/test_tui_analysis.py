"""Pilot tests of the analysis in the TUI: marks, policy, the map's likely path, the analysis screen."""

from __future__ import annotations

import json

from textual.pilot import Pilot

from explorer.bundled import default_scenario
from explorer.cli import main as cli_main
from explorer.graph import ScenarioGraph
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.analysis import AnalysisScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.options import STAR, OptionsPanel
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import probability_text
from tests.tui.tui_helpers import FIXTURE, SIZE, load_graph


async def _settle(pilot: Pilot) -> None:
    """Let the analysis threads (solving, marks) finish and their messages land (a screen's dialog
    worker waits for the person, not for them)."""
    await pilot.pause()
    while busy := [w for w in pilot.app.workers if w.group in ("analysis", "marks") and not w.is_finished]:
        await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()
    await pilot.pause()


async def _marks_on(pilot: Pilot) -> OptionsPanel:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, MainScreen)
    await pilot.press("e")
    await _settle(pilot)
    return pilot.app.screen.query_one(OptionsPanel)


def _starred(panel: OptionsPanel) -> list[int]:
    """The option numbers whose rendered prompt carries the equilibrium star."""
    prompts = [panel.get_option_at_index(i).prompt for i in range(panel.option_count)]
    return [i + 1 for i, prompt in enumerate(prompts) if str(getattr(prompt, "plain", prompt)).startswith(STAR)]


async def test_marks_star_the_equilibrium_move_of_explorer_solve(capsys) -> None:
    path = default_scenario()
    assert cli_main(["solve", str(path), "--json"]) == 0
    solved = json.loads(capsys.readouterr().out)
    first = solved["equilibrium"]["moves"][0]
    graph = load_graph(path)
    assert first["node"] == graph.start
    app = make_app(graph, path=path, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _marks_on(pilot)
        assert panel.marks is not None
        assert [m.index + 1 for m in panel.marks.values() if m.equilibrium] == [first["option"]]
        assert _starred(panel) == [first["option"]]
        mark = panel.marks[first["option"] - 1]
        assert mark.payoffs == solved["equilibrium"]["payoffs"]
        assert abs(sum(c.probability for c in mark.classes) - 1.0) < 1e-9
        # the likely path is highlighted on the map's open lines, from the start (the pane does not open
        # it all: ten levels deep, its labels would be cut to nothing; the full-screen map does)
        tree = app.screen.query_one(ScenarioMap)
        assert tree.root.id in tree._likely_ids and len(tree._likely_ids) >= 2
        # off again: no star, no marks
        await pilot.press("e")
        await _settle(pilot)
        assert panel.marks is None and _starred(panel) == [] and not tree._likely_ids


async def test_policy_cycling_changes_the_marks(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _marks_on(pilot)
        assert panel.marks is not None
        beliefs = panel.marks[0].classes
        assert "beliefs" in str(panel.border_subtitle)
        await pilot.press("p")
        await _settle(pilot)
        assert app.analyst.policy == "equilibrium" and "equilibrium" in str(panel.border_subtitle)
        # Send a protest note: under beliefs Grey may propose a swap; in equilibrium it backs a patrol
        assert beliefs != panel.marks[0].classes
        assert [(c.label, c.probability) for c in panel.marks[0].classes] == [("A joint patrol", 1.0)]
        await pilot.press("p", "p")
        await _settle(pilot)
        assert app.analyst.policy == "beliefs" and panel.marks[0].classes == beliefs
        # marks follow the walk: at the showdown the branches have no equilibrium star
        await pilot.press("2")
        await _settle(pilot)
        assert panel.marks is not None and not any(m.equilibrium for m in panel.marks.values())


async def test_marks_say_which_policy_each_number_belongs_to(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with app.run_test(size=(140, 40)) as pilot:
        panel = await _marks_on(pilot)
        prompt = " ".join(panel.get_option_at_index(0).prompt.plain.split())
        assert "ends (beliefs):" in prompt and "payoffs (equilibrium play):" in prompt
        assert "payoffs: equilibrium" in str(panel.border_subtitle) and "odds: beliefs" in str(panel.border_subtitle)
        await pilot.press("p")
        await _settle(pilot)
        prompt = " ".join(panel.get_option_at_index(0).prompt.plain.split())
        assert "ends (equilibrium):" in prompt and "payoffs (equilibrium play):" in prompt
        # the classes are the endings, by title (not by their first distinguishing tag)
        outlooks = app.analyst.ready(fixture_graph)
        assert outlooks is not None
        assert all(label == fixture_graph.node(o).title for o, label in outlooks.classes.items() if o in fixture_graph)


def _text(app: ExplorerApp, widget_id: str) -> str:
    return app.screen.query_one(widget_id, Wrapped).at(96).plain


async def test_analysis_screen_shows_odds_and_cycles_policy(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        await _settle(pilot)
        assert isinstance(app.screen, AnalysisScreen)
        outlooks = app.analyst.ready(fixture_graph)
        assert outlooks is not None
        odds = _text(app, "#analysis-odds")
        assert "Outcome odds: beliefs" in odds
        for outcome_id, p in outlooks.outcome_odds("beliefs"):
            line = next(line for line in odds.splitlines() if line.startswith(fixture_graph.node(outcome_id).title))
            assert line.endswith(probability_text(p))
        assert "Equilibrium path" in _text(app, "#analysis-paths")
        assert "Blue Navy" in _text(app, "#analysis-payoffs")
        await pilot.press("p")
        await pilot.pause()
        after = _text(app, "#analysis-odds")
        assert "Outcome odds: equilibrium" in after and after != odds
        assert "A joint patrol" in after and probability_text(1.0) in after
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_palette_offers_the_analysis(fixture_graph: ScenarioGraph) -> None:
    app = make_app(fixture_graph, path=FIXTURE, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"Analysis…", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, AnalysisScreen)


def test_analysis_screen_snapshot(snap_compare, fixture_graph: ScenarioGraph) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.press("enter", "a")
        await _settle(pilot)
        assert isinstance(pilot.app.screen, AnalysisScreen)

    assert snap_compare(make_app(fixture_graph, path=FIXTURE, seed=42), terminal_size=SIZE, run_before=run_before)


def test_the_odds_chart_shows_the_likeliest_endings_and_sums_the_rest(write_scenario) -> None:
    import sys
    from pathlib import Path

    from explorer.analysis.outlooks import Outlooks
    from explorer.analysis.summary import analyse
    from explorer.loading import load_scenario
    from explorer.tui.screens.analysis import CHART_MOST, odds_chart

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import tree_scenario

    graph = load_scenario(write_scenario(tree_scenario(400))).graph
    outlooks = Outlooks(analyse(graph))
    ranked = outlooks.outcome_odds("uniform")
    assert len(ranked) > CHART_MOST
    text = odds_chart(outlooks, "uniform", 100).plain.splitlines()
    assert len(text) == 1 + CHART_MOST + 1  # the heading, the bars, the line for the rest
    rest = 1.0 - sum(p for _, p in ranked[:CHART_MOST])
    assert text[-1] == f"… and {len(ranked) - CHART_MOST} less likely endings, together {probability_text(rest)}"
    for line, (outcome_id, p) in zip(text[1:-1], ranked, strict=False):
        assert line.startswith(graph.node(outcome_id).title) and line.endswith(probability_text(p))
