"""Live reload through rounds and into a saved walk: a round replays by its moves' ids and stops, saying
why, when a move is gone; a saved walk goes on in a new file that replays on the edited scenario."""

from __future__ import annotations

from pathlib import Path

from explorer.reload import StopReason, replay
from explorer.walk import Dice, Walk
from explorer.walks.journal import new_path, read
from explorer.walks.session import WalkSession
from tests.tui.tui_helpers import ROUNDS, graph_from_text, load_graph


def test_a_round_replays_by_move_ids_and_keeps_path_dice() -> None:
    old = load_graph(ROUNDS)
    walk = Walk(old, 4, dice=Dice.PATH)
    walk.resolve({"north": 0})  # talks → the table
    new = graph_from_text(ROUNDS.read_text(encoding="utf-8").replace("label: Offer talks", "label: Talk now"))
    done = replay(old, walk.history, new, seed=4, dice=Dice.PATH)
    assert done.complete and done.walk.node_id == "table" and done.walk.dice is Dice.PATH
    assert done.walk.history[0].play is not None and done.walk.history[0].play.move_of("north") == 0


def test_a_round_whose_move_is_gone_stops_there() -> None:
    old = load_graph(ROUNDS)
    walk = Walk(old, 4)
    walk.resolve({"north": 0})
    new = graph_from_text(ROUNDS.read_text(encoding="utf-8").replace("{id: talk,", "{id: chat,")
                          .replace("count(talk)", "count(chat)"))
    done = replay(old, walk.history, new, seed=4)
    assert not done.complete and done.replayed == 0 and done.stop is not None
    assert done.stop.reason is StopReason.OPTION_GONE and "Offer talks" in done.stop.detail


def test_a_saved_walk_goes_on_in_a_new_file_after_a_reload(tmp_path: Path) -> None:
    old = load_graph(ROUNDS)
    session = WalkSession.start(old, 4, new_path(old.scenario.id, tmp_path), str(ROUNDS), "")
    session.resolve({"north": 0})
    session.note("at the table")
    first = session.journal.path
    new = graph_from_text(ROUNDS.read_text(encoding="utf-8").replace("label: Offer talks", "label: Talk now"))
    session.adopt(replay(old, session.walk.history, new, seed=4, dice=Dice.PATH).walk, "sha256:new")
    assert session.graph is new and session.note_at() == "at the table" and session.marked is None
    assert session.journal.path != first
    again, resumed = WalkSession.resume(new, session.journal.path)
    assert resumed.replayed == resumed.total == 2 and again.walk.node_id == "table"
    assert again.note_at() == "at the table" and read(session.journal.path).header.scenario_hash == "sha256:new"
