"""What the `explorer` command's exit status means: one name per number, for every command."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of an `explorer` command."""

    OK = 0
    """Done; for `check`, no errors (and, with --strict, no warnings)."""
    PROBLEMS = 1
    """The input has problems: a scenario with errors, a game that refuses the action."""
    USAGE = 2
    """The command was used wrongly: an unknown option, a missing file, options that do not go together."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C (128 + SIGINT, as a shell reports it)."""
