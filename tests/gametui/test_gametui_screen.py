"""Play-screen details: the timer, refusals in words, literal text, the palette, 80×24."""

from __future__ import annotations

from pathlib import Path

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import LoadResult, load_scenario
from explorer.tui.game.app import make_game_app
from explorer.tui.game.play import PlayScreen
from explorer.tui.game.prompts import TextPrompt
from tests.gametui.gametui_helpers import SIZE, notes, shown, type_text
from tests.seattui.seattui_helpers import wait_for


async def test_the_timer_counts_down_and_logs_when_it_runs_out(fixture_load: LoadResult, tmp_path: Path) -> None:
    session = GameSession.create(fixture_load, tmp_path / "t.sqlite", teams=Teams.from_pairs([("blue", "Blue")]),
                                 seed=1, timer=1)
    app = make_game_app(session)
    told: list[str] = []  # every toast, kept: a busy machine may outlast a toast's 8 s before the check
    notify = app.notify
    app.notify = lambda message, **kwargs: (told.append(str(message)), notify(message, **kwargs))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [e.kind for e in session.events] == ["started", "timer_started"]
        banner = shown(app, "#banner")  # the countdown, unless a busy machine let the second pass already
        assert "⏱ 0:01" in banner or "⏱ 0:00" in banner or "TIME IS UP" in banner
        await wait_for(pilot, lambda: "TIME IS UP — decide now" in shown(app, "#banner"), "time is up", seconds=60)
        assert app.screen.query_one("#banner").has_class("-time-up")
        assert [e.kind for e in session.events].count("timer_expired") == 1
        assert any("Time is up: Team Blue — Blue Navy, decide now." in n for n in told)
        await pilot.press("1")
        await type_text(pilot, "late")
        await pilot.press("enter")
        await wait_for(pilot, lambda: [e.kind for e in session.events][-2:] == ["decide", "timer_started"],
                       "the late decision and the next turn's timer", seconds=60)  # a busy machine may lag
        assert session.turn == 2
    session.close()


async def test_refusals_are_told_in_words(harbour_game: GameSession) -> None:
    app = make_game_app(harbour_game)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert "the dice are rolled only at chance nodes" in notes(app)[-1]
        await pilot.press("o")
        assert "there is no roll to override" in notes(app)[-1]
        await pilot.press("u")
        assert "nothing to undo" in notes(app)[-1]
        await pilot.press("3")                  # locked at the start (tension too low)
        assert "option 3 is locked" in notes(app)[-1]
        await pilot.press("9")
        assert "there is no option 9 here" in notes(app)[-1]
        await pilot.press("1", "escape")        # a cancelled rationale prompt makes no move
        assert harbour_game.turn == 1 and isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Undo the last")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "nothing to undo" in notes(app)[-1]


MARKUP_SCENARIO = """\
format: 1
id: markup
title: "[bold]Title[/] [/]"
actors:
  a: {name: "[red]Alpha[/]", briefing: "Brief [b]x[/b] [/]", objectives: ["[/] win"]}
start: n1
nodes:
  n1:
    kind: decision
    actor: a
    title: "Node [/] one"
    options:
      - {label: "Go [/]", to: end}
  end: {kind: outcome, title: "End [@click=app.quit]x[/]", payoffs: {a: 1}}
"""


async def test_scenario_and_team_text_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP_SCENARIO, encoding="utf-8")
    load = load_scenario(path)
    assert load.ok, load.problems.sorted()
    session = GameSession.create(load, tmp_path / "m.sqlite", teams=Teams.from_pairs([("a", "[b]Red[/]")]), seed=3)
    app = make_game_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app, "#banner").startswith("▌ Team [b]Red[/] — [red]Alpha[/] decides")
        assert "[bold]Title[/] [/]" in shown(app, "#title-bar")
        await pilot.press("b")
        assert "[red]Alpha[/]" in shown(app, ".prompt-title")
        await pilot.press("escape", "1")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "[/] because")
        await pilot.press("enter")
        await pilot.pause()
        assert session.finished
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Rationale: [/] because" in shown(app, "#debrief-path")
        assert "End [@click=app.quit]x[/]" in shown(app, "#debrief-0")
    session.close()
