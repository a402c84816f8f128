"""The one printer of a command's errors and warnings: `explorer CMD: error: message` on stderr."""

from __future__ import annotations

import sys

from explorer.exit_codes import ExitCode


def error(command: str, message: str, code: ExitCode) -> ExitCode:
    """Print `explorer COMMAND: error: MESSAGE` to stderr; the exit status `code`, to return."""
    print(f"explorer {command}: error: {message}", file=sys.stderr)
    return code


def warning(command: str, message: str) -> None:
    """Print `explorer COMMAND: warning: MESSAGE` to stderr."""
    print(f"explorer {command}: warning: {message}", file=sys.stderr)
