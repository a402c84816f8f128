"""`explorer game` opens the TUI in a terminal (setup without --team, play with it, resume);
elsewhere, or with --no-tui, it creates the game and prints a summary as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.commands import game as game_command
from explorer.tui.game.app import GameApp
from tests.gametui.gametui_helpers import FIXTURE


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURE, tmp_path / "harbour.yaml"))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[GameApp]:
    """Pretend to be in a terminal; record the apps `explorer game` would run."""
    apps: list[GameApp] = []
    monkeypatch.setattr(game_command, "interactive", lambda args: not args.no_tui)
    monkeypatch.setattr(GameApp, "run", lambda self: apps.append(self))
    return apps


def test_without_teams_the_setup_screen_opens(scenario: Path, tmp_path: Path, opened: list[GameApp],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "g.sqlite"
    assert main(["game", str(scenario), "--store", str(store), "--seed", "4", "--timer", "30"]) == 0
    (app,) = opened
    assert app.session is None and app.store == store and app.seed == 4 and app.timer == 30
    assert not store.exists() and "no game was started" in capsys.readouterr().out


def test_with_teams_play_opens_and_resume_continues(scenario: Path, tmp_path: Path, opened: list[GameApp],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "g.sqlite"
    assert main(["game", str(scenario), "--store", str(store), "--team", "blue=Blue", "--seed", "9"]) == 0
    (app,) = opened
    assert app.session is not None and app.session.teams.members == {"Blue": ("blue",)}
    out = capsys.readouterr().out
    assert f"game saved at turn 1: {store}" in out and f"explorer game --resume {store}" in out
    assert main(["game", "--resume", str(store)]) == 0
    assert opened[1].session is not None and opened[1].session.events[-1].kind == "resumed"
    assert main(["game", str(scenario), "--store", str(store)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_no_tui_prints_the_summary(scenario: Path, tmp_path: Path, opened: list[GameApp],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "g.sqlite"
    assert main(["game", str(scenario), "--store", str(store), "--team", "red=Red", "--no-tui"]) == 0
    assert not opened
    out = capsys.readouterr().out
    assert f"game created: {store}" in out and "Team Red: Red Coast Guard" in out
