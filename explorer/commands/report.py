"""`explorer report FILE [-o report.md]`: the debrief of a game as Markdown.

Before the debrief (the game reached an outcome, or the facilitator ended it) the report is of a
game in progress as the shared screen may see it: rationales, covert moves, hidden metrics, the
analyst's estimates not shown to the class and the historical marks are withheld.
"""

from __future__ import annotations

import argparse
import sys

from explorer.commands.shared.output import error, warning
from explorer.exit_codes import ExitCode
from explorer.terminal_text import shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("report", help="write the debrief of a game as Markdown")
    parser.add_argument("file", metavar="FILE", help="the game file")
    parser.add_argument("-o", "--output", metavar="OUT", help="write the report to OUT (default: print it)")
    parser.add_argument("--scenario", metavar="PATH", help="where the game's scenario is now, if it moved")
    parser.add_argument("--force", action="store_true", help="report even if the scenario has changed since the game")
    parser.add_argument("--no-analysis", action="store_true",
                        help="leave out what the equilibrium would have done at each position (no solving)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.game.advice import Advisor
    from explorer.game.debrief import debrief_of
    from explorer.game.errors import GameError
    from explorer.game.report import render
    from explorer.game.session import GameSession

    path = Path(args.file)
    if not path.exists():
        return error("report", f"no such game file: {path}", ExitCode.USAGE)
    try:
        with GameSession.resume(path, scenario=args.scenario, force=args.force, log=False) as session:
            for text in session.warnings:
                warning("report", text)
            advisor = None if args.no_analysis or not session.ended else Advisor.of(session.graph)
            text = shown(render(debrief_of(session, advisor=advisor)), lines=True)
    except GameError as exc:
        return error("report", str(exc), ExitCode.PROBLEMS)
    if not args.output:
        sys.stdout.write(text)
        return ExitCode.OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        return error("report", f"cannot write {args.output}: {exc.strerror or exc}", ExitCode.USAGE)
    print(f"report written: {args.output}")
    return ExitCode.OK
