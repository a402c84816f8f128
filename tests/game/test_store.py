"""The SQLite store: schema, pragmas, append-only events, the turn check, and refusing bad files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.game.errors import StaleTurn, StoreError
from explorer.game.events import Decided, TimerStarted
from explorer.game.session import GameSession
from explorer.game.store import APPLICATION_ID, SCHEMA_VERSION, Store


def test_a_new_store_has_the_documented_identity_and_settings(game: GameSession) -> None:
    db = sqlite3.connect(game.store.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == "4" and meta["seed"] == "42" and meta["timer"] == "60.0"
    assert meta["scenario_files"] == '["crisis.yaml", "crisis_parts/outcomes.yaml"]'
    assert meta["scenario_hash"].startswith("sha256:")
    assert db.execute("SELECT name FROM teams ORDER BY position").fetchall() == [("Red",), ("Blue",)]
    db.close()
    assert game.store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_events_are_append_only(game: GameSession) -> None:
    game.decide(0, "talk first")
    db = sqlite3.connect(game.store.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE events SET payload = '{}'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM events")
    db.close()


def test_a_move_for_an_old_turn_is_refused_and_nothing_is_written(game: GameSession) -> None:
    store = game.store
    assert store.current_turn() == 1
    game.decide(0, "talk")
    assert store.current_turn() == 2
    count = len(store.events())
    with pytest.raises(StaleTurn) as caught:
        store.append(Decided(1, "Sanction", "green_mediates", None), turn=1, seat="facilitator", team="Blue",
                     actor="blue", node="blue_answers", state={})
    assert (caught.value.expected, caught.value.current) == (1, 2)
    assert len(store.events()) == count
    event = store.append(TimerStarted(60), turn=2, seat="facilitator", team="Blue", actor="blue",
                         node="blue_answers", state={"tension": 2, "trust": 3})
    assert event.turn == 2 and store.current_turn() == 2  # a timer does not end the turn


def test_the_database_itself_allows_one_move_per_turn(game: GameSession) -> None:
    game.decide(0, None)
    db = sqlite3.connect(game.store.path)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO events (time, turn, seat, kind, node, payload, state) "
                   "VALUES ('t', 1, 'facilitator', 'undo', 'x', '{}', '{}')")
    db.close()


def test_changed_notices_commits_from_another_connection(game: GameSession) -> None:
    other = Store.open(game.store.path)
    game.store.changed()
    assert not game.store.changed()
    other.append(TimerStarted(60), turn=None, seat="facilitator", team="Red", actor="red", node="red_opens",
                 state={"tension": 3, "trust": 2})
    assert game.store.changed()
    assert not game.store.changed()
    other.close()


def test_an_existing_file_is_never_overwritten(game: GameSession, crisis: Path) -> None:
    from explorer.loading import load_scenario

    with pytest.raises(StoreError, match="already exists"):
        GameSession.create(load_scenario(crisis), game.store.path)


# --- files that are not (usable) game stores ------------------------------------------------
def _foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()


def _newer(path: Path, source: Path) -> None:
    db = sqlite3.connect(source)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    path.write_bytes(source.read_bytes())


def _truncated(path: Path, source: Path) -> None:
    db = sqlite3.connect(source)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _missing_table(path: Path, source: Path) -> None:
    db = sqlite3.connect(source)
    db.execute("DROP TABLE team_actors")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    path.write_bytes(source.read_bytes())


def _unfinished(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db.execute("CREATE TABLE meta (key TEXT)")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, s: p.write_bytes(os.urandom(4096)), "not an SQLite database"),
        (lambda p, s: p.write_bytes(b""), "is empty"),
        (lambda p, s: p.write_bytes(b"SQLite format 3\x00" + os.urandom(3000)), "damaged|not a game store"),
        (lambda p, s: _foreign(p), "not a scenario explorer game"),
        (_newer, "newer explorer"),
        (_truncated, "damaged"),
        (_missing_table, "team_actors"),
        (lambda p, s: _unfinished(p), "unfinished"),
        (lambda p, s: p.mkdir(), "not a file"),
    ],
    ids=["random", "empty", "bad-pages", "foreign", "newer", "truncated", "missing-table", "unfinished", "folder"],
)
def test_bad_files_give_a_clear_error_and_exit_1(tmp_path: Path, game: GameSession, make, words: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    game.decide(0, "talk")
    game.decide(0, "deal")
    game.close()
    bad = tmp_path / "bad.sqlite"
    make(bad, game.store.path)
    with pytest.raises(StoreError, match=words):
        Store.open(bad)
    for argv in (["log", str(bad)], ["report", str(bad)], ["game", "--resume", str(bad)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.startswith("explorer ") and "error:" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (("t", 2, "facilitator", "decide", "blue_answers", "{not json", "{}"), "event #3 is damaged"),
        (("t", 2, "facilitator", "teleport", "blue_answers", "{}", "{}"), "unknown event kind 'teleport'"),
        (("t", 2, "facilitator", "decide", "blue_answers",
          '{"option": 7, "label": "x", "to": "deal", "rationale": null}', "{}"), "no option 8 here"),
        (("t", 5, "facilitator", "undo", "blue_answers",
          '{"reason": null, "undone": "x", "to": "red_opens"}', "{}"), "made for turn 5"),
    ],
    ids=["bad-json", "unknown-kind", "impossible-move", "wrong-turn"],
)
def test_a_damaged_event_gives_a_clear_error(game: GameSession, row: tuple, words: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    game.decide(0, "talk")
    path = game.store.path
    game.close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO events (time, turn, seat, kind, node, payload, state) VALUES (?,?,?,?,?,?,?)", row)
    db.commit()
    db.close()
    assert main(["report", str(path), "--no-analysis"]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.splitlines()) == 1
