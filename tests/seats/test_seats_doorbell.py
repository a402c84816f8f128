"""Seats learn of a move when it is committed (`doorbell`), not at their next poll; without bells they poll.

No wall-clock limits: a watch whose safety look is an hour away can only see a move in time by its
bell, so the generous waits below fail only when the bell does not ring (a hang), never on a busy machine.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.game import doorbell
from explorer.game.doorbell import Bell
from explorer.game.events import Event
from explorer.game.session import GameSession
from explorer.game.watch import Watch
from tests.support.processes import run_python

HOUR = 3600.0
HANG = 60.0
MOVE = """
import sys
from explorer.game.session import GameSession
with GameSession.resume(sys.argv[1], log=False) as game:
    game.decide(int(sys.argv[2]), "from another process")
"""


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path (a socket's address is at most ~100 bytes)."""
    with tempfile.TemporaryDirectory(dir="/tmp" if os.path.isdir("/tmp") else None) as folder:
        yield Path(folder)


def collect(watch: Watch) -> tuple[list[list[Event]], threading.Event]:
    got: list[list[Event]] = []
    arrived = threading.Event()

    def on_events(events: list[Event]) -> None:
        got.append(events)
        arrived.set()

    watch.start(on_events)
    return got, arrived


def test_a_move_by_another_process_rings_the_watch_long_before_its_next_look(game: GameSession) -> None:
    watch = Watch(game.store.path, after=game.state.last_seq, interval=1, safety=HOUR)
    try:
        assert watch.rung
        got, arrived = collect(watch)
        done = run_python(MOVE, str(game.store.path), "1")
        assert done.returncode == 0, done.stderr
        assert arrived.wait(HANG), "the commit did not ring the watch"
        assert [e.body.label for batch in got for e in batch] == ["Walk out"]
    finally:
        watch.close()


def test_a_move_in_this_process_rings_a_following_watch(game: GameSession) -> None:
    with Watch(game.store.path, after=game.state.last_seq, interval=1, safety=HOUR) as watch:
        threading.Timer(0.05, lambda: game.decide(0, "from this process")).start()
        batches = watch.follow(timeout=HANG)
        assert [e.body.label for e in next(batches)] == ["Offer a freeze"]


def test_stop_rings_the_watch_so_close_returns_at_once(game: GameSession) -> None:
    watch = Watch(game.store.path, after=game.state.last_seq, interval=1, safety=HOUR)
    collect(watch)
    closing = threading.Thread(target=watch.close)
    closing.start()
    closing.join(HANG)
    assert not closing.is_alive(), "close waited for the safety look"


def test_without_bells_the_watch_polls_and_still_sees_every_move(game: GameSession, short_tmp: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shared = short_tmp / "bells"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # a folder others may write to: no bells in it
    monkeypatch.setattr(doorbell, "base_folder", lambda: shared)
    for bell in (True, False):
        with Watch.session(game, interval=0.05, bell=bell) as watch:
            assert not watch.rung
            got, arrived = collect(watch)
            game.decide(0, "seen by polling")
            assert arrived.wait(HANG)
            assert [(e.kind, e.body.label) for batch in got for e in batch] == [("decide", "Offer a freeze")]
        game.undo()
    assert list(shared.iterdir()) == []  # nothing rung into a folder others may use
    assert doorbell.ring(doorbell.folder_for(game.store.path)) == 0


def test_a_ring_skips_bells_nobody_holds_and_removes_them(game: GameSession) -> None:
    bell = Bell.open(game.store.path)
    assert bell is not None
    folder = Path(bell.address).parent
    gone = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # a bell whose process ended without closing it
    gone.bind(str(folder / "1-dead"))
    gone.close()
    try:
        assert not bell.wait(0)
        assert doorbell.ring(folder) == 1
        assert not (folder / "1-dead").exists()
        assert bell.wait(HANG) and not bell.wait(0)  # every waiting ring read at once
        game.decide(0, "rings")  # the store rings after each commit
        assert bell.wait(HANG)
    finally:
        bell.close()
    assert not folder.exists()  # the last bell takes the store's folder down


def test_a_store_that_does_not_exist_has_no_bells(short_tmp: Path) -> None:
    assert doorbell.folder_for(short_tmp / "missing.sqlite") is None
    assert Bell.open(short_tmp / "missing.sqlite") is None
    assert doorbell.ring(None) == 0


def test_the_safety_look_is_never_more_often_than_the_poll(game: GameSession) -> None:
    with pytest.raises(ValueError, match="at least as often"):
        Watch(game.store.path, interval=0.5, safety=0.1)


def test_a_commit_that_did_not_ring_turns_the_watch_to_polling(game: GameSession,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doorbell, "ring", lambda folder: 0)  # a committer that rings no bells (another temp folder)
    wait = Bell.wait
    moves: list[Event] = []

    def move_then_wait(bell: Bell, timeout: float) -> bool:
        if not moves:  # while the watch waits for its first ring
            moves.append(game.decide(0, "unannounced"))
        return wait(bell, timeout)

    monkeypatch.setattr(Bell, "wait", move_then_wait)
    with Watch(game.store.path, after=game.state.last_seq, interval=0.05, safety=0.2) as watch:
        assert watch.rung
        batches = watch.follow(timeout=HANG)
        assert [e.seq for e in next(batches)] == [moves[0].seq]  # seen by the safety look
        assert not watch.rung  # and from now on it polls every 0.05 s as well as listening


def test_a_process_that_never_closes_its_watch_leaves_no_bell_behind(game: GameSession) -> None:
    opened = run_python("""
import sys
from explorer.game import doorbell
from explorer.game.watch import Watch
watch = Watch(sys.argv[1])
print(watch.rung, len(list(doorbell.folder_for(sys.argv[1]).iterdir())))
""", str(game.store.path))
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["True", "1"]
    folder = doorbell.folder_for(game.store.path)
    assert folder is not None and not folder.exists()
