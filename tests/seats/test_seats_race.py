"""Two seats moving at once from separate processes: one move is recorded, the other seat is told why."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.game.errors import StaleTurn
from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from tests.support.processes import start_python, wait_for_files

RACER = """
import os, sys, time
from explorer.game.errors import StaleTurn
from explorer.game.seats import open_seat
from explorer.game.session import GameSession

store, who, action, ready, go = sys.argv[1:6]
session = GameSession.resume(store, log=False) if who == "facilitator" else open_seat(store, who)
seen = session.turn
open(ready, "w").close()            # this seat has seen the game at turn `seen`
while not os.path.exists(go):
    time.sleep(0.002)
try:
    if action == "inject":
        session.inject("incident", "a border clash", turn=seen)
    else:
        session.decide(int(action), "racing", turn=seen)
    print("moved")
except StaleTurn as exc:
    print("stale:", exc)
"""


def race(tmp_path: Path, store: Path, *racers: tuple[str, str]) -> list[str]:
    """Start one process per (who, action); let them all move at once; their printed results."""
    go = tmp_path / "go"
    ready = [tmp_path / f"ready{i}" for i in range(len(racers))]
    procs = [start_python(RACER, str(store), who, action, str(r), str(go)) for (who, action), r in zip(racers, ready, strict=True)]
    try:
        wait_for_files(ready, procs)
        go.touch()
        outputs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert all(p.returncode == 0 for p in procs), outputs
    return [out.strip() for out, _ in outputs]


def test_two_laptops_of_one_team_move_at_once(tmp_path: Path, game: GameSession, codes: dict[str, str]) -> None:
    results = race(tmp_path, game.store.path, (codes["North"], "0"), (codes["North"], "1"))
    assert sorted(r.split(":")[0] for r in results) == ["moved", "stale"]
    told = next(r for r in results if r.startswith("stale"))
    assert "made for turn 1, but the game is at turn 2" in told
    assert "Team North for Northland chose" in told and "the game is now at" in told
    game.refresh()
    decided = [e for e in game.events if e.kind == "decide"]
    assert len(decided) == 1 and decided[0].seat == "North" and game.turn == 2
    assert f"“{decided[0].body.label}”" in told  # the loser is told which option won


def test_a_team_and_the_facilitator_move_at_once(tmp_path: Path, game: GameSession, codes: dict[str, str]) -> None:
    game.decide(0, "open with a freeze")  # now South decides
    results = race(tmp_path, game.store.path, (codes["South"], "0"), ("facilitator", "inject"))
    assert sorted(r.split(":")[0] for r in results) == ["moved", "stale"]
    game.refresh()
    moves = [e for e in game.events if e.advances]
    assert len(moves) == 2 and game.turn == 3
    told = next(r for r in results if r.startswith("stale"))
    if moves[-1].kind == "inject":
        assert "the facilitator moved the game to “Does an incident break the talks?” — reason: a border clash" in told
    else:
        assert "Team South for Southland chose 1. “Accept the freeze”" in told


def test_a_stale_team_is_not_told_another_teams_rationale(game: GameSession, codes: dict[str, str]) -> None:
    north = open_seat(game.store.path, codes["North"])
    south = open_seat(game.store.path, codes["South"])
    north.decide(0, "freeze first", turn=1)
    south.refresh()
    seen = south.turn  # South has the move at turn 2 ...
    game.refresh()
    game.undo("North asked to reconsider", turn=seen)  # ... but the facilitator takes North's move back
    north.refresh()
    north.decide(1, "NORTH-RATIONALE: walk out to scare them", turn=north.turn)
    with pytest.raises(StaleTurn) as caught:
        south.decide(0, "too late", turn=seen)
    told = str(caught.value)
    assert "the facilitator undid" in told and "Team North for Northland chose 2. “Walk out”" in told
    assert "NORTH-RATIONALE" not in told and "private until the debrief" in told
    north.close()
    south.close()
