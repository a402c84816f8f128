"""A team's view: its own briefing, decisions and rationale box, the public state — nothing private to others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.format.models import NodeKind
from explorer.game.errors import MoveRefused
from explorer.game.joincodes import JoinRefused
from explorer.game.seats import open_seat, seat_view
from explorer.game.session import GameSession


def test_a_team_sees_its_own_briefing_and_move_but_not_other_teams_secrets(
        game: GameSession, codes: dict[str, str]) -> None:
    north = open_seat(game.store.path, codes["North"])
    south = open_seat(game.store.path, codes["South"])
    view = seat_view(north)
    assert view.team == "North" and view.team_title == "Team North" and view.your_move
    assert [b.text for b in view.briefings] == ["SECRET-NORTH: your envoy may walk out."]
    assert [(o.number, o.label, o.available) for o in view.options] == [(1, "Offer a freeze", True), (2, "Walk out", True)]
    assert view.options[1].effects == (("Tension", 3.0),)
    assert view.rationale is not None and view.rationale.turn == 1 and view.rationale.actor_name == "Northland"
    waiting = seat_view(south)
    assert not waiting.your_move and waiting.options == () and waiting.rationale is None
    assert waiting.banner == "Team North — Northland decides"
    assert "SECRET-NORTH" not in json.dumps(waiting.as_dict())
    with pytest.raises(MoveRefused, match="briefing of Northland is private to Team North"):
        south.briefing("north")

    north.decide(0, "NORTH-RATIONALE: a freeze buys time", turn=view.turn)
    south.refresh()
    seen_by_south = json.dumps(seat_view(south).as_dict())
    assert "NORTH-RATIONALE" not in seen_by_south and "SECRET-NORTH" not in seen_by_south
    assert "SECRET-SOUTH" in seen_by_south and "Offer a freeze" in seen_by_south  # public: what North chose
    assert seat_view(south).your_move
    mine = seat_view(north)
    assert [(d.label, d.rationale) for d in mine.own_decisions] == [("Offer a freeze", "NORTH-RATIONALE: a freeze buys time")]
    assert any("NORTH-RATIONALE" in line.text for line in mine.log)

    game.refresh()
    game.inject("signing", "the talks move fast", turn=game.turn)
    game.roll(turn=game.turn)
    south.refresh()
    over = seat_view(south)
    assert over.finished and over.payoffs and over.odds == ()
    assert any("NORTH-RATIONALE" in line.text for line in over.log)  # the debrief shows every rationale
    assert "SECRET-NORTH" not in json.dumps(over.as_dict())  # briefings stay private
    north.close()
    south.close()


def test_at_a_chance_node_teams_see_the_odds_once_the_facilitator_shows_them(
        game: GameSession, codes: dict[str, str]) -> None:
    game.decide(1, "walk out")
    with open_seat(game.store.path, codes["West"]) as west:
        view = seat_view(west)
        assert view.kind == NodeKind.CHANCE and not view.your_move
        assert view.odds == () and not view.estimates_shown  # the analyst's odds would spoil the exercise
        game.show("estimates")
        west.refresh()
        view = seat_view(west)
    assert [(o.label, o.probability, o.words) for o in view.odds] == [
        ("Talks break", 0.3, "0.30 (unlikely)"), ("Talks hold", 0.7, "0.70 (likely)")]


def test_join_once_prints_the_view_without_other_teams_secrets(
        game: GameSession, codes: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    game.decide(0, "NORTH-RATIONALE: freeze", turn=1)
    assert main(["join", str(game.store.path), "--code", codes["South"].lower()]) == 0
    out = capsys.readouterr().out
    assert "Team South (Southland)" in out and "SECRET-SOUTH" in out
    assert "your move (turn 2) for Southland:" in out and "1. Accept the freeze" in out
    assert "A summit [/] under strain" in out  # literal, markup untouched
    assert "SECRET-NORTH" not in out and "SECRET-WEST" not in out and "NORTH-RATIONALE" not in out
    assert main(["join", str(game.store.path), "--code", codes["South"], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["team"] == "South" and data["your_move"] and "NORTH-RATIONALE" not in json.dumps(data)


@pytest.mark.parametrize(("code", "words"), [
    ("ZZZ-ZZZ-ZZZ", "ZZZ-ZZZ-ZZZ is not a join code of this game"),
    ("hello", "'hello' is not a join code: it contains 'L', 'O' (codes use no 0, 1, I, L, O or U)"),
    ("K7M-4Q", "a code has 9 characters"),
    ("", "no join code given"),
])
def test_a_wrong_join_code_is_a_clear_error(game: GameSession, code: str, words: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", str(game.store.path), "--code", code]) == 1
    err = capsys.readouterr().err
    assert err.startswith("explorer join: error: ") and words in err and len(err.splitlines()) == 1
    with pytest.raises(JoinRefused):
        open_seat(game.store.path, code)


def test_join_refuses_a_missing_file_and_the_facilitator_has_no_seat_view(
        tmp_path: Path, game: GameSession, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", str(tmp_path / "nope.sqlite"), "--code", "K7M-4QX-9TZ"]) == 2
    assert "no such game file" in capsys.readouterr().err
    with pytest.raises(JoinRefused, match="for a team's seat or the shared screen"):
        seat_view(game)


def test_join_once_prints_markdown_as_text() -> None:
    """`join --once` is read in a terminal: emphasis marks go, lists get bullets, escapes stay visible."""
    from explorer.commands.join import as_text

    text = as_text("Bosack counts **Kim's options**: *pressure*.\n\n- ask China\n- ask Russia `now`\n\nESC \x1b[31m")
    assert "Bosack counts Kim's options: pressure." in text
    assert "**" not in text and "`" not in text and "- ask" not in text
    assert "• ask China" in text and "• ask Russia now" in text
    assert "\x1b" not in text and "\\x1b[31m" in text
