"""Shared fixtures: a tiny valid scenario, writing scenario files, loading them, reading problems;
starting games (each test folder's `game` fixture says which) and their join codes."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.bundled import default_scenario
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import LoadResult, load_scenario
from tests.support.games import start_game


@pytest.fixture(scope="session", autouse=True)
def _private_scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The loads the commands cache go to a folder of this run (inherited by the processes tests start),
    never the user's own cache."""
    before = os.environ.get("SCENARIO_EXPLORER_CACHE")
    os.environ["SCENARIO_EXPLORER_CACHE"] = str(tmp_path_factory.mktemp("scenario-cache"))
    yield
    if before is None:
        del os.environ["SCENARIO_EXPLORER_CACHE"]
    else:
        os.environ["SCENARIO_EXPLORER_CACHE"] = before


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private scenario cache folder for one test (not made yet: the cache makes it as it would)."""
    where = tmp_path / "cache"
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", str(where))
    return where


TINY_YAML = """\
format: 1
id: tiny
title: A tiny crisis
actors:
  a: {name: Alpha}
  b: {name: Beta}
metrics:
  tension: {label: Tension, min: 0, max: 10, initial: 5}
start: open
nodes:
  open:
    kind: decision
    actor: a
    title: Alpha moves first
    options:
      - {label: Talk, to: reply, effects: {tension: -2}, probability: 0.6}
      - {label: Threaten, to: gamble, effects: {tension: 3}, probability: 0.4}
  reply:
    kind: decision
    actor: b
    title: Beta answers the offer
    options:
      - {label: Accept, to: deal}
      - {label: Escalate, to: gamble, requires: "tension >= 4", effects: {tension: 2}}
  gamble:
    kind: chance
    title: Does the standoff break?
    options:
      - {label: It breaks, to: war, probability: 0.25}
      - {label: It holds, to: deal, probability: 0.75}
  deal: {kind: outcome, title: A deal, payoffs: {a: 2, b: 2}}
  war: {kind: outcome, title: War, payoffs: {a: -10, b: -8}}
"""
"""The example of the format page, verbatim: valid, with one warning (Escalate never unlocks)."""

Row = tuple[int, int, str, str]
"""(line, col, severity, message) of one problem."""


@pytest.fixture
def tiny_yaml() -> str:
    """The format page's example scenario as text."""
    return TINY_YAML


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write a scenario (and optional extra files, by relative path) under a temporary folder.

    `write_scenario(text, name="s.yaml", files={"parts/a.yaml": "..."}, dedent=True)` returns
    the main file's path. Text is written as UTF-8 exactly as given (after `dedent`).
    """

    def write(text: str | bytes, name: str = "s.yaml", files: dict[str, str | bytes] | None = None, dedent: bool = True) -> Path:
        for relative, content in {**(files or {}), name: text}.items():
            target = tmp_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_bytes((textwrap.dedent(content) if dedent else content).encode("utf-8"))
        return tmp_path / name

    return write


@pytest.fixture
def load_yaml(write_scenario: Callable[..., Path]) -> Callable[..., LoadResult]:
    """Write a scenario to a temporary file and load it: `load_yaml(text, files=..., name=...)`."""

    def load(text: str | bytes, **kwargs: object) -> LoadResult:
        return load_scenario(write_scenario(text, **kwargs))

    return load


def rows(result: LoadResult) -> list[Row]:
    """The problems of a load as (line, col, severity, message), errors first."""
    return [(p.position.line, p.position.col, p.severity, p.message) for p in result.problems.sorted()]


@pytest.fixture
def problem_rows() -> Callable[[LoadResult], list[Row]]:
    """`problem_rows(result)`: the problems as (line, col, severity, message), errors first."""
    return rows


@pytest.fixture
def hanoi() -> LoadResult:
    """The bundled scenario, loaded (the test is skipped if it does not load)."""
    load = load_scenario(default_scenario())
    if not load.ok:
        pytest.skip("the bundled scenario does not load")
    return load


@pytest.fixture
def new_game(tmp_path: Path) -> Iterator[Callable[..., GameSession]]:
    """`new_game(scenario, teams, seed=…, timer=…, store=…)`: a new game's facilitator session
    (stored in the test's folder unless `store` says where), closed after the test."""
    sessions: list[GameSession] = []

    def start(scenario: Path | LoadResult, teams: Teams, *, seed: int, timer: float | None = None,
              store: Path | None = None) -> GameSession:
        session = start_game(scenario, store or tmp_path / "game.sqlite", teams, seed=seed, timer=timer)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


@pytest.fixture
def codes(game: GameSession) -> dict[str, str]:
    """Team → join code of the folder's `game`."""
    return game.store.join_codes()
