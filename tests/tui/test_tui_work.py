"""Keeping an analyst's work in the solo explorer: notes on steps, a walk marked and compared with
another branch and the historical path, the endings reached, the walk exported as Markdown, and a walk
killed with SIGKILL that `--resume` brings back whole."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from explorer.cli import main
from explorer.tui.app import ExplorerApp, make_app
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.work_screens import CompareScreen, EndingsScreen, NoteScreen
from explorer.tui.widgets.path_panel import PathPanel
from explorer.tui.widgets.wrapped import Wrapped
from explorer.walks.journal import new_path, read
from explorer.walks.session import WalkSession
from tests.support.processes import run_python
from tests.tui.test_tui_analysis import _settle
from tests.tui.tui_helpers import FIXTURE, ROUNDS, SIZE, load_graph, notes


def _text(screen, selector: str = "") -> str:
    widgets = screen.query(selector or Wrapped)
    return "\n".join(w.at(w.size.width or 80).plain for w in widgets if isinstance(w, Wrapped))


async def _begin(pilot: Pilot) -> MainScreen:
    await pilot.press("enter")
    await _settle(pilot)
    assert isinstance(pilot.app.screen, MainScreen)
    return pilot.app.screen


def _saved(scenario: Path, folder: Path) -> tuple[WalkSession, ExplorerApp]:
    """A walk saved as it goes in `folder`, and the explorer on it."""
    graph = load_graph(scenario)
    session = WalkSession.start(graph, 3, new_path(graph.scenario.id, folder), str(scenario), "")
    return session, make_app(graph, seed=3, session=session)


async def _write_note(pilot: Pilot, text: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NoteScreen)
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_note_on_a_step_is_kept_shown_on_the_path_and_found_again(tmp_path: Path) -> None:
    session, app = _saved(FIXTURE, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2")
        await _settle(pilot)
        await _write_note(pilot, "the frigate raises the stakes")
        assert session.note_at() == "the frigate raises the stakes"
        assert any("note kept" in n for n in notes(app))
        await pilot.press("f")  # the full path shows it under its step
        await pilot.pause()
        assert "✎ the frigate raises the stakes" in _text(app.screen.query_one(PathPanel))
        await pilot.press("backspace")
        await _settle(pilot)
        assert session.note_at() == ""
        await pilot.press("2")  # the same step again: the note is found again
        await _settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "the frigate raises the stakes"
        await pilot.press("escape")  # cancelled: unchanged
        await pilot.pause()
        assert session.note_at() == "the frigate raises the stakes"
    assert {"op": "note", "at": [["seize", 1, "showdown"]], "text": "the frigate raises the stakes"} in \
        read(session.journal.path).events


async def test_mark_explore_another_branch_and_compare_with_the_historical_path() -> None:
    graph = load_graph(FIXTURE)
    app = make_app(graph, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2")  # Sail a frigate → the standoff (chance)
        await _settle(pilot)
        await pilot.press("k")
        await pilot.pause()
        assert any("Marked" in n for n in notes(app))
        await pilot.press("r", "1")  # another branch: a protest note (the historical one)
        await _settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        names = [line.name for line in screen.comparison.lines]
        assert names == ["This walk", "Marked walk", "Historical"]
        assert screen.comparison.shared == (1, 0, 1) and screen.comparison.split == 0
        table = _text(screen, "#compare-table")
        assert "Tension" in table and "Blue payoff" in table and "(open) The mediator" in table
        lines = " ".join(_text(screen, ".compare-line").split())
        assert "≠ 1. Blue: Sail a frigate" in lines  # the marked walk splits at its first step
        assert "marks no historical move after" in lines
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_endings_reached_are_one_key_away() -> None:
    graph = load_graph(FIXTURE)
    app = make_app(graph, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2", "1")  # the frigate, then a collision: A clash at sea
        await _settle(pilot)
        await pilot.press("escape")  # the outcome screen: look around
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, EndingsScreen)
        text = _text(app.screen)
        assert "1 of 4 endings reached this session" in text
        assert "✓ A clash at sea" in text and "◦ A joint patrol" in text


async def test_the_walk_is_exported_as_markdown_next_to_its_file(tmp_path: Path) -> None:
    session, app = _saved(ROUNDS, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2", "s")  # North probes the border; the round is played
        await _settle(pilot)
        await _write_note(pilot, "after the first round")
        await pilot.press("x")
        await pilot.pause()
        exported = session.journal.path.with_name(session.journal.path.name.removesuffix(".walk.jsonl") + ".md")
        assert any(str(exported.resolve()) in n for n in notes(app))
    text = exported.read_text(encoding="utf-8")
    assert "# A walk through Three capitals, two rounds" in text
    assert "1. **The first round** — North: Probe the border" in text and "> after the first round" in text
    assert "## Compared" in text


PLAY_THEN_DIE = """
import asyncio, os, signal, sys
from pathlib import Path
from textual.widgets import TextArea
from explorer.loading import load_scenario
from explorer.tui.app import ExplorerApp, make_app
from explorer.walks.session import WalkSession

