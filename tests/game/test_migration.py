"""Stores written by older explorers open, are upgraded in place, and play on; their events are kept as written.

`fixtures/v2_game.sqlite` was written by the explorer at game schema version 2 (before rounds were
played in games): a game of the crisis scenario, Red and Blue teams, seed 42, a 60 s timer; Red
massed troops and the dice rolled "Shots fired".
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from explorer.game.session import GameSession
from explorer.game.store import SCHEMA_VERSION
from tests.game.game_helpers import FIXTURES

V2_EVENTS = ["started", "timer_started", "decide", "roll"]


def _v2_copy(tmp_path: Path) -> Path:
    store = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "v2_game.sqlite", store)
    return store


def test_the_version_2_fixture_is_what_it_says(tmp_path: Path) -> None:
    db = sqlite3.connect(_v2_copy(tmp_path))
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert [row[0] for row in db.execute("SELECT kind FROM events ORDER BY seq")] == V2_EVENTS
    db.close()


def test_a_version_2_store_is_upgraded_and_plays_on(tmp_path: Path, crisis: Path) -> None:
    store = _v2_copy(tmp_path)
    payloads = [row[0] for row in sqlite3.connect(store).execute("SELECT payload FROM events ORDER BY seq")]
    with GameSession.resume(store, scenario=crisis, log=False) as session:
        assert [e.kind for e in session.events] == V2_EVENTS
        assert session.node_id == "green_mediates" and session.turn == 3
        assert session.events[2].body.rationale == "mass troops: show resolve"
        assert session.meta.schema_version == SCHEMA_VERSION
        session.decide(0, "mediate")
        assert session.node_id == "talks_chance"
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [row[0] for row in db.execute("SELECT payload FROM events ORDER BY seq")][:4] == payloads
    db.close()
