"""The one printer of a command's errors and warnings: `explorer CMD: error: message` on stderr, with
the message shown literally (control and invisible characters escaped: `terminal_text.shown`)."""

from __future__ import annotations

import sys

from explorer.exit_codes import ExitCode
from explorer.terminal_text import shown


def error(command: str, message: str, code: ExitCode) -> ExitCode:
    """Print `explorer COMMAND: error: MESSAGE` to stderr; the exit status `code`, to return."""
    print(f"explorer {command}: error: {shown(message)}", file=sys.stderr)
    return code


def warning(command: str, message: str) -> None:
    """Print `explorer COMMAND: warning: MESSAGE` to stderr."""
    print(f"explorer {command}: warning: {shown(message)}", file=sys.stderr)
