"""`explorer replay FILE`: step through a stored game, event by event, in the terminal UI."""

from __future__ import annotations

import argparse

from explorer.commands.shared.output import error, warning
from explorer.exit_codes import ExitCode


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
        return error("replay", f"no such game file: {path}", ExitCode.USAGE)
    try:
        session = GameSession.resume(path, scenario=args.scenario, force=args.force, log=False)
    except GameError as exc:
        return error("replay", str(exc), ExitCode.PROBLEMS)
    from explorer.tui.game.app import make_replay_app

    with session:
        for text in session.warnings:
            warning("replay", text)
        make_replay_app(session).run()
    return ExitCode.OK
