"""The team seat's TUI: two seats on one game, moves with rationales, stale moves, privacy."""

from __future__ import annotations

from pathlib import Path

from explorer.game.seat_link import SeatLink
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario
from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.briefing import TeamBriefingScreen
from tests.seattui.seattui_helpers import FIXTURES, screen_text, seat, wait_for

SIZE = (110, 40)


def seat_app(game: GameSession, code: str) -> SeatApp:
    return SeatApp(game.store.path, link=SeatLink.open(game.store.path, code))


async def test_two_seats_one_game_the_waiting_seat_sees_the_move_within_a_second(
        game: GameSession, codes: dict[str, str]) -> None:
    red, blue = seat_app(game, codes["Red"]), seat_app(game, codes["Blue"])
    async with red.run_test(size=SIZE) as red_pilot, blue.run_test(size=SIZE) as blue_pilot:
        assert seat(red).view.your_move and not seat(blue).view.your_move
        assert "Your move: Redland decides" in screen_text(red)
        assert "Waiting: Team Red — Redland decides" in screen_text(blue)
        assert "Team Blue · Blueland" in screen_text(blue)

        await red_pilot.press("1")
        await red_pilot.press(*"we keep [/] the strait open")
        await red_pilot.press("enter")
        await wait_for(red_pilot, lambda: seat(red).view.turn == 2, "Red's move")
        waited = await wait_for(blue_pilot, lambda: seat(blue).view.your_move, "Blue seeing Red's move")
        assert waited < 1.0

        await wait_for(blue_pilot, lambda: "Send a carrier" in screen_text(blue), "Blue's options")
        red_text, blue_text = screen_text(red), screen_text(blue)
        assert "Your move: Blueland decides" in blue_text and "Send a carrier" in blue_text
        assert "Waiting: Team Blue — Blueland decides" in red_text
        assert "we keep [/] the strait open" in red_text  # its own decision, literally
        assert "we keep" not in blue_text and "private until the debrief" in blue_text
        assert "Patrol the strait" in blue_text  # who chose what is public

        await blue_pilot.press("2", "enter")  # Call for talks, rationale skipped: the game ends
        await wait_for(blue_pilot, lambda: seat(blue).view.finished, "Blue's move")
        await wait_for(red_pilot, lambda: seat(red).view.finished, "Red seeing the end")
        assert "Game over — An uneasy calm" in screen_text(red)
        assert "we keep [/] the strait open" in screen_text(blue)  # rationales are public after the game
    [*_, red_move, blue_move] = [e for e in GameSession.resume(game.store.path, log=False).events if e.advances]
    assert (red_move.seat, red_move.body.label, red_move.body.rationale) == (
        "Red", "Patrol the strait", "we keep [/] the strait open")
    assert (blue_move.seat, blue_move.body.label, blue_move.body.rationale) == ("Blue", "Call for talks", None)


async def test_a_locked_option_is_refused_with_its_reason(game: GameSession, codes: dict[str, str]) -> None:
    app = seat_app(game, codes["Red"])
    async with app.run_test(size=SIZE) as pilot:
        assert "locked: " in screen_text(app) and "Blockade" in screen_text(app)
        await pilot.press("2")
        text = screen_text(app)
        assert "Option 2 is locked" in text and "Tension" in text
        assert seat(app).chosen is None
        await pilot.press("enter")  # the option list's Enter on the locked option: refused again
        assert seat(app).chosen is None and seat(app).view.turn == 1
    assert not [e for e in game.store.events() if e.advances]


