"""Fixtures for the seat tests: a three-actor scenario with private briefings, and a game of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from seat_helpers import FIXTURES
from serve_fakes import fake_server  # noqa: F401 - a fixture shared with the other serve tests

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario


@pytest.fixture
def summit(tmp_path: Path) -> Path:
    """A fresh copy of the summit scenario (each actor's briefing holds a SECRET-… marker)."""
    target = tmp_path / "summit.yaml"
    shutil.copy(FIXTURES / "summit.yaml", target)
    return target


@pytest.fixture
def three_teams() -> Teams:
    return Teams.from_pairs([("north", "North"), ("south", "South"), ("west", "West")])


@pytest.fixture
def game(tmp_path: Path, summit: Path, three_teams: Teams) -> Iterator[GameSession]:
    """The facilitator's session of a new three-team game."""
    load = load_scenario(summit)
    assert load.ok, load.problems.sorted()
    session = GameSession.create(load, tmp_path / "game.sqlite", teams=three_teams, seed=7)
    yield session
    session.close()


@pytest.fixture
def codes(game: GameSession) -> dict[str, str]:
    """Team → join code of `game`."""
    return game.store.join_codes()
