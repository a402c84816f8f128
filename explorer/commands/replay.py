"""`explorer replay FILE`: step through a stored game, event by event, in the terminal UI."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from explorer.terminal_text import shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("replay", help="step through a stored game in the terminal UI (finished or not)")
    parser.add_argument("file", metavar="FILE", help="the game file")
    parser.add_argument("--scenario", metavar="PATH", help="where the game's scenario is now, if it moved")
    parser.add_argument("--force", action="store_true", help="replay even if the scenario has changed since the game")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.game.errors import GameError
    from explorer.game.session import GameSession

    path = Path(args.file)
    if not path.exists():
        print(f"explorer replay: error: no such game file: {shown(path)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        session = GameSession.resume(path, scenario=args.scenario, force=args.force, log=False)
    except GameError as exc:
        print(f"explorer replay: error: {shown(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    from explorer.tui.game.app import make_replay_app

    with session:
        for warning in session.warnings:
            print(f"explorer replay: warning: {shown(warning)}", file=sys.stderr)
        make_replay_app(session).run()
    return EXIT_OK