async def test_a_stale_move_is_refused_and_the_screen_shows_what_changed(
        game: GameSession, codes: dict[str, str]) -> None:
    app = seat_app(game, codes["Red"])
    async with app.run_test(size=SIZE) as pilot:
        screen = seat(app)
        screen.link.stop_watching()  # so the facilitator's move is not seen before Red sends its own
        await pilot.press("3")
        await pilot.press(*"stand down")
        game.decide(0, "the facilitator enters Red's move", turn=1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not screen.sending, "the answer")
        text = screen_text(app)
        assert "Another seat moved first" in text and "Patrol the strait" in text
        assert screen.view.turn == 2 and not screen.view.your_move
        assert "Waiting: Team Blue — Blueland decides" in text
    moves = [e for e in game.store.events() if e.advances]
    assert len(moves) == 1 and moves[0].seat == "facilitator"


async def test_the_facilitators_moves_reach_the_seat(game: GameSession, codes: dict[str, str]) -> None:
    app = seat_app(game, codes["Blue"])
    async with app.run_test(size=SIZE) as pilot:
        game.decide(0, None)
        await wait_for(pilot, lambda: seat(app).view.your_move, "the facilitator's move")
        game.undo("wrong key")
        await wait_for(pilot, lambda: not seat(app).view.your_move, "the undo")
        assert "wrong key" in screen_text(app)


async def test_a_team_reads_only_its_own_briefing(game: GameSession, codes: dict[str, str]) -> None:
    app = seat_app(game, codes["Red"])
    async with app.run_test(size=SIZE) as pilot:
        assert "SECRET-BLUE" not in screen_text(app)
        await pilot.press("escape", "b")
        assert isinstance(app.screen, TeamBriefingScreen)
        await pilot.pause()
        text = screen_text(app)
        assert "Redland" in text and "Keep the strait open" in text
        assert "SECRET-RED: your navy is [bold]not[/bold] ready." in text  # shown literally
        assert "SECRET-BLUE" not in text and "Avoid a war" not in text
        await pilot.press("escape")
        assert not isinstance(app.screen, TeamBriefingScreen)


async def test_the_palette_opens_the_team_briefing(game: GameSession, codes: dict[str, str]) -> None:
    app = seat_app(game, codes["Red"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"briefing")
        await wait_for(pilot, lambda: "Your team's briefing" in screen_text(app), "the palette's entry", seconds=5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TeamBriefingScreen), "the briefing", seconds=5)
        assert "SECRET-RED" in screen_text(app) and "SECRET-BLUE" not in screen_text(app)


async def test_the_code_prompt_refuses_a_wrong_code_then_opens_the_seat(
        game: GameSession, codes: dict[str, str], tmp_path: Path) -> None:
    app = SeatApp(game.store.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"ABC-DEF-GHJ", "enter")  # a wrong code is answered after a second (join_guard)
        await wait_for(pilot, lambda: "not a join code of this game" in screen_text(app), "the refusal", seconds=10)
        assert "ABC-DEF-GHJ is not a join code of this game" in screen_text(app)
        await pilot.press(*"22", "enter")
        await wait_for(pilot, lambda: "a code has 9 characters" in screen_text(app), "the refusal", seconds=5)
        typed = codes["Blue"].lower()
        await pilot.press(*f"{typed[:3]}-{typed[3:6]}-{typed[6:]}", "enter")
        await wait_for(pilot, lambda: app.link is not None and app.seat_screen is app.screen, "the seat", seconds=5)
        assert "Team Blue · Blueland" in screen_text(app)
        assert app.link.team == "Blue"


async def test_the_turn_timer_counts_down_on_the_deciding_seat(tmp_path: Path) -> None:
    load = load_scenario(FIXTURES / "strait.yaml")
    teams = Teams.from_pairs([("red", "Red"), ("blue", "Blue")])
    with GameSession.create(load, tmp_path / "timed.sqlite", teams=teams, seed=1, timer=90) as game:
        app = seat_app(game, game.store.join_codes()["Red"])
        async with app.run_test(size=SIZE) as pilot:
            assert "⏱" not in screen_text(app)  # the facilitator has not started it
            game.start_timer()
            await wait_for(pilot, lambda: "⏱ 1:" in screen_text(app), "the countdown")
            assert "⏱ 1:2" in screen_text(app) or "⏱ 1:3" in screen_text(app)
