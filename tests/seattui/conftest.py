"""Fixtures for the seat TUI tests: a two-team game of the strait scenario (its join codes: the
root conftest's `codes`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from tests.seattui.seattui_helpers import FIXTURES
from tests.support.games import copy_scenario
from tests.support.serve_fakes import fake_server  # noqa: F401 - a fixture shared with the other serve tests


@pytest.fixture
def game(new_game: Callable[..., GameSession], tmp_path: Path) -> GameSession:
    """The facilitator's session of a new game: Redland is team Red, Blueland team Blue, seed 3."""
    return new_game(copy_scenario(FIXTURES / "strait.yaml", tmp_path), Teams.from_pairs([("red", "Red"), ("blue", "Blue")]),
                    seed=3)
