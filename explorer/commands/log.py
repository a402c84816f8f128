"""`explorer log FILE [--jsonl]`: a game's events, as readable lines or as JSON lines for other tools.

Until the debrief (the game reached an outcome, or the facilitator ended it) the log is what the
shared screen may read: sealed orders, rationales, covert moves, hidden metrics, news for some
teams and forecasts not yet closed are withheld (`explorer.game.privacy`); afterwards, everything.
A damaged store prints the events that can still be read, then one line saying it is damaged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text, shown

if TYPE_CHECKING:
    from explorer.game.errors import StoreDamaged
    from explorer.game.events import Event
    from explorer.game.privacy import Context


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("log", help="print a game's event log (--jsonl: one JSON object per line)")
    parser.add_argument("file", metavar="FILE", help="the game file")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines: seq, time, turn, seat, team, actor, "
                                                            "kind, node, payload, state")
    parser.add_argument("--scenario", metavar="PATH", help="where the game's scenario is now, if it moved")


def run(args: argparse.Namespace) -> int:
    from explorer.game.errors import StoreDamaged, StoreError
    from explorer.game.store import Store

    path = Path(args.file)
    if not path.exists():
        return error("log", f"no such game file: {path}", ExitCode.USAGE)
    try:
        with Store.open(path) as store:
            events = store.events()
            attempts = store.join_attempts()
    except StoreDamaged as exc:
        return _damaged(path, exc, args.jsonl)
    except StoreError as exc:
        return error("log", str(exc), ExitCode.PROBLEMS)
    _print(events, args.jsonl, context(path, events, args.scenario))
    if not args.jsonl:
        for a in attempts:
            print(shown(f"join attempts from {a.client}: {a.joined} joined, {a.wrong} wrong code(s), "
                        f"{a.locked} refused while locked out; the last at {a.last}"))
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


def _print(events: list[Event], jsonl: bool, ctx: Context) -> None:
    """Every event as the shared screen may read it (everything once the game is over)."""
    from explorer.game.privacy import SHARED_VIEW, event_for, log_line_for

    for event in events:
        if jsonl:
            print(json_text(json.dumps(event_for(SHARED_VIEW, event, ctx), ensure_ascii=False)))
        else:
            print(shown(log_line_for(SHARED_VIEW, event, ctx)))


def _damaged(path: Path, exc: StoreDamaged, jsonl: bool) -> int:
    """The events that can still be read, then one line saying the store is damaged (exit 1)."""
    from explorer.game.privacy import Context
    from explorer.game.salvage import readable_events

    found = readable_events(path)
    if found is None or not found.events:
        return error("log", f"{path} is damaged: {exc.reason}; no event can be read", ExitCode.PROBLEMS)
    _print(found.events, jsonl, Context.from_events(found.events))
    lost = "; ".join(found.lost) or exc.reason
    sys.stdout.flush()
    return error("log", f"{path} is damaged: {lost}; the {len(found.events)} event(s) above are those that could "
                 "still be read", ExitCode.PROBLEMS)
