"""Resuming: the scenario's content hash, --force, a moved scenario, and the CLI around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.game.commitment import commitment, short
from explorer.game.errors import GameError, ReplayError, ScenarioChanged
from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from explorer.graph import NodeKind


def _play_some(game: GameSession) -> Path:
    game.decide(1, "mass troops")
    game.roll()
    path = game.store.path
    game.close()
    return path


def test_resume_continues_exactly_where_it_stopped(game: GameSession) -> None:
    game.decide(1, "mass troops")
    game.roll()
    node, turn, state = game.node_id, game.turn, game.metrics
    game.close()
    again = GameSession.resume(game.store.path)
    assert (again.node_id, again.turn, again.metrics) == (node, turn, state)
    assert again.events[-1].kind == "resumed" and not again.warnings
    again.close()


@pytest.mark.parametrize("edit", ["main", "include"])
def test_a_changed_scenario_is_refused_unless_forced(game: GameSession, crisis: Path, edit: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = _play_some(game)
    target = crisis if edit == "main" else crisis.parent / "crisis_parts" / "outcomes.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# a comment changes the content hash\n", encoding="utf-8")
    with pytest.raises(ScenarioChanged, match=r"has changed since this game was started.*--force"):
        GameSession.resume(path)
    assert main(["game", "--resume", str(path)]) == 1
    err = capsys.readouterr().err
    assert "has changed since this game was started" in err and "Traceback" not in err
    assert main(["game", "--resume", str(path), "--force"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "--force" in captured.err and "game resumed" in captured.out
    again = GameSession.resume(path)  # the facilitator went on with this version: no --force again
    resumed = [e.body for e in again.events if e.kind == "resumed"]
    assert resumed[-2].forced and resumed[-2].scenario_hash != again.meta.scenario_hash
    assert not resumed[-1].forced and not again.warnings
    again.close()


def test_a_seat_joins_a_changed_scenario_only_once_the_facilitator_went_on_with_it(
        game: GameSession, crisis: Path) -> None:
    code = game.store.join_codes()["Red"]
    path = _play_some(game)
    crisis.write_text(crisis.read_text(encoding="utf-8") + "\n# a comment changes the content hash\n", encoding="utf-8")
    with pytest.raises(ScenarioChanged) as refused:
        open_seat(path, code)
    assert "the facilitator decides" in str(refused.value) and "use --force" not in str(refused.value)
    assert main(["join", str(path), "--code", code, "--once"]) == 1
    GameSession.resume(path, force=True).close()
    with open_seat(path, code) as seat:
        assert seat.seat == "Red" and not seat.warnings


def test_a_forced_scenario_whose_odds_changed_cannot_replay_the_roll(game: GameSession, crisis: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _play_some(game)  # seed 42, draw #1 is 0.0983: under 0.4, so "Shots fired"
    text = crisis.read_text(encoding="utf-8")
    text = text.replace("probability: 0.4, historical: true}", "probability: 0.02, historical: true}")
    text = text.replace("to: blue_answers, probability: 0.6}", "to: blue_answers, probability: 0.98}")
    crisis.write_text(text, encoding="utf-8")
    with pytest.raises(ReplayError, match="draw #1 now picks “Calm holds”, but the game recorded “Shots fired”"):
        GameSession.resume(path, force=True)
    assert main(["report", str(path), "--force"]) == 1
    err = capsys.readouterr().err
    assert "draw #1 now picks" in err and "Traceback" not in err


def test_a_moved_scenario_is_found_through_the_path_argument(game: GameSession, crisis: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _play_some(game)
    moved = tmp_path / "moved"
    crisis.parent.rename(moved)
    with pytest.raises(GameError, match="not there any more"):
        GameSession.resume(path)
    assert main(["game", "--resume", str(path), str(moved / "crisis.yaml")]) == 0
    assert "game resumed" in capsys.readouterr().out


def test_cli_creates_a_game_in_the_xdg_data_folder(crisis: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code = main(["game", str(crisis), "--team", "red=Red", "--team", "blue=Blue", "--team", "green=Blue",
                 "--seed", "5", "--timer", "90"])
    out = capsys.readouterr().out
    assert code == 0, out
    (store,) = (tmp_path / "data" / "scenario-explorer" / "games").glob("*-crisis.sqlite")
    assert f"game created: {store}" in out
    assert "Team Blue: Blueland, Greenland" in out and "dice seed: 5; turn timer: 90 s" in out
    assert "turn 1: Team Red — Redland decides" in out
    assert main(["log", str(store), "--jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    started = json.loads(line)
    assert started["payload"]["teams"] == {"Red": ["red"], "Blue": ["blue", "green"]}
    assert main(["log", str(store)]) == 0
    logged = capsys.readouterr().out  # the seed is sealed in the log until the debrief: only its commitment
    assert f"game started: “A border crisis [/] with | pipes”, dice seed sealed (commitment {short(5)})" in logged
    assert started["payload"]["seed"] is None and started["payload"]["seed_commitment"] == commitment(5)


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--team", "purple=Red"], 2, "no actor 'purple'"),
        (["--timer", "0"], 2, "between 1 and 86400"),
        (["--force"], 2, "--force goes with --resume"),
    ],
)
def test_cli_usage_errors(crisis: Path, tmp_path: Path, argv: list[str], code: int, words: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["game", str(crisis), "--store", str(tmp_path / "g.sqlite"), *argv]) == code
    assert words in capsys.readouterr().err


def test_cli_store_option_and_refusals(crisis: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "class.sqlite"
    assert main(["game", str(crisis), "--store", str(store)]) == 0
    assert "Facilitator: Redland, Blueland, Greenland" in capsys.readouterr().out
    assert main(["game", str(crisis), "--store", str(store)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["game", "--resume", str(store), "--seed", "3"]) == 2
    assert main(["game", "--resume", str(tmp_path / "none.sqlite")]) == 2
    assert main(["report", str(store), "-o", str(tmp_path / "no" / "such" / "dir" / "r.md")]) == 2
    assert main(["game", str(tmp_path / "missing.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["game", str(broken)]) == 1
    assert "error" in capsys.readouterr().err


def test_resuming_a_finished_game_adds_no_event(game: GameSession) -> None:
    for _ in range(50):
        if game.finished:
            break
        if game.kind == NodeKind.CHANCE:
            game.roll()
        else:
            game.decide(next(v.index for v in game.options() if v.available), None)
    assert game.finished
    path, count = game.store.path, len(game.events)
    game.close()
    for _ in range(2):
        again = GameSession.resume(path)
        assert len(again.events) == count and again.finished
        again.close()
    assert main(["game", "--resume", str(path)]) == 0  # the CLI's resume too
    again = GameSession.resume(path)
    assert len(again.events) == count
    again.close()
