"""Fixtures for the game TUI tests (helpers live in gametui_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import LoadResult
from tests.gametui.gametui_helpers import FIXTURE
from tests.support.games import valid_load


@pytest.fixture
def fixture_load() -> LoadResult:
    return valid_load(FIXTURE)


@pytest.fixture
def harbour_game(new_game: Callable[..., GameSession], fixture_load: LoadResult) -> GameSession:
    """A game of the fixture: Blue and Red teams, the mediator played by the facilitator, seed 42, no timer."""
    return new_game(fixture_load, Teams.from_pairs([("blue", "Blue"), ("red", "Red")]), seed=42)
