"""Fixtures for the seat TUI tests: a two-team game of the strait scenario, and its join codes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from seattui_helpers import FIXTURES
from serve_fakes import fake_server  # noqa: F401 - a fixture shared with the other serve tests

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario


@pytest.fixture
def game(tmp_path: Path) -> Iterator[GameSession]:
    """The facilitator's session of a new game: Redland is team Red, Blueland team Blue."""
    scenario = Path(shutil.copy(FIXTURES / "strait.yaml", tmp_path / "strait.yaml"))
    load = load_scenario(scenario)
    assert load.ok, load.problems.sorted()
    teams = Teams.from_pairs([("red", "Red"), ("blue", "Blue")])
    session = GameSession.create(load, tmp_path / "game.sqlite", teams=teams, seed=3)
    yield session
    session.close()


@pytest.fixture
def codes(game: GameSession) -> dict[str, str]:
    """Team → join code."""
    return game.store.join_codes()
