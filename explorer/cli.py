"""The `explorer` command: one module per subcommand under `explorer.commands`.

Each command module defines `add_parser(subparsers)` and `run(args) -> int`, and keeps its
heavy imports (Textual, analysis) inside `run`, so that `explorer check` stays light.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from types import ModuleType

from explorer import __version__
from explorer.exit_codes import ExitCode
from explorer.gc_pause import paused_gc

COMMANDS: tuple[str, ...] = (
    "play", "check", "new", "docs", "schema", "game", "join", "serve", "replay", "log", "report", "solve", "simulate",
    "sensitivity", "export", "import", "walk",
)
"""Subcommands, in the order `--help` lists them; each is `explorer.commands.<name>` (`import_` for import,
a Python keyword)."""

BATCH = frozenset({"solve", "simulate", "sensitivity", "export"})
"""Commands that load, compute, print and exit: they run with the cyclic collector paused (the scenario
and its positions are millions of long-lived objects that every collection would re-scan for nothing;
on 100k nodes that costs seconds)."""


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"explorer.commands.{name}{'_' if name == 'import' else ''}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; `only`: with that subcommand alone (the others' modules are not
    imported: `explorer` and `explorer play` start the UI sooner)."""
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Scenario explorer: walk, check and analyse sourced crisis game trees.",
        epilog="With no command, opens the bundled scenario in the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        _module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    # A command named first is parsed by a parser that knows it alone: its arguments, its errors and
    # its --help are the same, and the other commands' modules are not imported. Anything else
    # (no command, --help, --version, a mistyped command) gets the whole parser.
    parser = build_parser(given[0] if given and given[0] in COMMANDS else "play" if not given else None)
    try:
        args = parser.parse_args(given)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    if not args.command:
        args = parser.parse_args(["play"])
    try:
        with paused_gc() if args.command in BATCH else nullcontext():
            return int(_module(args.command).run(args))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
