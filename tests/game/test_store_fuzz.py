"""Damaged game stores, by random byte flips and by hand-made events: every command that reads a
store says in words that it is damaged (never a traceback), and `explorer log` still shows the
events that can be read. Bounded: a fixed number of seeded flips and generated events."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.game.errors import GameError
from explorer.game.session import GameSession
from explorer.game.store import Store

FLIPS = 160
"""Seeded random damages of the store file (one to four bytes each)."""
COMMANDS = (["log"], ["log", "--jsonl"], ["report", "--no-analysis"], ["join", "--code", "222-222", "--once"],
            ["game", "--resume", "--no-tui"])


@pytest.fixture
def played(game: GameSession) -> Path:
    """A closed store with a few moves and long texts (so flips land inside text values too)."""
    game.start_timer()
    game.decide(1, "a rationale " * 40)  # Mass troops: to the border chance node
    game.roll()
    game.undo("taking the roll back " * 10)
    game.close()
    return game.store.path


def _argv(command: list[str], path: Path) -> list[str]:
    if command[0] == "game":
        return [*command[:2], str(path), *command[2:]]  # game --resume FILE
    return [command[0], str(path), *command[1:]]


def _run(command: list[str], path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(_argv(command, path))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err
    if code:
        assert err.strip() and all(line.startswith("explorer ") for line in err.strip().splitlines()), err


@pytest.mark.parametrize("seed", range(4))
def test_byte_flips_give_words_never_a_traceback(played: Path, tmp_path: Path, seed: int,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(seed)
    original = played.read_bytes()
    damaged_ones = 0
    for trial in range(FLIPS // 4):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        target = tmp_path / f"flip{seed}-{trial}.sqlite"
        target.write_bytes(bytes(data))
        try:
            with Store.open(target) as store:
                store.events()
        except GameError:
            damaged_ones += 1
        for command in COMMANDS[:3]:
            _assert_clean(*_run(command, target, capsys))
        for leftover in tmp_path.glob(f"flip{seed}-{trial}.sqlite*"):
            leftover.unlink()
    assert damaged_ones  # some flips did damage something


def _insert(path: Path, kind: str, payload: object, state: object = "{}", *, turn: int = 50,
            team: object = None, actor: object = None, seat: object = "facilitator") -> None:
    db = sqlite3.connect(path)
    text = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    db.execute("INSERT INTO events (time, turn, seat, team, actor, kind, node, payload, state) VALUES (?,?,?,?,?,?,?,?,?)",
               ("2019-06-30T09:15:02.123Z", turn, seat, team, actor, kind, "red_opens", text, state))
    db.commit()
    db.close()


HAND_MADE = [
    ("decide", "[" * 100_000 + "]" * 100_000),  # nested 100,000 deep
    ("decide", '{"option": ' + "[" * 5000 + "]" * 5000 + "}"),
    ("started", {"scenario_id": "x", "scenario_title": "x", "scenario_hash": "x", "seed": 1, "timer": None,
                 "teams": {"Red": 5}, "actors": {"red": "Redland"}}),
    ("started", {"scenario_id": "x", "scenario_title": "x", "scenario_hash": "x", "seed": 1, "timer": None,
                 "teams": {"Red": [1, None]}, "actors": {"red": ["not", "a", "name"]}}),
    ("roll", {"option": 0, "label": "x", "to": "y", "seed": 1, "number": 0, "value": 0.5,
              "bands": [{"option": "zero", "low": "a", "high": None}]}),
    ("decide", {"option": 10**30, "label": "x", "to": "nowhere", "rationale": None}),
    ("decide", {"option": -1, "label": "x", "to": "red_opens", "rationale": "x"}),
    ("inject", {"to": "no_such_node", "to_title": "?", "reason": "x"}),
    ("timer_started", {"seconds": 1e308}),
    ("timer_started", '{"seconds": NaN}'),
    ("resumed", b"\xff\xfe not utf-8"),
    ("no_such_kind", {}),
]


@pytest.mark.parametrize(("kind", "payload"), HAND_MADE, ids=range(len(HAND_MADE)))
def test_hand_made_events_give_words(played: Path, kind: str, payload: object,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _insert(played, kind, payload)
    for command in COMMANDS:
        code, out, err = _run(command, played, capsys)
        _assert_clean(code, out, err)
    code, out, err = _run(["log"], played, capsys)
    assert "#1" in out  # the intact events are still shown


@pytest.mark.parametrize("column", ["time", "seat", "team", "actor", "node", "state"])
def test_a_text_column_with_bytes_that_are_not_utf8_is_damage(played: Path, column: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite3.connect(played)
    db.execute("CREATE TEMP TABLE one AS SELECT * FROM events ORDER BY seq DESC LIMIT 1")
    db.execute(f"UPDATE one SET seq = seq + 100, turn = turn + 100, {column} = CAST(X'C3284142' AS TEXT)")
    db.execute("INSERT INTO events SELECT * FROM one")
    db.commit()
    db.close()
    code, out, err = _run(["log"], played, capsys)
    assert code == 1 and "damaged" in err and "Traceback" not in err
    assert "#1" in out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                            max_leaves=20),
       kind=st.sampled_from(["started", "resumed", "decide", "roll", "override", "inject", "undo", "timer_started",
                             "timer_expired"]))
def test_generated_payloads_give_words(played: Path, tmp_path: Path, payload: object, kind: str) -> None:
    copy = tmp_path / "generated.sqlite"
    shutil.copy(played, copy)
    _insert(copy, kind, json.dumps(payload, allow_nan=True))
    for command in COMMANDS:
        assert main(_argv(command, copy)) in (0, 1, 2)
    copy.unlink()
