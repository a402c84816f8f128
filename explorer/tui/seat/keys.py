"""A seat's command table (a team's, or the shared screen's): the keys of the seat app and its
screens, its palette entries, and the keys its texts name (see `explorer.tui.command_table`)."""

from __future__ import annotations

from enum import Enum

from explorer.tui.command_table import DIGITS, Command, CommandTable


class Scope(Enum):
    """Where a seat command runs."""

    APP = "the seat app"
    SEAT = "the seat screen"
    BRIEFING = "the team's briefing"
    FORM = "a form (an argued move, a counter-argument)"


SEAT = CommandTable(
    Command(Scope.APP, "ctrl+q", "quit", "Quit"),
    Command(Scope.SEAT, "b,f2", "briefing", "Briefing", palette="Your team's briefing",
            palette_help="Each of your actors' objectives and briefing, private to your team"),
    Command(Scope.SEAT, "a", "argue", "Argue a move", palette="Argue a move off the tree…",
            palette_help="A move the scenario does not have: the action, its result, up to three reasons"),
    Command(Scope.SEAT, "c", "counter", "Counter", palette="Counter an argued move…",
            palette_help="Reasons why another team's argued move would fail"),
    Command(Scope.SEAT, "f", "forecast", "Forecast", palette="Enter your forecast",
            palette_help="Your team's probability of each branch, while a forecast is open"),
    Command(Scope.SEAT, "escape", "focus_options", "Options", show=False),
    Command(Scope.SEAT, DIGITS, "choose", "Choose", show=False),
    Command(Scope.BRIEFING, "escape,b,q", "dismiss", "Close"),
    Command(Scope.FORM, "escape", "cancel", "Cancel"),
    Command(Scope.FORM, "ctrl+s", "submit", "Done"),
    Command(Scope.FORM, "enter", "next_field", "Next", show=False, priority=True),
)
"""Every seat command, in the order of the footers and the palette."""
