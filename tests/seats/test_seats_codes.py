"""Join codes, and the store's schema versions 2 (which added them) and 3 (longer codes, join
attempts): new stores and upgraded old ones."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.game import joincodes
from explorer.game.joincodes import ALPHABET, JoinRefused, normalize, shown
from explorer.game.session import GameSession
from explorer.game.store import SCHEMA_VERSION, Store
from tests.support.processes import start_python, wait_for_files


def test_codes_are_long_and_unambiguous_and_typed_loosely() -> None:
    codes = {joincodes.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 9 and set(c) <= set(ALPHABET) for c in codes)
    assert len(ALPHABET) ** 9 > 10**13  # a class period of unhindered guessing finds none
    assert not set(ALPHABET) & set("0O1IL U")
    assert shown("K7M4QX9TZ") == "K7M-4QX-9TZ" and shown("K7M4QX") == "K7M-4QX"
    for typed in ("K7M-4QX-9TZ", "k7m4qx9tz", " k7m 4qx 9tz ", "K7M_4QX_9TZ"):
        assert normalize(typed) == "K7M4QX9TZ"
    assert normalize("k7m-4qx") == "K7M4QX"  # a code of an older game
    for typed, words in (("K7M-4QO", "'O'"), ("K7M-4Q", "9 characters"), ("K7M-4QXX", "9 characters"), (" - ", "no join code")):
        with pytest.raises(JoinRefused, match=words):
            normalize(typed)


def test_explorer_game_prints_one_code_per_team(tmp_path: Path, summit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "class.sqlite"
    argv = ["game", str(summit), "--store", str(store), "--team", "north=Red", "--team", "south=Blue", "--team", "west=Red"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    printed = dict(re.findall(r"Team (\w+): .* — join code (\w{3}-\w{3}-\w{3})", out))
    with Store.open(store) as opened:
        stored = opened.join_codes()
    assert list(stored) == ["Red", "Blue"] and {t: shown(c) for t, c in stored.items()} == printed
    assert f"explorer join {store} --code CODE" in out
    assert main(["game", "--resume", str(store)]) == 0  # the facilitator can print them again
    assert dict(re.findall(r"Team (\w+): .* — join code (\w{3}-\w{3}-\w{3})", capsys.readouterr().out)) == printed


def _make_v1(game: GameSession) -> tuple[Path, list[tuple]]:
    """Turn `game`'s store into what version 1 wrote: no seats table, user_version 1."""
    game.decide(0, "before the upgrade")
    path = game.store.path
    game.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE seats")
    db.execute("DROP TABLE join_attempts")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.execute("PRAGMA user_version=1")
    events = db.execute("SELECT * FROM events ORDER BY seq").fetchall()
    db.close()
    return path, events


def test_a_version_1_store_is_upgraded_when_opened(game: GameSession, capsys: pytest.CaptureFixture[str]) -> None:
    path, events = _make_v1(game)
    assert main(["log", str(path)]) == 0 and "Team North for Northland chose 1. “" in capsys.readouterr().out
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)
    assert db.execute("SELECT * FROM events ORDER BY seq").fetchall() == events  # events untouched
    db.close()
    with GameSession.resume(path) as resumed:
        codes = resumed.store.join_codes()
        assert list(codes) == ["North", "South", "West"] and resumed.turn == 2
        assert resumed.meta.schema_version == SCHEMA_VERSION
        assert all(len(code) == 9 for code in codes.values())
    assert main(["join", str(path), "--code", codes["South"]]) == 0
    assert "your move (turn 2) for Southland" in capsys.readouterr().out


UPGRADER = """
import os, sys, time
from explorer.game.store import Store
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.002)
with Store.open(sys.argv[1]) as store:
    print(sorted(store.join_codes().items()))
"""


def test_processes_opening_a_version_1_store_at_once_upgrade_it_once(tmp_path: Path, game: GameSession) -> None:
    path, _ = _make_v1(game)
    go = tmp_path / "go"
    ready = [tmp_path / f"ready{i}" for i in range(3)]
    procs = [start_python(UPGRADER, str(path), str(r), str(go)) for r in ready]
    wait_for_files(ready, procs)
    go.touch()
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert len({out for out, _ in outputs}) == 1  # all three see the same codes
    with Store.open(path) as store:
        assert str(sorted(store.join_codes().items())) == outputs[0][0].strip()


def _make_v2(game: GameSession) -> tuple[Path, dict[str, str]]:
    """Turn `game`'s store into what version 2 wrote: six-character codes, no join_attempts table."""
    path = game.store.path
    teams = list(game.store.join_codes())
    game.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE join_attempts")
    db.execute("DROP TABLE seats")
    db.execute(joincodes.SEATS_DDL.replace("IN (6, 9)", "= 6"))
    old = {team: f"{i + 2}{i + 2}{i + 2}AAA" for i, team in enumerate(teams)}
    db.executemany("INSERT INTO seats VALUES (?, ?)", list(old.items()))
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.execute("PRAGMA user_version=2")
    db.close()
    return path, old


def test_a_version_2_store_keeps_its_six_character_codes(game: GameSession, capsys: pytest.CaptureFixture[str]) -> None:
    path, old = _make_v2(game)
    assert main(["join", str(path), "--code", shown(old["South"]).lower()]) == 0
    assert "South" in capsys.readouterr().out
    with Store.open(path) as store:
        assert store.join_codes() == old
        assert [(a.client, a.joined) for a in store.join_attempts()] == [("terminal", 1)]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
