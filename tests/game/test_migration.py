"""Stores written by older explorers open, are upgraded in place, and play on; their events are kept as written.

`fixtures/v2_game.sqlite` was written by the explorer at game schema version 2 (six-character join
codes), `fixtures/v3_game.sqlite` at version 3 (join attempts; before rounds were played in games):
both a game of the crisis scenario, Red and Blue teams, seed 42, a 60 s timer; Red massed troops and
the dice rolled "Shots fired".
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.game.session import GameSession
from explorer.game.store import SCHEMA_VERSION
from tests.game.game_helpers import FIXTURES

OLD_EVENTS = ["started", "timer_started", "decide", "roll"]
VERSIONS = (2, 3)


def _old_copy(tmp_path: Path, version: int) -> Path:
    store = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"v{version}_game.sqlite", store)
    return store


@pytest.mark.parametrize("version", VERSIONS)
def test_the_old_fixtures_are_what_they_say(tmp_path: Path, version: int) -> None:
    db = sqlite3.connect(_old_copy(tmp_path, version))
    assert db.execute("PRAGMA user_version").fetchone()[0] == version
    assert [row[0] for row in db.execute("SELECT kind FROM events ORDER BY seq")] == OLD_EVENTS
    db.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_an_old_store_is_upgraded_and_plays_on(tmp_path: Path, crisis: Path, version: int) -> None:
    store = _old_copy(tmp_path, version)
    payloads = [row[0] for row in sqlite3.connect(store).execute("SELECT payload FROM events ORDER BY seq")]
    with GameSession.resume(store, scenario=crisis, log=False) as session:
        assert [e.kind for e in session.events] == OLD_EVENTS
        assert session.node_id == "green_mediates" and session.turn == 3
        assert session.events[2].body.rationale == "mass troops: show resolve"
        assert session.meta.schema_version == SCHEMA_VERSION
        session.decide(0, "mediate")
        assert session.node_id == "talks_chance"
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [row[0] for row in db.execute("SELECT payload FROM events ORDER BY seq")][:4] == payloads
    db.close()
