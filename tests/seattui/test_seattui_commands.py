"""`explorer join` opens the seat TUI (asking for the code when none is given);
`explorer serve --game FILE` serves `explorer join FILE` per browser tab."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.commands import join as join_command
from explorer.game.session import GameSession
from explorer.tui.seat.app import SeatApp
from tests.support.serve_fakes import FakeServer


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[SeatApp]:
    """Record the seat apps `explorer join` would run (and close their seats)."""
    apps: list[SeatApp] = []

    def run(self: SeatApp) -> None:
        apps.append(self)
        if self._first is not None:
            self._first.close()

    monkeypatch.setattr(SeatApp, "run", run)
    return apps


def test_join_without_a_code_opens_the_code_prompt(game: GameSession, opened: list[SeatApp]) -> None:
    assert main(["join", str(game.store.path)]) == 0
    [app] = opened
    assert app.store_path == game.store.path and app._first is None


def test_join_with_a_code_in_a_terminal_opens_that_teams_seat(
        game: GameSession, codes: dict[str, str], opened: list[SeatApp], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(join_command, "interactive", lambda args: True)
    assert main(["join", str(game.store.path), "--code", codes["Blue"]]) == 0
    assert opened[0]._first is not None and opened[0]._first.team == "Blue"
    assert main(["join", str(game.store.path), "--code", "ZZZ-ZZZ-ZZZ"]) == 1
    err = capsys.readouterr().err
    assert "not a join code of this game" in err and len(err.splitlines()) == 1
    assert len(opened) == 1


def test_text_modes_need_a_code_and_stay_text(game: GameSession, codes: dict[str, str], opened: list[SeatApp],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", str(game.store.path), "--once"]) == 2
    assert "need --code" in capsys.readouterr().err
    assert main(["join", str(game.store.path), "--code", codes["Red"]]) == 0  # not a terminal: --once
    assert "Team Red" in capsys.readouterr().out and not opened




def test_serve_game_runs_join_per_tab_on_this_machine(game: GameSession, fake_server: type[FakeServer],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--game", str(game.store.path), "--port", "8124"]) == 0
    [made] = fake_server.made
    assert shlex.split(made["command"]) == [sys.executable, "-m", "explorer", "join", str(game.store.path.resolve())]
    assert made["host"] == "127.0.0.1" and "A strait [/] in dispute" in made["title"]
    assert "warning" not in capsys.readouterr().err


def test_serve_game_keeps_the_public_guard_and_refuses_bad_files(
        game: GameSession, tmp_path: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--game", str(game.store.path), "--host", "0.0.0.0"]) == 2
    assert "--public" in capsys.readouterr().err
    assert main(["serve", "--game", str(game.store.path), "--host", "0.0.0.0", "--public"]) == 0
    assert "no login" in capsys.readouterr().err
    not_a_game = tmp_path / "notes.txt"
    not_a_game.write_text("hello\n")
    assert main(["serve", "--game", str(not_a_game)]) == 1
    assert main(["serve", "--game", str(tmp_path / "missing.sqlite")]) == 2
    assert main(["serve", "some.yaml", "--game", str(game.store.path)]) == 2
    assert len(fake_server.made) == 1
