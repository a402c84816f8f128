"""`explorer report FILE [-o report.md]`: the debrief of a game as Markdown."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
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

    from explorer.game.debrief import analysis_sources
    from explorer.game.errors import GameError
    from explorer.game.report import render
    from explorer.game.session import GameSession

    path = Path(args.file)
    if not path.exists():
        print(f"explorer report: error: no such game file: {shown(path)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with GameSession.resume(path, scenario=args.scenario, force=args.force, log=False) as session:
            for warning in session.warnings:
                print(f"explorer report: warning: {shown(warning)}", file=sys.stderr)
            sources = {} if args.no_analysis else analysis_sources(session.graph)
            text = shown(render(session.debrief(**sources)), lines=True)
    except GameError as exc:
        print(f"explorer report: error: {shown(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"explorer report: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"report written: {args.output}")
    return EXIT_OK
