"""A team seat's command table: the keys of the seat app and its screens, its palette entry, and
the keys its texts name (see `explorer.tui.command_table`)."""

from __future__ import annotations

from enum import Enum

from explorer.tui.command_table import DIGITS, Command, CommandTable


class Scope(Enum):
    """Where a seat command runs."""

    APP = "the seat app"
    SEAT = "the seat screen"
    BRIEFING = "the team's briefing"


SEAT = CommandTable(
    Command(Scope.APP, "ctrl+q", "quit", "Quit"),
    Command(Scope.SEAT, "b,f2", "briefing", "Briefing", palette="Your team's briefing",
            palette_help="Each of your actors' objectives and briefing, private to your team"),
    Command(Scope.SEAT, "escape", "focus_options", "Options", show=False),
    Command(Scope.SEAT, DIGITS, "choose", "Choose", show=False),
    Command(Scope.BRIEFING, "escape,b,q", "dismiss", "Close"),
)
"""Every seat command, in the order of the footers and the palette."""
