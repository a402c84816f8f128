"""A team's seat in its own process: `python seat_bot.py STORE CODE PLAN_JSON OUT_JSON`.

It joins with the code, watches the game, and whenever its team has the move at a node of
PLAN (node id → option index) it decides, with a rationale naming the team and the node.
It stops when the game is over (or after 60 s) and writes what it did and its last view.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from explorer.game.errors import StaleTurn
from explorer.game.seats import open_seat, seat_view
from explorer.game.watch import Watch


def main(store: str, code: str, plan_json: str, out: str) -> None:
    plan = json.loads(plan_json)
    moves, refused = [], []
    deadline = time.monotonic() + 60
    with open_seat(store, code) as session, Watch.session(session, interval=0.1) as watch:
        Path(out + ".ready").touch()
        while not session.finished and time.monotonic() < deadline:
            view = seat_view(session)
            if view.your_move and view.node_id in plan:
                try:
                    event = session.decide(plan[view.node_id], f"{session.seat} reasons at {view.node_id}",
                                           turn=view.turn)
                    moves.append([event.turn, view.node_id])
                except StaleTurn as exc:
                    refused.append(str(exc))
                continue
            for _ in watch.follow(timeout=0.5):
                session.refresh()
                break
        Path(out).write_text(json.dumps({"team": session.seat, "moves": moves, "refused": refused,
                                         "view": seat_view(session).as_dict()}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
