"""The classroom game's command table: the keys of the game and replay apps and their screens,
the facilitator's palette entries, and the keys that hints and refusals name (see
`explorer.tui.command_table`)."""

from __future__ import annotations

from enum import Enum

from explorer.tui.command_table import DIGITS, Command, CommandTable


class Scope(Enum):
    """Where a game command runs."""

    APP = "the game app"
    PLAY = "the play screen"
    SETUP = "the setup screen"
    DEBRIEF = "the debrief screen"
    TEXT_PROMPT = "a rationale or reason prompt"
    CHOICE_PROMPT = "a choice-and-reason prompt"
    BRIEFING = "an actor's briefing"
    ROLL = "the dice just rolled"
    JOIN_CODES = "the join codes"
    REPLAY_APP = "the replay app"
    REPLAY = "the replay screen"


GAME = CommandTable(
    # The play screen; the footer shows them in this order.
    Command(Scope.PLAY, DIGITS, "choose", "Choose", key_display="1-9"),
    Command(Scope.PLAY, "b", "briefing", "Briefing", palette="Briefing",
            palette_help="The deciding actor's briefing"),
    Command(Scope.PLAY, "j", "join_codes", "Join codes"),
    Command(Scope.PLAY, "d", "roll", "Roll", palette="Roll the dice",
            palette_help="At a chance node: the facilitator rolls"),
    Command(Scope.PLAY, "o", "override", "Override", palette="Override the last roll…",
            palette_help="Replace the dice's result, with a reason"),
    Command(Scope.PLAY, "i", "inject", "Inject", palette="Inject: move the game to a node…",
            palette_help="Any node, with a reason; the metrics are kept"),
    Command(Scope.PLAY, "u", "undo", "Undo", palette="Undo the last move…",
            palette_help="The facilitator takes it back, with a reason"),
    Command(Scope.PLAY, "e", "debrief", "Debrief", palette="Debrief",
            palette_help="The class's path, the other paths, metrics and payoffs"),
    Command(Scope.APP, "q", "quit", "Quit (saved)"),
    # Setup, debrief and the dialogs over the play screen.
    Command(Scope.SETUP, "ctrl+s", "start", "Start the game"),
    Command(Scope.SETUP, "enter", "next_field", "Next field", show=False, priority=True),
    Command(Scope.DEBRIEF, "w", "write", "Write report"),
    Command(Scope.DEBRIEF, "escape", "back", "Back to the game"),
    Command(Scope.TEXT_PROMPT, "escape", "cancel", "Cancel"),
    Command(Scope.CHOICE_PROMPT, "escape", "cancel", "Cancel"),
    Command(Scope.BRIEFING, "escape,b,enter", "close", "Close"),
    Command(Scope.ROLL, "enter,escape", "close", "Go on"),
    Command(Scope.ROLL, "o", "override", "Override"),
    Command(Scope.JOIN_CODES, "escape,j,enter", "close", "Close"),
    # The replay app.
    Command(Scope.REPLAY_APP, "q", "quit", "Quit"),
    Command(Scope.REPLAY, "n,right,space", "step(1)", "Next", key_display="n/→"),
    Command(Scope.REPLAY, "p,left", "step(-1)", "Previous", key_display="p/←"),
    Command(Scope.REPLAY, "home", "go(0)", "First", show=False),
    Command(Scope.REPLAY, "end", "go(-1)", "Last", show=False),
)
"""Every game command, in the order of the footers and the palette."""
