"""Fixtures for the classroom tests: a game of the classroom scenario, its teams' join codes, and
a session per seat."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.game.seats import open_seat, open_shared
from explorer.game.session import GameSession
from tests.support.classroom import SCENARIO, TEAMS
from tests.support.games import copy_scenario


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    """A fresh copy of the classroom scenario."""
    return copy_scenario(SCENARIO, tmp_path / "scenario")


@pytest.fixture
def game(new_game: Callable[..., GameSession], classroom: Path) -> GameSession:
    """The facilitator's session of a new classroom game: four teams, seed 11, no timer."""
    return new_game(classroom, TEAMS, seed=11)


@pytest.fixture
def seat(game: GameSession, codes: dict[str, str]) -> Iterator[Callable[[str], GameSession]]:
    """`seat("North")`: that team's session of the game (`seat("shared")`: the shared screen's)."""
    opened: list[GameSession] = []

    def open_(team: str) -> GameSession:
        session = open_shared(game.store.path) if team == "shared" else open_seat(game.store.path, codes[team])
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.close()
