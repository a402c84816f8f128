"""Fixtures for the game tests: a three-actor scenario of our own (copied, so tests may edit it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from tests.game.game_helpers import FIXTURES
from tests.support.games import copy_scenario


@pytest.fixture
def crisis(tmp_path: Path) -> Path:
    """The path of a fresh copy of the crisis scenario (main file plus an included file)."""
    return copy_scenario(FIXTURES / "crisis.yaml", tmp_path / "scenario", whole_folder=True)


@pytest.fixture
def teams() -> Teams:
    return Teams.from_pairs([("red", "Red"), ("blue", "Blue")])


@pytest.fixture
def game(new_game: Callable[..., GameSession], crisis: Path, teams: Teams) -> GameSession:
    """Red and Blue teams, seed 42, a 60 s turn timer."""
    return new_game(crisis, teams, seed=42, timer=60)
