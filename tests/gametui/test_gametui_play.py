"""A whole game of the bundled scenario, played through the UI: three teams, typed rationales,
a skipped rationale, a roll, an override, an inject and an undo; then the log and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.format.models import NodeKind
from explorer.game.session import GameSession
from explorer.game.teams import parse_team_options
from explorer.loading import LoadResult
from explorer.tui.game.app import make_game_app
from explorer.tui.game.debrief import DebriefScreen, report_path
from explorer.tui.game.play import PlayScreen
from explorer.tui.game.prompts import ChoicePrompt, RollScreen, TextPrompt
from tests.gametui.gametui_helpers import SIZE, notes, shown, type_text

OVERRIDE_REASON = "discuss the other branch"
INJECT_REASON = "news flash [/]"
UNDO_REASON = "misread"


async def test_a_whole_game_of_the_bundled_scenario_through_the_ui(
        hanoi: LoadResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = hanoi.graph
    actors = list(graph.deciding_actors)
    specs = [f"{actors[0]}=Red", f"{actors[1]}=Blue", f"{actors[2]}=Green"]
    store = tmp_path / "class.sqlite"
    session = GameSession.create(hanoi, store, teams=parse_team_options(specs, graph.scenario.actors), seed=2019)
    app = make_game_app(session)
    did = {"rationale": 0, "skip": 0, "roll": 0, "override": 0, "inject": 0, "undo": 0}
    typed: list[str] = []
    briefed: set[str | None] = set()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(100):
            if session.finished:
                break
            assert isinstance(app.screen, PlayScreen)
            assert shown(app, "#banner").startswith(f"▌ {session.banner}")
            if session.kind == NodeKind.CHANCE:
                open_options = [v for v in session.options() if v.available]
                await pilot.press("d")
                assert isinstance(app.screen, RollScreen)
                assert f"Seed 2019, draw #{did['roll'] + 1}:" in shown(app, "#dice-text")
                did["roll"] += 1
                if not did["override"] and len(open_options) > 1:
                    rolled = session.entries[-1].step.index
                    await pilot.press("o")
                    assert isinstance(app.screen, ChoicePrompt)
                    await pilot.press("enter")  # the first other result
                    await type_text(pilot, OVERRIDE_REASON)
                    await pilot.press("enter")
                    assert session.events[-1].kind == "override"
                    assert session.entries[-1].step.index != rolled
                    did["override"] += 1
                else:
                    await pilot.press("enter")
                continue
            available = [v for v in session.options() if v.available]
            if not did["undo"] and did["roll"]:
                await pilot.press(str(available[-1].number))
                await type_text(pilot, "oops")
                await pilot.press("enter")
                await pilot.press("u")
                assert isinstance(app.screen, TextPrompt)
                await pilot.press("enter")  # a blank reason is refused: the prompt stays
                assert isinstance(app.screen, TextPrompt)
                await type_text(pilot, UNDO_REASON)
                await pilot.press("enter")
                assert session.events[-1].kind == "undo"
                did["undo"] += 1
                continue
            view = next((v for v in available if v.option.historical), available[0])
            if session.team not in briefed:     # each team reads its briefing once
                briefed.add(session.team)
                await pilot.press("b")
                assert session.actor_name(session.actor) in shown(app, ".prompt-title")
                await pilot.press("escape")
            await pilot.press(str(view.number))
            assert isinstance(app.screen, TextPrompt)
            if did["rationale"] == 1 and not did["skip"]:
                await pilot.press("enter")
                assert session.events[-1].body.rationale is None
                assert "Rationale skipped — the skip is logged." in notes(app)
                did["skip"] += 1
            else:
                text = f"t{session.turn} [b]us[/b] | why"
                await type_text(pilot, text)
                await pilot.press("enter")
                assert session.events[-1].body.rationale == text
                typed.append(text)
                did["rationale"] += 1
            if not did["inject"] and did["override"] and not session.finished:
                visited = {e.node for e in session.events}
                target = next(n for n in graph.topological_order
                              if graph.node(n).kind == "decision" and n not in visited)
                await pilot.press("i")
                await type_text(pilot, f"({target})")
                await pilot.press("down", "enter")
                await type_text(pilot, INJECT_REASON)
                await pilot.press("enter")
                assert session.node_id == target
                did["inject"] += 1
        assert session.finished and all(did.values()), did
        assert isinstance(app.screen, DebriefScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Equilibrium from the start:" in shown(app, "#debrief-1") and "not computed" not in shown(app, "#debrief-1")
        assert "The equilibrium here:" in shown(app, "#debrief-path")  # at each position the class reached
        assert "Rationale skipped." in shown(app, "#debrief-path") and typed[0] in shown(app, "#debrief-path")
        await pilot.press("w")
        assert report_path(store).is_file()
        assert f"Report written: {report_path(store)}" in shown(app, "#debrief-saved")

    assert main(["log", str(store), "--jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = [e["kind"] for e in events]
    for kind in ("started", "decide", "roll", "override", "inject", "undo"):
        assert kind in kinds
    rationales = [e["payload"]["rationale"] for e in events if e["kind"] == "decide"]
    assert None in rationales and typed[0] in rationales and "oops" in rationales
    assert {e["team"] for e in events if e["kind"] == "decide"} >= {"Red", "Blue", "Green"}
    (override,) = [e for e in events if e["kind"] == "override"]
    assert override["payload"]["reason"] == OVERRIDE_REASON
    assert [e["payload"]["reason"] for e in events if e["kind"] == "inject"] == [INJECT_REASON]
    assert [e["payload"]["reason"] for e in events if e["kind"] == "undo"] == [UNDO_REASON]

    assert main(["report", str(store)]) == 0
    report = capsys.readouterr().out
    assert "*Rationale skipped.*" in report and typed[0] in report
    assert f"**Reason:** {OVERRIDE_REASON}" in report and "**Overridden by the facilitator:**" in report
    assert f"**Reason:** {INJECT_REASON}" in report and "Facilitator's inject" in report
    assert "Team Red" in report and "Team Blue" in report and "Team Green" in report
    assert report_path(store).read_text(encoding="utf-8").split("## Appendix")[0] == report.split("## Appendix")[0]
    session.close()
