"""`explorer import GAME.efg [-o FILE.yaml]`: a Gambit extensive-form game as a format-2 scenario.

Perfect-information moves become decisions, chance nodes chance nodes, and stages where players move
without seeing each other's moves (revealed once all have moved) rounds. Any other information set is
refused, each at its place in the .efg as `FILE:LINE:COL: error: …`, with the reason (exit 1). The
scenario written is loaded and checked before it is handed over.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import", help="turn a Gambit .efg game into a scenario (perfect information and simultaneous-move rounds)",
        description="Turn a Gambit extensive-form game (.efg) into a format-2 scenario: perfect-information moves "
                    "become decisions and chance nodes, players moving without seeing each other's moves become rounds; "
                    "any other hidden information is refused with the information set and the reason.",
    )
    parser.add_argument("path", metavar="GAME.efg", help="the Gambit extensive-form file")
    parser.add_argument("-o", "--output", metavar="FILE.yaml", help="write the scenario to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from explorer.gambit.efg_reader import MAX_EFG_BYTES
    from explorer.gambit.importer import import_efg

    path = Path(args.path)
    if path.is_dir():
        return error("import", f"{args.path} is a folder: give a .efg file", ExitCode.USAGE)
    try:
        if path.stat().st_size > MAX_EFG_BYTES:
            print(f"{shown(path)}: error: the file is larger than {MAX_EFG_BYTES // (1024 * 1024)} MB", file=sys.stderr)
            return ExitCode.PROBLEMS
        data = path.read_bytes()
    except (OSError, ValueError):
        return error("import", f"no such file: {args.path}", ExitCode.USAGE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # older Gambit files: every byte is a character
    imported = import_efg(text, path.name)
    if imported.error is not None:
        where = f"{path}:{imported.error.line}:{imported.error.col}" if imported.error.line else str(path)
        print(f"{shown(where)}: error: {shown(imported.error.message)}", file=sys.stderr)
        return ExitCode.PROBLEMS
    if imported.text is None:
        for refusal in imported.refusals:
            print(shown(f"{path}:{refusal.line}:{refusal.col}: error: {refusal.message}"), file=sys.stderr)
        count = len(imported.refusals)
        print(f"explorer import: {count} information set{'s' if count != 1 else ''} cannot be written as a scenario: "
              "a scenario hides only the moves of a round from the other players of that round", file=sys.stderr)
        return ExitCode.PROBLEMS
    return _write(imported.text, args, path)


def _write(text: str, args: argparse.Namespace, path: Path) -> int:
    from explorer.loading import load_text

    result = load_text(text, args.output or "<imported>")
    if not result.ok:  # pragma: no cover - a bug of the importer, said as such
        for problem in result.problems.sorted():
            print(problem, file=sys.stderr)
        return error("import", f"the scenario made from {path} does not load; this is a bug in explorer import",
                     ExitCode.PROBLEMS)
    try:
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        else:
            sys.stdout.write(text)
    except OSError as exc:
        return error("import", f"cannot write {args.output}: {exc.strerror or exc}", ExitCode.USAGE)
    graph = result.graph
    assert graph is not None
    rounds = sum(1 for node in graph.scenario.nodes.values() if node.kind == "round")
    print(f"{'wrote ' + shown(args.output) if args.output else 'imported'}: {len(graph)} nodes ({rounds} rounds, "
          f"{len(graph.outcomes)} outcomes), {len(graph.scenario.actors)} actors", file=sys.stderr)
    return ExitCode.OK
