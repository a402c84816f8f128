"""A team's seat in its own process, for the cross-process classroom tests:
`python -m tests.classroom.class_bot STORE CODE PLAN_JSON`.

PLAN maps a round's node id to what the team does there, in order: `argue` ([action, result,
reasons…]), `forecast` (probabilities), `orders` (move indices, each replacing the last: a changed
order). The bot waits at each node until the game is there and the file STORE.go-NODE exists (the
test's starting gun), argues and forecasts, gives its orders once STORE.orders-NODE exists too,
then waits for the reveal. It prints one line per thing it did or saw,
at once (the test reads them as they come): `joined`, `holding NODE: LABEL rev N` (orders found
on joining), `ordered NODE N`, `argued #N`, `forecast #N`, `revealed NODE -> TO`, `finished`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from explorer.game.views import game_view

POLL = 0.02
PATIENCE = 120.0


def say(line: str) -> None:
    print(line, flush=True)


def wait(session: GameSession, ready: object) -> None:
    deadline = time.monotonic() + PATIENCE
    while not ready():  # type: ignore[operator]
        if time.monotonic() > deadline:
            say("gave up waiting")
            raise SystemExit(3)
        time.sleep(POLL)
        session.refresh()


def main(store: str, code: str, plan_json: str) -> None:
    plan: dict[str, dict[str, list]] = json.loads(plan_json)
    with open_seat(store, code) as session:
        say("joined")
        view = game_view(session)
        for form in view.round.forms if view.round else ():
            if form.current is not None:
                say(f"holding {session.node_id}: {form.current.label} rev {form.current.revision}")
        for node, steps in plan.items():
            go = Path(f"{store}.go-{node}")
            wait(session, lambda n=node, g=go: session.node_id == n and g.exists())
            actor = game_view(session).round.forms[0].actor
            if "argue" in steps:
                action, result, *reasons = steps["argue"]
                event = session.argue(actor, action, result, reasons)
                say(f"argued #{event.body.number}")
            if "forecast" in steps:
                wait(session, lambda: game_view(session).forecast is not None)
                event = session.enter_forecast(steps["forecast"])
                say(f"forecast #{event.body.number}")
            if steps.get("orders"):
                wait(session, lambda n=node: Path(f"{store}.orders-{n}").exists())
            for move in steps.get("orders", []):
                session.submit_order(actor, move, f"{session.seat} orders move {move + 1} at {node}",
                                     turn=game_view(session).round.forms[0].turn)
                say(f"ordered {node} {move + 1}")
            wait(session, lambda n=node: session.node_id != n)
            say(f"revealed {node} -> {session.node_id}")
        wait(session, lambda: session.finished)
        say("finished")


if __name__ == "__main__":
    main(*sys.argv[1:4])
