"""Two and three seats, each its own process, play one game through the store; the facilitator rolls."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.format.models import NodeKind
from explorer.game.events import Decided, Rolled
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario
from tests.seats.seat_helpers import BOT
from tests.support.processes import ROOT, wait_for_files

PLAN = {"north_opens": 0, "south_replies": 0, "west_weighs": 0}
"""Offer a freeze → Accept the freeze → Fund the deal → the facilitator rolls whether it is signed."""


@pytest.mark.parametrize("pairs", [
    [("north", "North"), ("south", "South"), ("west", "North")],  # two seats; North plays two actors
    [("north", "North"), ("south", "South"), ("west", "West")],   # three seats
], ids=["two seats", "three seats"])
def test_seats_in_separate_processes_play_one_game(tmp_path: Path, summit: Path, pairs: list[tuple[str, str]]) -> None:
    teams = Teams.from_pairs(pairs)
    game = GameSession.create(load_scenario(summit), tmp_path / "game.sqlite", teams=teams, seed=7)
    codes = game.store.join_codes()
    outs = {team: tmp_path / f"{team}.json" for team in teams.names}
    bots = [subprocess.Popen([sys.executable, str(BOT), str(game.store.path), code, json.dumps(PLAN), str(outs[team])],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for team, code in codes.items()]
    try:
        wait_for_files([Path(f"{out}.ready") for out in outs.values()], bots)
        deadline = time.monotonic() + 60
        while not game.finished:  # the facilitator's screen: roll when the dice decide
            assert time.monotonic() < deadline, f"the game stalled at {game.node_id}"
            game.refresh()
            if game.kind == NodeKind.CHANCE:
                game.roll(turn=game.turn)
            time.sleep(0.02)
        results = [bot.communicate(timeout=60) for bot in bots]
    finally:
        for bot in bots:
            if bot.poll() is None:
                bot.kill()
    assert all(bot.returncode == 0 for bot in bots), results
    decisions = [e for e in game.events if isinstance(e.body, Decided)]
    assert [(e.seat, e.node) for e in decisions] == [
        (teams.team_of("north"), "north_opens"), (teams.team_of("south"), "south_replies"),
        (teams.team_of("west"), "west_weighs")]
    assert [e.body.rationale for e in decisions] == [f"{e.seat} reasons at {e.node}" for e in decisions]
    assert [e.turn for e in game.events if e.advances] == [1, 2, 3, 4]
    assert isinstance(game.events[-1].body, Rolled) and game.node_id in {"deal", "collapse"}
    for team, out in outs.items():
        done = json.loads(out.read_text())
        assert done["refused"] == []
        assert sorted(node for _, node in done["moves"]) == sorted(
            e.node for e in decisions if e.seat == team)
        view = done["view"]
        assert view["finished"] and view["node_id"] == game.node_id and view["turn"] == game.turn
        assert [d["rationale"] for d in view["own_decisions"]] == [
            e.body.rationale for e in decisions if e.team == team]
    game.close()
