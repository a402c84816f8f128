"""`explorer log FILE [--jsonl]`: a game's events, as readable lines or as JSON lines for other tools.

Until the debrief (the game reached an outcome, or the facilitator ended it) the log is what the
shared screen may read: sealed orders, rationales, covert moves, hidden metrics, news for some
teams and forecasts not yet closed are withheld (`explorer.game.privacy`); afterwards, everything.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode

if TYPE_CHECKING:
    from pathlib import Path

    from explorer.game.events import Event
    from explorer.game.privacy import Context


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("log", help="print a game's event log (--jsonl: one JSON object per line)")
    parser.add_argument("file", metavar="FILE", help="the game file")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines: seq, time, turn, seat, team, actor, "
                                                            "kind, node, payload, state")
    parser.add_argument("--scenario", metavar="PATH", help="where the game's scenario is now, if it moved")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from explorer.game.errors import StoreError
    from explorer.game.privacy import SHARED_VIEW, event_for, log_line_for
    from explorer.game.store import Store

    path = Path(args.file)
    if not path.exists():
        return error("log", f"no such game file: {path}", ExitCode.USAGE)
    try:
        with Store.open(path) as store:
            events = store.events()
    except StoreError as exc:
        return error("log", str(exc), ExitCode.PROBLEMS)
    ctx = context(path, events, args.scenario)
    for event in events:
        if args.jsonl:
            print(json.dumps(event_for(SHARED_VIEW, event, ctx), ensure_ascii=False))
        else:
            print(log_line_for(SHARED_VIEW, event, ctx))
    return ExitCode.OK


def context(path: Path, events: list[Event], scenario: str | None) -> Context:
    """What the privacy rules need: from the game with its scenario when it loads (it knows whether
    the game reached an outcome), else from the events alone (over only once the facilitator ended it)."""
    from explorer.game.errors import GameError
    from explorer.game.privacy import Context
    from explorer.game.session import GameSession

    try:
        with GameSession.resume(path, scenario=scenario, log=False) as session:
            return Context.of(session)
    except GameError:
        return Context.from_events(events)
