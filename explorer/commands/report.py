"""`explorer report FILE [-o report.md]`: the debrief of a game as Markdown."""

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
                        help="leave out the equilibrium and most likely paths (no solving)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.game.debrief import analysis_sources, debrief_of
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
            sources = {} if args.no_analysis else analysis_sources(session.graph)
            text = shown(render(debrief_of(session, **sources)), lines=True)
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
