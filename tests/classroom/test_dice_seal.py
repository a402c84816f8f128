"""Dice a student cannot predict, still checkable: while the game runs only a commitment to the dice
seed is shown — every view but the facilitator's, the log, its JSON export, the report and the
replay hold no seed; the debrief reveals it and says how to check the commitment and every roll."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.game import argue
from explorer.game.commitment import check_command, commitment, how_to_check, matches, random_seed, short
from explorer.game.session import GameSession
from explorer.game.views import game_view
from tests.classroom.test_privacy import exports, views
from tests.support.classroom import TEAMS

SEED = 918273645546372820
"""Distinctive enough that no other number on a screen contains it; its first roll contains the incident."""

Seat = Callable[[str], GameSession]


@pytest.fixture
def game(new_game: Callable[..., GameSession], classroom: Path) -> GameSession:
    return new_game(classroom, TEAMS, seed=SEED)


def test_the_commitment_is_the_sha256_of_the_seed_and_its_check_command_prints_it() -> None:
    assert commitment(SEED) == hashlib.sha256(str(SEED).encode()).hexdigest()
    assert short(SEED) == commitment(SEED)[:16] and matches(SEED, short(SEED).upper())
    assert not matches(SEED, short(SEED + 1)) and not matches(SEED, short(SEED)[:8])  # a prefix too short to bind
    printed = subprocess.run(["sh", "-c", check_command(SEED).replace("python3", sys.executable, 1)],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert printed == commitment(SEED)
    seeds = {random_seed() for _ in range(20)}
    assert len(seeds) == 20 and max(seeds) > 10**12  # 64 random bits: not guessable from the commitment


def _play_to_a_roll_and_a_ruling(game: GameSession, seat: Seat) -> None:
    for team, actor in (("North", "north"), ("South", "south"), ("East", "east"), ("West", "west")):
        seat(team).submit_order(actor, 1, None)
    game.close_round()
    assert game.node_id == "incident"
    seat("North").argue("north", "Announce a fishing moratorium", "tension falls", ["it costs nothing"])
    game.refresh()
    game.rule_by_dice(1, {"tension": -1})
    game.roll()
    assert game.node_id == "round_2" and not game.ended


def test_the_seed_is_sealed_until_the_debrief_and_its_commitment_is_public(
        game: GameSession, seat: Seat, capsys: pytest.CaptureFixture[str]) -> None:
    _play_to_a_roll_and_a_ruling(game, seat)
    seen = views(game, seat)
    holders = {name for name, text in seen.items() if str(SEED) in text}
    assert holders == {"facilitator"}
    assert all(short(SEED) in text for text in seen.values())  # everyone can note the commitment
    shared = game_view(seat("shared"))
    assert shared.dice_seed is None and shared.dice_commitment == short(SEED)
    assert shared.arguments[0].check is None and game_view(game).arguments[0].check == argue.check_command(SEED, 1)
    printed = exports(game, capsys)
    for name, text in printed.items():
        assert str(SEED) not in text, name
    rows = [json.loads(line) for line in printed["jsonl"].splitlines()]
    with_seed = [r for r in rows if r["kind"] in ("started", "roll", "ruling")]
    assert len(with_seed) == 3 and all(r["payload"]["seed"] is None and "seed" in r["payload"]["withheld"]
                                       for r in with_seed)
    assert rows[0]["payload"]["seed_commitment"] == commitment(SEED)
    assert "dice seed sealed (commitment" in printed["log"] and "Seed sealed until the debrief" in printed["report"]
    assert "Checking the dice" not in printed["report"]

    game.end("out of time")
    printed = exports(game, capsys)
    for name, text in printed.items():
        assert str(SEED) in text, name
    assert "## Checking the dice" in printed["report"] and check_command(SEED) in printed["report"]
    assert all(str(SEED) in text for text in views(game, seat).values())


def test_the_debrief_paragraph_checks_every_kind_of_roll() -> None:
    lines = how_to_check(SEED)
    assert commitment(SEED) in lines[0] and check_command(SEED) in lines[1]
    assert f"random.Random('{SEED}:N')" in lines[2] and f"random.Random('{SEED}:2d6:n')" in lines[3]
    draw = random.Random(f"{SEED}:2d6:1")
    assert argue.dice(SEED, 1) == (draw.randint(1, 6), draw.randint(1, 6))
