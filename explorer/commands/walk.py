"""`explorer walk export FILE`: a saved solo walk as Markdown (the path, notes, state changes, sources,
where it ended and the comparison with the marked walk and the historical path)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error, warning
from explorer.exit_codes import ExitCode

if TYPE_CHECKING:
    from explorer.analysis.outlooks import Outlooks
    from explorer.graph import ScenarioGraph


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("walk", help="saved solo walks: write one out as Markdown")
    actions = parser.add_subparsers(dest="walk_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a saved walk as Markdown")
    export.add_argument("file", metavar="FILE", help="the saved walk (a .walk.jsonl file; `explorer play` says where)")
    export.add_argument("--scenario", metavar="PATH", help="the scenario file (default: where the walk was saved from)")
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of printing")


def run(args: argparse.Namespace) -> int:
    from explorer.commands.shared.scenario_input import load_valid
    from explorer.walks.journal import JournalError, read
    from explorer.walks.markdown import walk_markdown
    from explorer.walks.session import WalkSession

    file = Path(args.file)
    try:
        header = read(file).header
    except JournalError as exc:
        return error("walk", str(exc), ExitCode.USAGE)
    scenario = Path(args.scenario or header.scenario_path)
    if not args.scenario and not scenario.is_file():
        return error("walk", f"the scenario this walk was saved from ({scenario}) is gone: give it with --scenario",
                     ExitCode.USAGE)
    result, status = load_valid(scenario, "walk")
    if result is None or result.graph is None:
        return status
    try:
        session, resumed = WalkSession.resume(result.graph, file, keep=False)
    except JournalError as exc:
        return error("walk", str(exc), ExitCode.USAGE)
    if resumed.stopped or resumed.torn:
        warning("walk", resumed.summary)
    text = walk_markdown(session, str(scenario), _outlooks(result.graph))
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return error("walk", f"cannot write {args.output}: {exc.strerror or exc}", ExitCode.USAGE)
        print(f"written: {args.output}")
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def _outlooks(graph: ScenarioGraph) -> Outlooks | None:
    """The solved scenario for the odds chart, or None (with a warning) when it is too large to solve."""
    from explorer.analysis.outlooks import Outlooks
    from explorer.analysis.summary import analyse
    from explorer.analysis.unfolding import UnfoldingTooLarge

    try:
        return Outlooks(analyse(graph))
    except UnfoldingTooLarge as exc:
        warning("walk", f"no odds chart: the scenario is too large to solve here ({exc})")
        return None
