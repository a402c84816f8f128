"""`explorer log FILE [--jsonl]`: a game's events, as readable lines or as JSON lines for other tools."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from explorer.terminal_text import json_text, shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("log", help="print a game's event log (--jsonl: one JSON object per line)")
    parser.add_argument("file", metavar="FILE", help="the game file")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines: seq, time, turn, seat, team, actor, "
                                                            "kind, node, payload, state")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from explorer.game.errors import StoreError
    from explorer.game.narration import actor_names, log_line
    from explorer.game.store import Store

    path = Path(args.file)
    if not path.exists():
        print(f"explorer log: error: no such game file: {shown(path)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with Store.open(path) as store:
            events = store.events()
    except StoreError as exc:
        print(f"explorer log: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    names = actor_names(events)
    for event in events:
        if args.jsonl:
            print(json_text(json.dumps(event.as_dict(), ensure_ascii=False)))
        else:
            print(shown(log_line(event, names)))
    return EXIT_OK
