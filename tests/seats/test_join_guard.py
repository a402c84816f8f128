"""Guessing join codes is slowed, logged and locked out per client (in the store, so across every
process of a client); game stores are private to the user who made them."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.game import join_guard
from explorer.game.joincodes import JoinRefused, shown
from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from explorer.game.store import Store
from explorer.loading import load_scenario


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2019, 6, 30, 9, 0, tzinfo=dt.UTC)
        self.slept: list[float] = []

    def policy(self) -> join_guard.JoinPolicy:
        return join_guard.JoinPolicy(sleep=self.slept.append, clock=lambda: self.now)


def test_wrong_codes_are_slowed_then_locked_out_per_client_and_logged(game: GameSession, codes: dict[str, str],
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    path = game.store.path
    for _ in range(5):
        with Store.open(path) as store, pytest.raises(JoinRefused, match="not a join code of this game"):  # a connection each time, as processes have
            store.team_for_code("ZZZ-ZZZ-ZZZ", client="10.0.0.7", policy=clock.policy())
        clock.now += dt.timedelta(seconds=30)
    assert clock.slept == [1, 2, 4, 8, 8]  # each wrong code in a row answered later
    with Store.open(path) as store, pytest.raises(JoinRefused, match=r"too many wrong join codes from 10\.0\.0\.7: try again in 1[0-9] minute"):
        store.team_for_code(codes["South"], client="10.0.0.7", policy=clock.policy())  # even the right code
    assert clock.slept == [1, 2, 4, 8, 8]  # a locked-out client is not kept waiting
    with Store.open(path) as store:
        assert store.team_for_code(codes["South"], client="10.0.0.8", policy=clock.policy()) == "South"
    clock.now += dt.timedelta(minutes=16)
    with Store.open(path) as store:
        assert store.team_for_code(shown(codes["North"]).lower(), client="10.0.0.7", policy=clock.policy()) == "North"
        attempts = {a.client: (a.joined, a.wrong, a.locked) for a in store.join_attempts()}
    assert attempts == {"10.0.0.7": (1, 5, 1), "10.0.0.8": (1, 0, 0)}
    assert main(["log", str(path)]) == 0
    out = capsys.readouterr().out
    assert "join attempts from 10.0.0.7: 1 joined, 5 wrong code(s), 1 refused while locked out" in out
    assert "join attempts from 10.0.0.8: 1 joined, 0 wrong code(s)" in out


def test_a_right_code_clears_the_count_and_malformed_codes_are_not_counted(game: GameSession, codes: dict[str, str]) -> None:
    clock = Clock()
    with Store.open(game.store.path) as store:
        for _ in range(4):
            with pytest.raises(JoinRefused):
                store.team_for_code("ZZZ-ZZZ-ZZZ", client="pc", policy=clock.policy())
        for typo in ("ZZZ-ZZO-ZZZ", "ZZ", ""):
            with pytest.raises(JoinRefused):
                store.team_for_code(typo, client="pc", policy=clock.policy())
        assert store.team_for_code(codes["West"], client="pc", policy=clock.policy()) == "West"
        with pytest.raises(JoinRefused, match=r"4 more wrong and you wait 15 minutes"):
            store.team_for_code("ZZZ-ZZZ-ZZZ", client="pc", policy=clock.policy())
        assert clock.slept == [1, 2, 4, 8, 1]


def test_explorer_join_counts_attempts_under_the_client_it_is_given(game: GameSession, codes: dict[str, str],
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", str(game.store.path), "--code", codes["North"], "--client", "192.0.2.1", "--once"]) == 0
    with open_seat(game.store.path, codes["West"]) as session:
        assert session.seat == "West"
        assert [(a.client, a.joined) for a in session.store.join_attempts()] == [("192.0.2.1", 1), ("terminal", 1)]


def test_a_store_and_the_folders_made_for_it_are_private(tmp_path: Path, summit: Path) -> None:
    load = load_scenario(summit)
    path = tmp_path / "new" / "deeper" / "game.sqlite"
    with GameSession.create(load, path, seed=1) as session:
        session.store.events()
        files = [path, *path.parent.glob("game.sqlite-*")]
        assert len(files) >= 2  # the database and its write-ahead log
        for file in files:
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    for folder in (path.parent, path.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
