"""Fixtures for the game TUI tests (helpers live in gametui_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gametui_helpers import FIXTURE

from explorer.bundled import default_scenario
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import LoadResult, load_scenario


@pytest.fixture
def fixture_load() -> LoadResult:
    load = load_scenario(FIXTURE)
    assert load.ok, [str(p) for p in load.problems.sorted()]
    return load


@pytest.fixture
def hanoi() -> LoadResult:
    load = load_scenario(default_scenario())
    if not load.ok:
        pytest.skip("the bundled scenario does not load")
    return load


@pytest.fixture
def harbour_game(tmp_path: Path, fixture_load: LoadResult) -> Iterator[GameSession]:
    """A game of the fixture: Blue and Red teams, the mediator played by the facilitator, seed 42, no timer."""
    teams = Teams.from_pairs([("blue", "Blue"), ("red", "Red")])
    session = GameSession.create(fixture_load, tmp_path / "game.sqlite", teams=teams, seed=42)
    yield session
    session.close()
