"""Fixtures for the seat tests: a three-actor scenario with private briefings, and a game of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from tests.seats.seat_helpers import FIXTURES
from tests.support.games import copy_scenario
from tests.support.serve_fakes import fake_server  # noqa: F401 - a fixture shared with the other serve tests


@pytest.fixture
def summit(tmp_path: Path) -> Path:
    """A fresh copy of the summit scenario (each actor's briefing holds a SECRET-… marker)."""
    return copy_scenario(FIXTURES / "summit.yaml", tmp_path)


@pytest.fixture
def three_teams() -> Teams:
    return Teams.from_pairs([("north", "North"), ("south", "South"), ("west", "West")])


@pytest.fixture
def game(new_game: Callable[..., GameSession], summit: Path, three_teams: Teams) -> GameSession:
    """The facilitator's session of a new three-team game, seed 7."""
    return new_game(summit, three_teams, seed=7)
