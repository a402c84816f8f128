"""Loading the scenario a command needs: a missing file or a broken scenario is refused in words."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text

if TYPE_CHECKING:
    from explorer.graph import ScenarioGraph
    from explorer.loading import LoadResult


def load_valid(path: Path, command: str) -> tuple[LoadResult | None, ExitCode]:
    """The loaded scenario, or None and the exit status after printing why to stderr.

    A broken scenario prints every problem as `explorer check` does (exit 1); a path that is
    not a file exits 2. For the commands that open a UI or a game (play, game, serve).
    """
    from explorer.loading import load_scenario

    if not path.is_file():
        return None, error(command, f"no such file: {path}", ExitCode.USAGE)
    result = load_scenario(path)
    if not result.ok:
        for problem in result.problems.sorted():
            print(problem, file=sys.stderr)
        return None, error(command, f"{len(result.problems.errors)} error(s) in the scenario: "
                                    f"fix them first (explorer check {path})", ExitCode.PROBLEMS)
    return result, ExitCode.OK


def load_graph(path: str, command: str, as_json: bool = False) -> tuple[ScenarioGraph | None, ExitCode]:
    """The scenario's graph, or None and the exit status after printing why.

    For the commands that print results (solve, simulate, sensitivity, export): a broken
    scenario's problems go to stdout as `explorer check` prints them (as JSON with `as_json`),
    a valid one's warnings to stderr.
    """
    from explorer.loading import load_scenario

    if not Path(path).exists():
        return None, error(command, f"no such file: {path}", ExitCode.USAGE)
    result = load_scenario(path)
    problems = result.problems.sorted()
    errors = [p for p in problems if p.severity == "error"]
    if errors or result.graph is None:
        if as_json:
            print(json_text(json.dumps({"problems": [p.as_dict() for p in problems]}, indent=2, ensure_ascii=False)))
        else:
            for problem in problems:
                print(problem)
            print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s): fix the scenario before `explorer {command}`")
        return None, ExitCode.PROBLEMS
    for problem in problems:
        print(problem, file=sys.stderr)
    return result.graph, ExitCode.OK
