"""Loading the scenario a command needs: a missing file or a broken scenario is refused in words."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from explorer.loading import LoadResult


def load_valid(path: Path, command: str) -> tuple[LoadResult | None, int]:
    """The loaded scenario, or None and the exit status after printing why to stderr.

    A broken scenario prints every problem as `explorer check` does (exit 1); a path that is
    not a file exits 2.
    """
    from explorer.loading import load_scenario

    if not path.is_file():
        print(f"explorer {command}: error: no such file: {path}", file=sys.stderr)
        return None, EXIT_USAGE
    result = load_scenario(path)
    if not result.ok:
        for problem in result.problems.sorted():
            print(problem, file=sys.stderr)
        print(
            f"explorer {command}: error: {len(result.problems.errors)} error(s) in the scenario: "
            f"fix them first (explorer check {path})",
            file=sys.stderr,
        )
        return None, EXIT_PROBLEMS
    return result, EXIT_OK
