"""Seats notice other seats' moves within a second: the `Watch` API and `explorer join --follow`."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from explorer.game.events import Event
from explorer.game.session import GameSession
from explorer.game.watch import Watch
from tests.support.processes import ROOT, LineReader, run_python

MOVE = """
import sys
from explorer.game.session import GameSession
with GameSession.resume(sys.argv[1], log=False) as game:
    game.decide(int(sys.argv[2]), "from another process")
"""


def test_a_poll_with_nothing_new_is_empty_and_another_process_move_shows(game: GameSession) -> None:
    with Watch.session(game) as watch:
        assert watch.poll() == [] and watch.poll() == []
        done = run_python(MOVE, str(game.store.path), "0")
        assert done.returncode == 0, done.stderr
        new = watch.poll()
        assert [(e.kind, e.seat, e.body.label) for e in new] == [("decide", "facilitator", "Offer a freeze")]
        assert watch.poll() == [] and watch.last_seq == new[-1].seq
    assert [e.seq for e in game.refresh()] == [new[-1].seq]


def test_a_watch_thread_calls_back_with_each_batch(game: GameSession) -> None:
    got: list[list[Event]] = []
    arrived = threading.Event()

    def on_events(events: list[Event]) -> None:
        got.append(events)
        arrived.set()

    watch = Watch.session(game, interval=0.05)
    watch.start(on_events)
    try:
        done = run_python(MOVE, str(game.store.path), "1")
        assert done.returncode == 0, done.stderr
        assert arrived.wait(10)
        assert [e.body.label for batch in got for e in batch] == ["Walk out"]
    finally:
        watch.close()
    with pytest.raises(ValueError, match="within a second"):
        Watch(game.store.path, interval=2)


def test_seats_following_the_game_see_the_facilitators_override_within_a_second(
        game: GameSession, codes: dict[str, str]) -> None:
    followers = {team: subprocess.Popen(
        [sys.executable, "-m", "explorer", "join", str(game.store.path), "--code", code, "--follow"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for team, code in codes.items()}
    readers = {team: LineReader(proc) for team, proc in followers.items()}
    try:
        for reader in readers.values():
            reader.wait_for("following the game")
        game.decide(1, "FACILITATOR-FOR-NORTH: walk out")  # the facilitator enters North's decision
        for reader in readers.values():
            reader.wait_for("chose 2. “Walk out”")
        game.roll()
        rolled = game.events[-1].body
        game.override(1 - rolled.option, "OVERRIDE-REASON: the class argued it through")
        committed = time.monotonic()
        delays = {team: reader.wait_for("OVERRIDE-REASON", timeout=10) - committed for team, reader in readers.items()}
        assert all(delay < 1.0 for delay in delays.values()), delays
        for reader in readers.values():
            reader.wait_for(f"turn {game.turn}: {game.banner}")
    finally:
        for proc in followers.values():
            proc.send_signal(signal.SIGINT)
        results = {team: proc.communicate(timeout=30) for team, proc in followers.items()}
    assert all(proc.returncode == 0 for proc in followers.values()), results
    assert all("Traceback" not in err for _, err in results.values())
    north, south = readers["North"].text(), readers["South"].text()
    assert "FACILITATOR-FOR-NORTH" in north  # North's own decision, entered for it
    assert "FACILITATOR-FOR-NORTH" not in south and "private until the debrief" in south  # shown while in play
    assert "SECRET-NORTH" in north and "SECRET-NORTH" not in south and "SECRET-SOUTH" in south
