"""`explorer play [PATH]` (and `explorer` alone): walk a scenario in the terminal UI."""

from __future__ import annotations

import argparse

from explorer.exit_codes import ExitCode


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("play", help="open a scenario in the terminal UI (the default)")
    parser.add_argument("path", nargs="?", metavar="PATH", help="scenario file (default: the bundled one)")
    parser.add_argument("--seed", type=int, default=None, help="seed for dice rolls at chance nodes")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from explorer.bundled import default_scenario
    from explorer.commands.shared.scenario_input import load_valid

    path = Path(args.path) if args.path else default_scenario()
    result, status = load_valid(path, "play")
    if result is None:
        return status
    import gc

    from explorer.tui.app import make_app

    # The scenario lives as long as the app: keep the collector from re-scanning it,
    # which on a big scenario shows as a pause now and then after a keypress.
    gc.freeze()
    make_app(result.graph, path=path, seed=args.seed).run()
    return ExitCode.OK
