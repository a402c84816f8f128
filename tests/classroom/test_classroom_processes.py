"""A whole classroom game across processes: each team's seat is its own process (as each laptop
or browser tab is), the facilitator is this one. Orders come in concurrently and in any order, a
team changes its orders, a seat is killed with SIGKILL mid-round and rejoins with its orders
intact, the facilitator closes a round with an order missing, fires news, rules on an argued move
and runs a class forecast; every seat sees every reveal."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from explorer.game.class_events import (
    ENTERED_AS_DEFAULT,
    Argued,
    ForecastClosed,
    Forecasted,
    NewsFired,
    Ordered,
    Revealed,
    RoundClosed,
    Ruled,
)
from explorer.game.session import GameSession
from tests.support.processes import ROOT, LineReader

PATIENCE = 120.0


def bot(store: Path, code: str, plan: dict[str, dict[str, list]]) -> LineReader:
    """A team's seat in another process (see `class_bot`), its printed lines read as they come."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.classroom.class_bot", str(store), code, json.dumps(plan)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    return LineReader(proc)


def until(game: GameSession, ready: object, what: str) -> None:
    """Refresh the facilitator's session until `ready()` (a generous bound: the machine may be busy)."""
    deadline = time.monotonic() + PATIENCE
    while not ready():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"{what} did not happen"
        time.sleep(0.02)
        game.refresh()


def start(store: Path, node: str) -> None:
    """Let the seats act at `node`, their orders too."""
    Path(f"{store}.go-{node}").touch()
    Path(f"{store}.orders-{node}").touch()


def orders_in(game: GameSession) -> int:
    return sum(s.submitted for s in game.order_status())


def test_a_class_plays_three_rounds_from_separate_processes(game: GameSession, codes: dict[str, str]) -> None:
    store = game.store.path
    bots: list[LineReader] = []
    try:
        # Round 1. The facilitator gives the envoy's orders; West's seat orders, then dies by SIGKILL.
        game.submit_order("envoy", 1, "convene them")
        west = bot(store, codes["West"], {"round_1": {"orders": [1]}})
        bots.append(west)
        start(store, "round_1")
        west.wait_for("ordered round_1 2", PATIENCE)
        west.proc.send_signal(signal.SIGKILL)
        west.proc.wait(timeout=PATIENCE)
        # West joins again (a new process, as a reloaded browser tab would): its order is intact.
        west = bot(store, codes["West"], {"round_1": {}, "round_2": {"orders": [1]}, "round_3": {"orders": [0]}})
        bots.append(west)
        west.wait_for("holding round_1: Patrol the strait rev 1", PATIENCE)
        # South orders, then changes its orders; then North and East order at once, and the last
        # order in reveals the round.
        south = bot(store, codes["South"], {"round_1": {"orders": [1, 0]},
                                            "round_2": {"forecast": [0.5, 0.2, 0.3], "orders": [0]},
                                            "round_3": {"orders": [0]}})
        bots.append(south)
        south.wait_for("ordered round_1 1", PATIENCE)
        teams = {
            "North": bot(store, codes["North"], {"round_1": {"orders": [0]}, "round_2": {"orders": [0]},
                                                 "round_3": {"orders": [0]}}),
            "East": bot(store, codes["East"], {"round_1": {"orders": [0]},
                                               "round_2": {"argue": ["Escort the ferries", "trust rises",
                                                                     "it calms everyone"],
                                                           "forecast": [0.7, 0.1, 0.2]},
                                               "round_3": {"orders": [0]}}),
        }
        bots += teams.values()
        teams |= {"South": south, "West": west}
        for seat in teams.values():
            seat.wait_for("revealed round_1 -> round_2", PATIENCE)
        until(game, lambda: game.node_id == "round_2", "the first reveal")

        # Between rounds: news, then round 2 opens with a forecast; East argues instead of ordering.
        game.fire_inject("typhoon")
        game.open_forecast()
        Path(f"{store}.go-round_2").touch()
        teams["South"].wait_for("forecast #1", PATIENCE)
        teams["East"].wait_for("forecast #1", PATIENCE)
        teams["East"].wait_for("argued #1", PATIENCE)
        until(game, lambda: len(game.state.table.forecasts[1].entries) == 2, "two forecasts")
        game.close_forecast()
        until(game, lambda: 1 in game.state.table.arguments, "the argued move")
        ruling = game.rule_by_dice(1, {"trust": 1})
        Path(f"{store}.orders-round_2").touch()  # the orders of round 2, once the ruling is made
        until(game, lambda: orders_in(game) == 3, "three orders of round 2")
        game.close_round()  # East's order is missing: its default move
        for seat in teams.values():
            seat.wait_for("revealed round_2 -> round_3", PATIENCE)

        # Round 3: every order at once; the freeze ends the game.
        start(store, "round_3")
        for seat in teams.values():
            seat.wait_for("finished", PATIENCE)
        for seat in teams.values():
            assert seat.proc.wait(timeout=PATIENCE) == 0, seat.text()
    finally:
        for seat in bots:
            if seat.proc.poll() is None:
                seat.proc.kill()
                seat.proc.wait()

    game.refresh()
    assert game.node_id == "freeze" and game.finished
    events = [e.body for e in game.events]
    orders = [b for b in events if isinstance(b, Ordered)]
    assert [(o.move_id, o.revision) for o in orders if o.actor == "south"][:2] == [("drill", 1), ("engage", 2)]
    assert next((o.move_id, o.revision) for o in orders if o.actor == "west") == ("patrol", 1)  # kept across the kill
    closes = [b for b in events if isinstance(b, RoundClosed)]
    assert [(c.how, c.missing) for c in closes] == [("all orders in", []), ("closed by the facilitator", ["east"]),
                                                    ("all orders in", [])]
    assert any(o.actor == "east" and o.entered == ENTERED_AS_DEFAULT for o in orders)
    reveals = [b for b in events if isinstance(b, Revealed)]
    assert [r.to for r in reveals] == ["round_2", "round_3", "freeze"]
    assert [m["move_id"] for m in reveals[0].moves] == ["talk", "engage", "mediate", "patrol", "convene"]
    assert [b.title for b in events if isinstance(b, NewsFired)] == ["A typhoon closes the strait"]
    assert [b.action for b in events if isinstance(b, Argued)] == ["Escort the ferries"]
    assert isinstance(ruling.body, Ruled) and ruling.body.how == "dice"
    assert len([b for b in events if isinstance(b, Forecasted)]) == 2
    closed = next(b for b in events if isinstance(b, ForecastClosed))
    assert closed.entries == {"South": [0.5, 0.2, 0.3], "East": [0.7, 0.1, 0.2]}
    sent = {e.team for e in game.events if isinstance(e.body, Ordered) and e.seat != "facilitator"}
    assert sent == {"North", "South", "East", "West"}
