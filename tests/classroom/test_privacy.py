"""Nothing private leaks: for every kind of private thing — an order before the reveal, a covert move,
private text, a hidden metric, a rationale, news for some teams, a forecast before it closes, a
briefing — every view of every other viewer, the log, its JSON export and the report, built at each
moment of a game and searched for it, hold none of it until the debrief; the debrief holds it all."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from explorer.cli import main
from explorer.game.session import GameSession
from explorer.game.views import game_view

Seat = Callable[[str], GameSession]
TEAMS = ("North", "South", "East", "West")
COVERT = "Fuel more missiles"


def exports(game: GameSession, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The log, its JSON lines and the report, as printed."""
    out = {}
    for name, argv in (("log", ["log"]), ("jsonl", ["log", "--jsonl"]), ("report", ["report", "--no-analysis"])):
        capsys.readouterr()
        assert main([argv[0], str(game.store.path), *argv[1:]]) == 0
        out[name] = capsys.readouterr().out
    return out


def views(game: GameSession, seat: Seat) -> dict[str, str]:
    """Every viewer's view (the facilitator's too), as JSON text."""
    game.refresh()
    out = {"facilitator": json.dumps(game_view(game).as_dict(), ensure_ascii=False)}
    for name in (*TEAMS, "shared"):
        session = seat(name)
        out[name] = json.dumps(game_view(session).as_dict(), ensure_ascii=False)
    return out


def assert_only(texts: dict[str, str], secret: str, allowed: set[str]) -> None:
    """`secret` appears in the texts of `allowed` and in no other."""
    holders = {name for name, text in texts.items() if secret in text}
    assert holders == allowed, f"{secret!r} is seen by {sorted(holders)}, expected {sorted(allowed)}"


def test_nothing_private_leaks_before_the_debrief(game: GameSession, seat: Seat,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # Round 1: North's covert order and South's order, both sealed.
    seat("North").submit_order("north", 2, "NORTH-WHY-1: fuel them quietly")
    seat("South").submit_order("south", 1, "SOUTH-WHY-1: drill to deter")
    seen = views(game, seat)
    for secret, allowed in (("NORTH-WHY-1", {"North"}), ("SOUTH-WHY-1", {"South"}),
                            ("SECRET-PRIVATE-NORTH", {"North", "facilitator"}),
                            ("SECRET-BRIEF-NORTH", {"North", "facilitator"}),
                            ("SECRET-BRIEF-EAST", {"East", "facilitator"})):
        assert_only(seen, secret, allowed)
    assert COVERT not in seen["South"] and COVERT not in seen["shared"] and COVERT not in seen["facilitator"]
    lines = json.loads(seen["facilitator"])["round"]["lines"]
    assert [line["submitted"] for line in lines] == [True, True, False, False, False]  # who, not what
    printed = exports(game, capsys)
    for text in printed.values():
        assert "WHY-1" not in text and COVERT not in text and "SECRET" not in text
    assert "gave orders for Northland (sealed until the reveal)" in printed["log"]
    sealed = [json.loads(line) for line in printed["jsonl"].splitlines() if '"kind": "order"' in line]
    assert all(row["payload"]["move"] is None and "move" in row["payload"]["withheld"] for row in sealed)

    # The reveal: North's covert move stays secret, the hidden metric changed; rationales stay private.
    game.close_round()
    seen = views(game, seat)
    assert_only(seen, COVERT, {"North", "facilitator"})
    assert_only(seen, "NORTH-WHY-1", {"North"})  # the facilitator reads rationales of decisions, not orders…
    assert "moved in secret" in seen["South"] and "moved in secret" in seen["shared"]
    for name in ("South", "East", "West", "shared"):
        readiness = next(m for m in json.loads(seen[name])["metrics"] if m["id"] == "readiness")
        assert readiness["value"] is None and readiness["hidden"]
    north = next(m for m in json.loads(seen["North"])["metrics"] if m["id"] == "readiness")
    assert north["value"] == 3
    printed = exports(game, capsys)
    for text in printed.values():
        assert COVERT not in text and "WHY-1" not in text and "SECRET" not in text
    assert "Northland moved in secret" in printed["log"]
    states = [json.loads(line)["state"] for line in printed["jsonl"].splitlines()]
    assert all(state["readiness"] is None for state in states)
    assert "Northland readiness" not in printed["report"] and "a hidden change" in printed["report"]

    # Round 2: news for South only, South's private text, a forecast not yet closed.
    game.fire_inject("leak")
    game.open_forecast()
    seat("East").enter_forecast([0.9, 0.05, 0.05])
    seen = views(game, seat)
    assert_only(seen, "SECRET-LEAK", {"South", "facilitator"})
    assert_only(seen, "SECRET-PRIVATE-SOUTH", {"South", "facilitator"})
    assert '"yours": [0.9, 0.05, 0.05]' in seen["East"]
    assert all("0.9, 0.05" not in seen[name] for name in ("North", "South", "West", "shared", "facilitator"))
    printed = exports(game, capsys)
    for text in printed.values():
        assert "SECRET" not in text and "0.9, 0.05" not in text
    assert "entered its forecast #1 (sealed until the forecast closes)" in printed["log"]

    # A decision-free rationale in round 2 and the debrief: everything is told.
    seat("West").submit_order("west", 1, "WEST-WHY-2: patrol")
    game.close_forecast()
    game.end("out of time")
    printed = exports(game, capsys)
    for secret in ("NORTH-WHY-1", "SOUTH-WHY-1", COVERT, "SECRET-LEAK", "WEST-WHY-2"):
        assert secret in printed["log"], secret
    assert "Northland readiness" in printed["report"] and "NORTH-WHY-1" in printed["report"]
    seen = views(game, seat)
    assert COVERT in seen["South"] and "SECRET-PRIVATE-SOUTH" in seen["North"]
    assert "SECRET-BRIEF-NORTH" not in seen["South"]  # briefings stay their team's


def test_a_team_sees_its_own_rationales_the_facilitator_every_decisions(game: GameSession, seat: Seat) -> None:
    game.close_round()
    game.close_round()
    assert game.node_id == "round_3"
    seat("North").submit_order("north", 0, "NORTH-WHY-3")
    seat("South").submit_order("south", 0, "SOUTH-WHY-3")
    seat("East").submit_order("east", 0, "EAST-WHY-3")
    seat("West").submit_order("west", 0, "WEST-WHY-3")
    assert game.refresh() and game.finished  # the last order revealed the round: the game is over
    seen = views(game, seat)
    for name in ("North", "South", "shared", "facilitator"):
        assert "EAST-WHY-3" in seen[name]  # the debrief: all rationales are told
