"""One line above the footer for what the screen has to say (why a move was refused, what a key
changed, where a file was written): it never covers the options, as a notification would, and it
stays until the next message or move."""

from __future__ import annotations

from enum import Enum

from textual.content import Content
from textual.widgets import Static

from explorer.tui.literal import printable


class Tone(Enum):
    """How a message is shown."""

    INFO = "$text-muted"
    DONE = "$text-success"
    REFUSED = "$text-warning"
    ERROR = "$text-error"


class StatusLine(Static):
    """The last message, one line (cut with an ellipsis when too long); `said` keeps the recent ones."""

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    KEEP = 20

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.said: list[str] = []
        """The recent messages, oldest first (for tests, and for anyone who missed one)."""
        self.message = ""

    def say(self, message: str, tone: Tone = Tone.INFO, title: str = "") -> None:
        """Show `message` (scenario text in it is shown literally)."""
        text = printable(message, one_line=True)
        self.message = f"{title}: {text}" if title else text
        self.said = [*self.said[-(self.KEEP - 1) :], self.message]
        head = [(f"{title}: ", f"bold {tone.value}")] if title else []
        self.update(Content.assemble(*head, (text, tone.value)))

    def clear(self) -> None:
        if self.message:
            self.message = ""
            self.update("")
