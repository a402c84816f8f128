"""A game process killed with SIGKILL loses nothing it committed, and resumes where it stopped."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from explorer.game.session import GameSession
from tests.support.processes import run_python

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

PLAY_THEN_DIE = """
import os, signal, sys
from explorer.game.session import GameSession

session = GameSession.resume(sys.argv[1])
session.start_timer()
session.decide(1, "mass troops: show resolve")   # → the border chance node
record = session.roll()
print(session.turn, session.node_id, record.value, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""

DIE_MID_TRANSACTION = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("BEGIN IMMEDIATE")
for n in range(1000):   # enough rows (4 MB) to spill pages into the WAL before the commit that never comes
    db.execute("INSERT INTO events (time, turn, seat, kind, node, payload, state) "
               "VALUES ('2020-01-01T00:00:00.000Z', 99, 'facilitator', 'timer_started', 'x', ?, '{}')",
               ('{"seconds": 1}' + ' ' * 4000,))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_resume_after_sigkill_after_a_move_loses_nothing(game: GameSession) -> None:
    path = game.store.path
    game.close()
    done = run_python(PLAY_THEN_DIE, str(path))
    assert done.returncode == -signal.SIGKILL, done.stderr
    turn, node, value = done.stdout.split()
    resumed = GameSession.resume(path)
    kinds = [e.kind for e in resumed.events]
    assert kinds == ["started", "resumed", "timer_started", "decide", "roll", "resumed"]
    assert resumed.events[3].body.rationale == "mass troops: show resolve"
    assert resumed.turn == int(turn) and resumed.node_id == node
    assert resumed.entries[-1].roll is not None and resumed.entries[-1].roll.value == float(value)
    resumed.decide(0, "go on")  # and the game goes on
    resumed.close()


def test_a_transaction_cut_by_a_kill_is_not_there_after_resume(game: GameSession) -> None:
    game.decide(0, "talk")
    path, before = game.store.path, [e.seq for e in game.events]
    game.close()
    done = run_python(DIE_MID_TRANSACTION, str(path))
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert Path(f"{path}-wal").stat().st_size > 1_000_000  # uncommitted frames reached the file
    resumed = GameSession.resume(path)
    assert [e.seq for e in resumed.events][: len(before)] == before
    assert [e.kind for e in resumed.events[len(before):]] == ["resumed"]
    assert resumed.node_id == "blue_answers" and resumed.turn == 2
    resumed.close()


def test_a_torn_write_at_the_end_of_the_wal_is_ignored(game: GameSession) -> None:
    path = game.store.path
    game.close()
    done = run_python(PLAY_THEN_DIE, str(path))  # killed: the WAL is left as it was, not checkpointed
    assert done.returncode == -signal.SIGKILL, done.stderr
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0
    with wal.open("ab") as handle:
        handle.write(os.urandom(5000))  # half-written frames after the last commit
    resumed = GameSession.resume(path)
    assert [e.kind for e in resumed.events] == ["started", "resumed", "timer_started", "decide", "roll", "resumed"]
    resumed.close()


CREATE_THEN_DIE = """
import os, signal, sys
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario

session = GameSession.create(load_scenario(sys.argv[1]), sys.argv[2], teams=Teams.from_pairs([("red", "Red")]), seed=3)
session.decide(1, "before anything was ever checkpointed")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_game_killed_before_it_was_ever_closed_resumes(crisis: Path, tmp_path: Path) -> None:
    store = tmp_path / "fresh.sqlite"
    done = run_python(CREATE_THEN_DIE, str(crisis), str(store))
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert Path(f"{store}-wal").stat().st_size > 0  # the moves are still only in the WAL
    resumed = GameSession.resume(store)
    assert [e.kind for e in resumed.events] == ["started", "decide", "resumed"]
    assert resumed.teams.members == {"Red": ("red",)} and resumed.meta.seed == 3
    assert resumed.node_id == "border_chance"
    resumed.close()
