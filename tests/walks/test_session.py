"""A solo walk saved as it goes: every action in the journal, resumed with its notes, mark and
sightings; a line cut short by a crash is left out; another scenario's walk is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.graph import ScenarioGraph
from explorer.loading import load_text
from explorer.walks.journal import JournalError, latest, new_path, read
from explorer.walks.session import WalkSession
from tests.tui.tui_helpers import FIXTURE, ROUNDS, load_graph


def _session(graph: ScenarioGraph, folder: Path, seed: int = 5) -> WalkSession:
    return WalkSession.start(graph, seed, new_path(graph.scenario.id, folder), "fixture.yaml", "sha256:x")


def test_nothing_is_written_until_the_first_action(tmp_path: Path) -> None:
    session = _session(load_graph(FIXTURE), tmp_path)
    assert session.journal is not None and not session.journal.path.exists()
    session.take(0)
    contents = read(session.journal.path)
    assert contents.header.seed == 5 and contents.header.scenario_id == "harbour"
    assert contents.events == [{"op": "take", "index": 0}] and not contents.torn


def test_resume_brings_back_the_walk_its_notes_mark_and_sightings(tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    session = _session(graph, tmp_path)
    session.note("before anything moved")
    session.take(1)  # Sail a frigate → the standoff (a chance node)
    session.roll()
    session.back()
    session.roll()  # the same draw again
    rolled = session.walk.history[-1].roll
    session.mark()
    session.back()
    session.take(0)  # pick the collision by hand
    session.note("the collision, picked by hand")
    session.note("after the frigate", steps=1)
    assert session.journal is not None
    resumed, how = WalkSession.resume(graph, session.journal.path)
    assert how.replayed == how.total == 10 and not how.stopped and "10 of 10" in how.summary
    assert resumed.walk.node_id == session.walk.node_id and resumed.walk.state == session.walk.state
    assert [s.index for s in resumed.walk.history] == [s.index for s in session.walk.history]
    assert resumed.notes == session.notes and resumed.note_at(0) == "before anything moved"
    assert resumed.note_at(1) == "after the frigate" and resumed.note_at() == "the collision, picked by hand"
    assert resumed.marked is not None and resumed.marked.history[-1].roll == rolled
    assert resumed.seen == session.seen and resumed.endings == session.endings
    resumed.back()  # and it goes on saving in the same file
    assert read(session.journal.path).events[-1] == {"op": "back"}


def test_rounds_and_rerolls_replay(tmp_path: Path) -> None:
    graph = load_graph(ROUNDS)
    session = _session(graph, tmp_path)
    session.resolve({"south": 1})  # South arms: to the standoff
    session.roll()
    session.reroll()
    assert session.journal is not None
    resumed, how = WalkSession.resume(graph, session.journal.path)
    assert how.replayed == 3 and resumed.walk.history[0].play == session.walk.history[0].play
    assert resumed.walk.history[-1].roll == session.walk.history[-1].roll and resumed.walk.history[-1].roll.attempt == 1


def test_a_line_cut_short_by_a_crash_is_left_out(tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    session = _session(graph, tmp_path)
    session.take(0)
    session.take(0)
    assert session.journal is not None
    with session.journal.path.open("a", encoding="utf-8") as out:
        out.write('{"op": "tak')  # the crash came mid-write
    resumed, how = WalkSession.resume(graph, session.journal.path)
    assert how.torn and how.replayed == 2 and "cut short" in how.summary
    assert len(resumed.walk.history) == 2


def test_a_walk_that_no_longer_fits_stops_where_it_must(tmp_path: Path, tiny_yaml: str) -> None:
    graph = load_text(tiny_yaml, "tiny.yaml").graph
    session = _session(graph, tmp_path)
    session.take(1)
    session.roll()
    assert session.journal is not None
    changed = load_text(tiny_yaml.replace("{label: Threaten,", "{label: Threaten, requires: 'tension >= 9',"),
                        "tiny.yaml").graph
    resumed, how = WalkSession.resume(changed, session.journal.path)
    assert how.replayed == 0 and "action 1 (take) no longer fits the scenario" in how.stopped
    assert resumed.walk.node_id == changed.start


def test_another_scenarios_walk_or_a_stranger_file_is_refused(tmp_path: Path) -> None:
    session = _session(load_graph(FIXTURE), tmp_path)
    session.take(0)
    assert session.journal is not None
    with pytest.raises(JournalError, match="is a walk of 'harbour', not of 'rounds_fixture'"):
        WalkSession.resume(load_graph(ROUNDS), session.journal.path)
    stranger = tmp_path / "notes.txt"
    stranger.write_text("hello\n", encoding="utf-8")
    with pytest.raises(JournalError, match="not a saved walk"):
        read(stranger)
    damaged = tmp_path / "damaged.walk.jsonl"
    damaged.write_text(session.journal.path.read_text(encoding="utf-8") + "garbage\n" + json.dumps({"op": "back"}) + "\n",
                       encoding="utf-8")
    with pytest.raises(JournalError, match=":3: this line is not an action"):
        read(damaged)


def test_latest_finds_the_newest_walk_of_a_scenario(tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    assert latest(graph.scenario.id, tmp_path) is None
    first = _session(graph, tmp_path)
    first.take(0)
    second = _session(graph, tmp_path)
    second.take(1)
    assert second.journal is not None and latest(graph.scenario.id, tmp_path) == second.journal.path
    assert latest("rounds_fixture", tmp_path) is None


def test_resume_says_when_the_scenario_changed_since_the_walk_was_saved(tmp_path: Path) -> None:
    graph = load_graph(FIXTURE)
    session = WalkSession.start(graph, 5, new_path(graph.scenario.id, tmp_path), "fixture.yaml", "sha256:then")
    session.take(0)
    _, same = WalkSession.resume(graph, session.journal.path, keep=False, scenario_hash="sha256:then")
    assert not same.scenario_changed and "changed" not in same.summary
    _, changed = WalkSession.resume(graph, session.journal.path, keep=False, scenario_hash="sha256:now")
    assert changed.scenario_changed and "the scenario changed since the walk was saved" in changed.summary
