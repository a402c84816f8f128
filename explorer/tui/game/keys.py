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
    FORM = "a form (news, a ruling, the missing orders)"
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
    Command(Scope.PLAY, "c", "close_round", "Close round", palette="Close the round…",
            palette_help="Reveal the orders now; enter or confirm the default move of each missing one"),
    Command(Scope.PLAY, "n", "news", "News", palette="Fire an inject or send news…",
            palette_help="The scenario's injects with their cues, or free-form news; between positions"),
    Command(Scope.PLAY, "a", "rule", "Rule", palette="Rule on an argued move…",
            palette_help="By a seeded 2d6 roll against its target, or by decision with a reason"),
    Command(Scope.PLAY, "f", "forecast", "Forecast", palette="Open or close a class forecast",
            palette_help="Every team's probability of each branch here; closing shows the spread"),
    Command(Scope.PLAY, "F", "forecast_node", "Forecast a node", show=False, palette="Forecast another node…",
            palette_help="Ask the class about any node"),
    Command(Scope.PLAY, "m", "roll_median", "Roll on median", show=False, palette="Roll on the class median",
            palette_help="At a chance node with a closed forecast: the class's odds instead of the analyst's"),
    Command(Scope.PLAY, "s", "show_estimates", "Estimates", show=False, palette="Show or hide the estimates",
            palette_help="The analyst's estimates on every screen (logged)"),
    Command(Scope.PLAY, "h", "show_historical", "History", show=False, palette="Show or hide the historical marks",
            palette_help="What really happened, on every screen (logged)"),
    Command(Scope.PLAY, "x", "end", "End", show=False, palette="End the game for the debrief…",
            palette_help="Unseals everything and opens the debrief"),
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
    Command(Scope.FORM, "escape", "cancel", "Cancel"),
    Command(Scope.FORM, "ctrl+s", "submit", "Done"),
    Command(Scope.FORM, "enter", "next_field", "Next", show=False, priority=True),
    # The replay app.
    Command(Scope.REPLAY_APP, "q", "quit", "Quit"),
    Command(Scope.REPLAY, "n,right,space", "step(1)", "Next", key_display="n/→"),
    Command(Scope.REPLAY, "p,left", "step(-1)", "Previous", key_display="p/←"),
    Command(Scope.REPLAY, "home", "go(0)", "First", show=False),
    Command(Scope.REPLAY, "end", "go(-1)", "Last", show=False),
)
"""Every game command, in the order of the footers and the palette."""
