"""One command table per app: each row is a key, the action it runs and where, and how the
footer, the command palette and the help screen show it.

A screen's `BINDINGS` are `TABLE.bindings(Scope.X)`, the palette lists `TABLE.palette()`, the
help screen `TABLE.help_sections()`, and words that name a key (a hint, a refusal) ask
`TABLE.key("action")`: a key is declared once, in its row. A new command is one row (and the
action method on the screen that runs it).

Kept light, as the first screen's bindings are made from it: no Textual widgets, and the rows
are named tuples (a dataclass takes five times as long to define, and this is on the first frame).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import NamedTuple

from textual.binding import Binding

DIGITS = "1-9"
"""`keys` of a row that is nine bindings, 1 to 9, each running `action(n)`."""

KEY_WORDS = {
    "escape": "Escape", "enter": "Enter", "backspace": "Backspace", "space": "Space", "tab": "Tab",
    "question_mark": "?", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
}
"""How the words of the app name a key (Textual's key names otherwise: 'd', 'f2', 'ctrl+s')."""


class Command(NamedTuple):
    """One command: `keys` run `action` on what `scope` names (a screen, or the app)."""

    scope: Hashable
    """Where the action runs: a member of the app's `Scope` enum."""
    keys: str
    """Textual key names, comma-separated ('escape,a'); `DIGITS` for 1–9; '' for a palette-only command."""
    action: str
    """The action as Textual writes it ('restart', 'scroll_by(1)'); for `DIGITS`, its name, called with the digit."""
    label: str = ""
    """The footer's word (the binding's description)."""
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    """How the footer writes the key ('⌫', '1-9'); Textual's own default when None."""
    priority: bool = False
    """A priority binding: checked before the focused widget's."""
    palette: str = ""
    """Its name in the command palette ('' : not offered there)."""
    palette_help: str = ""
    """The palette's line under the name (default: `help`)."""
    section: str = ""
    """The help screen's heading it is listed under ('' : not listed)."""
    help: str = ""
    """What it does, for the help screen."""
    help_keys: str = ""
    """How the help screen writes the keys (default: as `key()` does)."""

    def bindings(self) -> Iterator[Binding]:
        if self.keys == DIGITS:
            yield Binding("1", f"{self.action}(1)", self.label, show=self.show, key_display=self.key_display,
                          priority=self.priority)
            for n in range(2, 10):
                yield Binding(str(n), f"{self.action}({n})", f"{self.label} option {n}".strip(), show=False,
                              priority=self.priority)
        elif self.keys:
            yield Binding(self.keys, self.action, self.label, show=self.show, key_display=self.key_display,
                          priority=self.priority)

    @property
    def key(self) -> str:
        """The keys in words: 'd', '1–9', 'Escape, b or Enter'."""
        if self.keys == DIGITS:
            return "1–9"
        if self.key_display and "," not in self.keys:
            return self.key_display
        names = [KEY_WORDS.get(name, name) for name in self.keys.split(",") if name]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class KeyNote(NamedTuple):
    """A help line for what a widget or the mouse does (no binding of the app's own)."""

    section: str
    keys: str
    help: str


class CommandTable:
    """An app's commands, in order: the order of the footer, the palette and each help section."""

    def __init__(self, *rows: Command | KeyNote) -> None:
        self.rows = rows
        self.commands = tuple(row for row in rows if isinstance(row, Command))

    def bindings(self, scope: Hashable) -> list[Binding]:
        """The `BINDINGS` of the screen (or app) that `scope` names."""
        return [binding for command in self.commands if command.scope == scope for binding in command.bindings()]

    def palette(self) -> tuple[Command, ...]:
        """The commands offered in the command palette."""
        return tuple(command for command in self.commands if command.palette)

    def footer(self, scope: Hashable) -> tuple[Command, ...]:
        """The commands of `scope` that its footer shows."""
        return tuple(command for command in self.commands if command.scope == scope and command.keys and command.show)

    def command(self, action: str, scope: Hashable | None = None) -> Command:
        """The row of `action` (in `scope`, when given); KeyError when there is none."""
        for command in self.commands:
            if command.action == action and (scope is None or command.scope == scope):
                return command
        raise KeyError(action)

    def key(self, action: str, scope: Hashable | None = None) -> str:
        """The key of `action` in words, for hints and refusals: 'd', '1–9', 'Escape, b or Enter'."""
        return self.command(action, scope).key

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(heading, [(keys, what they do)]) for the help screen, headings in order of first use."""
        sections: dict[str, list[tuple[str, str]]] = {}
        for row in self.rows:
            if isinstance(row, KeyNote):
                sections.setdefault(row.section, []).append((row.keys, row.help))
            elif row.section:
                sections.setdefault(row.section, []).append((row.help_keys or row.key, row.help))
        return list(sections.items())
