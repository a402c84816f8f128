"""Several processes on one store (the multi-seat groundwork): stale moves are refused, roles kept."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from explorer.game.errors import GameError, MoveRefused, StaleTurn
from explorer.game.session import GameSession
from tests.support.processes import ROOT, run_python

MOVE = """
import sys
from explorer.game.session import GameSession

with GameSession.resume(sys.argv[1], seat=sys.argv[2], log=False) as session:
    session.decide(int(sys.argv[3]), "from another seat")
    print(session.turn, session.node_id)
"""

RACE = """
import os, sys, time
from explorer.game.errors import StaleTurn
from explorer.game.session import GameSession

session = GameSession.resume(sys.argv[1], log=False)
seen = session.turn
open(sys.argv[2] + "." + sys.argv[3], "w").close()  # ready: this seat has seen the turn
while not os.path.exists(sys.argv[2]):
    time.sleep(0.005)
try:
    session.decide(int(sys.argv[3]), "racing", turn=seen)
    print("moved")
except StaleTurn as exc:
    print("stale:", exc)
"""


def test_a_move_for_a_turn_another_process_played_is_refused(game: GameSession) -> None:
    assert game.turn == 1
    other = run_python(MOVE, str(game.store.path), "Red", "0")
    assert other.returncode == 0, other.stderr
    assert other.stdout.split() == ["2", "blue_answers"]
    with pytest.raises(StaleTurn) as caught:
        game.decide(1, "mass troops")  # this session still shows turn 1
    message = str(caught.value)
    assert "made for turn 1, but the game is at turn 2" in message
    assert "Team Red for Redland chose 1. “Talk”" in message and "Team Blue — Blueland decides" in message
    assert game.turn == 2 and game.node_id == "blue_answers"  # told, and brought up to date
    assert [e.kind for e in game.events] == ["started", "decide"]
    game.decide(1, "sanction")  # now it can move


def test_a_view_that_saw_an_old_turn_is_refused_even_after_a_refresh(game: GameSession) -> None:
    seen = game.turn
    other = run_python(MOVE, str(game.store.path), "facilitator", "0")
    assert other.returncode == 0, other.stderr
    game.refresh()
    with pytest.raises(StaleTurn):
        game.decide(0, "deal", turn=seen)
    assert game.decide(0, "deal", turn=game.turn).turn == 2


def test_two_seats_moving_at_once_one_wins_the_other_is_told(game: GameSession, tmp_path: Path) -> None:
    go = tmp_path / "go"
    racers = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(RACE), str(game.store.path), str(go), option],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for option in ("0", "1")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"go.{option}").exists() for option in ("0", "1")):  # both saw turn 1
        assert time.monotonic() < deadline and all(p.poll() is None for p in racers)
        time.sleep(0.01)
    go.touch()
    outputs = [p.communicate(timeout=60) for p in racers]
    assert all(p.returncode == 0 for p in racers), outputs
    results = sorted(out.split(":")[0].strip() for out, _ in outputs)
    assert results == ["moved", "stale"]
    game.refresh()
    assert [e.kind for e in game.events] == ["started", "decide"] and game.turn == 2


def test_team_seats_may_only_decide_for_their_own_actors(game: GameSession) -> None:
    path = game.store.path
    blue = GameSession.resume(path, seat="Blue")
    with pytest.raises(MoveRefused, match="not your turn: Team Red — Redland decides"):
        blue.decide(0, "not ours")
    for action in (blue.roll, lambda: blue.undo("x"), lambda: blue.inject("war", "x")):
        with pytest.raises(MoveRefused, match="only the facilitator"):
            action()
    red = GameSession.resume(path, seat="Red")
    red.decide(0, "talk")
    blue.refresh()
    assert blue.decide(1, "sanction").seat == "Blue"
    assert [e.seat for e in blue.events if e.kind == "decide"] == ["Red", "Blue"]
    with pytest.raises(GameError, match="no team 'Purple'"):
        GameSession.resume(path, seat="Purple")
    red.close()
    blue.close()
