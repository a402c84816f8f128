"""Problems found in a scenario, collected rather than raised one at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from explorer.terminal_text import shown

Severity = Literal["error", "warning"]

MAX_MESSAGE_CHARS = 1000


def printable(message: str) -> str:
    """A message on one line and safe for a terminal: control and invisible characters
    (newlines, ANSI escapes, bidi overrides) written as escapes (`terminal_text.shown`), and a
    huge message (quoting huge scenario text) cut in the middle, keeping its start and its end
    (where the reason usually is)."""
    message = shown(message)
    if len(message) > MAX_MESSAGE_CHARS:
        half = MAX_MESSAGE_CHARS // 2
        message = f"{message[:half]} … {message[-half:]}"
    return message


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: 1-based line and column; 0 where the parser gave none."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        """`FILE:LINE:COL`, the file name shown literally (a newline or ESC in it escaped)."""
        if self.line:
            return f"{shown(self.file)}:{self.line}:{self.col}"
        return shown(self.file)


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, with where it is."""

    severity: Severity
    message: str
    position: Position

    def __str__(self) -> str:
        return f"{self.position}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.position.file,
            "line": self.position.line,
            "col": self.position.col,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class Problems:
    """A collector: every check adds to it; nothing stops at the first problem."""

    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, position: Position) -> None:
        self.items.append(Problem("error", printable(message), position))

    def warning(self, message: str, position: Position) -> None:
        self.items.append(Problem("warning", printable(message), position))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Errors first, then warnings; each in file and line order; duplicates dropped."""
        seen: set[Problem] = set()
        unique = [p for p in self.items if not (p in seen or seen.add(p))]
        return sorted(
            unique,
            key=lambda p: (p.severity != "error", p.position.file, p.position.line, p.position.col),
        )


class ScenarioError(Exception):
    """Raised by `load_or_raise` when a scenario has errors; carries them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