graph = load_scenario(Path(sys.argv[1])).graph
session = WalkSession.start(graph, 11, Path(sys.argv[2]), sys.argv[1], "")
app = make_app(graph, seed=11, session=session)

async def note(pilot, text):
    await pilot.press("n")
    await pilot.pause()
    app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()

async def main():
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await note(pilot, "at the start")
        await pilot.press("2")          # North probes the border (the round's column of North)
        await pilot.press("s")          # the round is played
        await pilot.pause()
        await note(pilot, "after round one")
        await pilot.press("k")          # marked
        await pilot.press("1", "s")     # the second round
        await pilot.pause()
        walk = session.walk
        print(walk.node_id, len(walk.history), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_a_walk_killed_with_sigkill_is_resumed_with_its_moves_notes_and_mark(tmp_path: Path, capsys) -> None:
    file = tmp_path / "walk.walk.jsonl"
    done = run_python(PLAY_THEN_DIE, str(ROUNDS), str(file))
    assert done.returncode == -signal.SIGKILL, done.stderr
    node_id, steps = done.stdout.split()
    graph = load_graph(ROUNDS)
    session, resumed = WalkSession.resume(graph, file)
    assert resumed.replayed == resumed.total and not resumed.stopped and not resumed.torn
    assert session.walk.node_id == node_id and len(session.walk.history) == int(steps)
    assert session.note_at(0) == "at the start" and session.note_at(1) == "after round one"
    assert session.marked is not None and len(session.marked.history) == 1
    app = make_app(graph, session=session, resumed=resumed)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        assert any(f"resumed: {resumed.total} of {resumed.total} action(s) replayed" in n for n in notes(app))
        assert app.walk.node_id == node_id
    # and the command line finds it too: `explorer walk export` replays it with its notes
    assert main(["walk", "export", str(file), "--scenario", str(ROUNDS)]) == 0
    out = capsys.readouterr().out
    assert "> at the start" in out and "> after round one" in out and "| Marked walk |" in out


async def test_the_metrics_chart_follows_the_path() -> None:
    from explorer.tui.screens.chart import ChartScreen, columns

    assert columns([0, 5, 10], 0, 10, rows=1) == [" ▄█"]
    app = make_app(load_graph(FIXTURE), seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await _begin(pilot)
        await pilot.press("2", "1")  # the frigate (Tension +3), a collision (Tension +3): 4 → 7 → 10
        await _settle(pilot)
        await pilot.press("escape", "g")
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        text = _text(app.screen)
        assert "3 positions" in text
        assert "start 4 · low 4 · high 10 · now 10 · scale 0–10" in text  # Tension, on its declared range
        assert "Cost so far" in text and "(the values seen)" in text  # no range: scaled to what was seen


async def test_the_start_screen_offers_the_last_saved_walk(tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    saved = WalkSession.start(graph, 3, new_path(graph.scenario.id, tmp_path), str(FIXTURE), "")
    saved.take(1)
    saved.note("kept from last time")
    app = make_app(graph, seed=9, resumable=saved.journal.path)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        card = str(app.screen.query_one("#start-card").render())
        assert "c continues your last walk of this scenario (saved " in card
        await pilot.press("c")
        await _settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.walk.node_id == "showdown" and app.session.note_at() == "kept from last time"
        assert app.session.seed == 3 and any("resumed: 2 of 2 action(s) replayed" in n for n in notes(app))
    fresh = make_app(graph, seed=9)  # nothing saved: nothing offered, c does nothing
    async with fresh.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert "continues" not in str(fresh.screen.query_one("#start-card").render())
        await pilot.press("c")
        await _settle(pilot)
        assert not isinstance(fresh.screen, MainScreen)
