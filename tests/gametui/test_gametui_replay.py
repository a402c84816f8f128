"""`explorer replay`: stepping through a stored game, each event with the state right after it."""

from __future__ import annotations

import pytest

from explorer.cli import main
from explorer.game.session import GameSession
from explorer.tui.game.app import ReplayApp, make_replay_app
from explorer.tui.game.replay import ReplayScreen
from tests.gametui.gametui_helpers import SIZE, shown


def _play(game: GameSession) -> None:
    game.decide(1, "show force [/]")            # Blue: Send a warship → showdown (chance)
    game.roll()
    game.override(1 - game.entries[-1].step.index, "test the other branch")
    game.undo("replay it")
    game.inject("talks", "the mediator calls")
    game.decide(0, None)                        # Grey (the facilitator): skipped rationale


async def test_replay_steps_through_every_event_with_its_state(harbour_game: GameSession) -> None:
    _play(harbour_game)
    events = harbour_game.events
    app = make_replay_app(harbour_game)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert "Game started" in shown(app, "#replay-event") and f"event 1 of {len(events)}" in shown(app, "#title-bar")
        seen = []
        for index in range(1, len(events)):
            await pilot.press("n")
            assert screen.at == index
            detail = shown(app, "#replay-event")
            seen.append(detail.split("  ·  ")[0])
            assert f"event #{events[index].seq} · turn {events[index].turn}" in detail
            assert screen.values == events[index].state
        assert seen == ["Decision", "Dice roll", "Override", "Undo", "Jump", "Decision"]
        await pilot.press("home")
        await pilot.press("n")
        assert "Rationale given — private until the debrief." in shown(app, "#replay-event")  # the game is on
        assert "show force" not in shown(app, "#replay-event")
        assert "After it: Facilitator — the dice decide" in shown(app, "#replay-node")
        await pilot.press("n")
        assert "Seed sealed until the debrief, draw #1:" in shown(app, "#replay-event")  # only its commitment
        assert "▲" in shown(app, "#replay-event") and "Check it" not in shown(app, "#replay-event")
        await pilot.press("n")
        assert "Reason: test the other branch" in shown(app, "#replay-event")
        await pilot.press("p", "p")
        assert screen.at == 1
        await pilot.press("end")
        assert "Rationale skipped (logged)." in shown(app, "#replay-event")
        assert "After it: Team Red — Red Coast Guard decides" in shown(app, "#replay-node")
    assert len(harbour_game.store.events()) == len(events)  # a replay writes nothing
    harbour_game.end("the bell rang")
    app = make_replay_app(harbour_game)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert "Rationale: show force [/]" in shown(app, "#replay-event")  # the debrief: everything is told
        await pilot.press("n")
        assert "Seed 42, draw #1:" in shown(app, "#replay-event") and "Check it" in shown(app, "#replay-event")
        await pilot.press("end")
        assert "Game ended" in shown(app, "#replay-event") and "the bell rang" in shown(app, "#replay-event")


def test_replay_command_opens_the_app_and_refuses_bad_files(harbour_game: GameSession, tmp_path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _play(harbour_game)
    opened: list[int] = []
    monkeypatch.setattr(ReplayApp, "run", lambda self: opened.append(len(self.session.events)))
    assert main(["replay", str(harbour_game.store.path)]) == 0
    assert opened == [len(harbour_game.events)]
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a game at all" * 100)
    assert main(["replay", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("explorer replay: error:") and "Traceback" not in err
    assert main(["replay", str(tmp_path / "none.sqlite")]) == 2
