"""Fixtures for the game tests: a three-actor scenario of our own (copied, so tests may edit it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from game_helpers import FIXTURES

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario


@pytest.fixture
def crisis(tmp_path: Path) -> Path:
    """The path of a fresh copy of the crisis scenario (main file plus an included file)."""
    folder = tmp_path / "scenario"
    shutil.copytree(FIXTURES, folder)
    return folder / "crisis.yaml"


@pytest.fixture
def teams() -> Teams:
    return Teams.from_pairs([("red", "Red"), ("blue", "Blue")])


@pytest.fixture
def game(tmp_path: Path, crisis: Path, teams: Teams) -> Iterator[GameSession]:
    load = load_scenario(crisis)
    assert load.ok, load.problems.sorted()
    session = GameSession.create(load, tmp_path / "game.sqlite", teams=teams, seed=42, timer=60)
    yield session
    session.close()
