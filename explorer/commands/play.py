"""`explorer play [PATH]` (and `explorer` alone): walk a scenario in the terminal UI."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("play", help="open a scenario in the terminal UI (the default)")
    parser.add_argument("path", nargs="?", metavar="PATH", help="scenario file (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=None, help="seed for dice rolls at chance nodes")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.bundled import default_scenario
    from explorer.loading import load_scenario

    path = Path(args.path) if args.path else default_scenario()
    if not path.exists():
        print(f"explorer play: error: no such file: {path}", file=sys.stderr)
        return EXIT_USAGE
    result = load_scenario(path)
    if not result.ok:
        for problem in result.problems.sorted():
            print(problem, file=sys.stderr)
        print(f"{len(result.problems.errors)} error(s): fix them and try again (explorer check {path})", file=sys.stderr)
        return EXIT_PROBLEMS
    import gc

    from explorer.tui.app import make_app

    # The scenario lives as long as the app: keep the collector from re-scanning it,
    # which on a big scenario shows as a pause now and then after a keypress.
    gc.freeze()
    make_app(result.graph, path=path, seed=args.seed).run()
    return EXIT_OK
