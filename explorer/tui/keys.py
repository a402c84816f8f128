"""The explorer's command table: every key of every explorer screen, its palette entry and its
line on the help screen (see `explorer.tui.command_table`)."""

from __future__ import annotations

from enum import Enum

from explorer.tui.command_table import DIGITS, Command, CommandTable, KeyNote


class Scope(Enum):
    """Where an explorer command runs."""

    APP = "app"
    MAIN = "the walk (MainScreen)"
    OUTCOME = "the outcome screen"
    START = "the start screen"
    ANALYSIS = "the analysis screen"
    HELP = "the help screen"
    MAP = "the full-screen map"
    LEGEND = "the map's legend"
    NOTE = "the note editor"
    COMPARE = "the comparison"
    ENDINGS = "the endings reached"
    GUIDES = "the list of guides"
    CHART = "the metrics chart"
    GUIDE = "a guide"


WALKING, LOOKING, ANALYSIS, WORK = "Walking", "Looking around", "Analysis", "Keeping your work"
OUTCOME, EVERYWHERE, MOUSE = "On the outcome screen", "Everywhere", "Mouse"

EXPLORER = CommandTable(
    # The walk (the main screen); the footer shows them in this order.
    Command(Scope.APP, "", "jump_to_node", palette="Jump to node…",
            palette_help="Go straight to any node (the metrics are kept)"),
    Command(Scope.MAIN, DIGITS, "take", "Take", key_display="1-9", section=WALKING, help_keys="1 – 9",
            help="take the option with that number (a locked one is refused, with the reason); "
                 "at a round, pick that move for the focused actor"),
    KeyNote(WALKING, "↑ ↓  Enter", "move through the options and take the highlighted one (at a round: pick it)"),
    Command(Scope.MAIN, "s", "resolve", "Resolve", section=WALKING,
            help="at a round: play it, every actor's picked move at once (an actor without a pick plays its "
                 "default move); the reveal shows every move, the rule that fired and the effects",
            palette="Resolve the round", palette_help="Play the round with the moves picked"),
    Command(Scope.MAIN, "left", "actor(-1)", "Actor", key_display="←→", section=WALKING, help_keys="← →",
            help="at a round: the previous or next actor's moves (Tab and Shift+Tab too)"),
    Command(Scope.MAIN, "right", "actor(1)", "Next actor", show=False),
    Command(Scope.MAIN, "d", "roll", "Roll", section=WALKING,  # in the footer at a chance node only
            help="at a chance node: roll the dice (seeded: the same seed and the same moves give the same rolls, "
                 "however often you go back; the draw, the bands and the seed are shown)"),
    Command(Scope.MAIN, "D", "reroll", "Re-roll", section=WALKING, help_keys="Shift+D",
            help="right after a roll: roll it again, deliberately (shown and kept in the walk as a re-roll)",
            palette="Re-roll the last roll", palette_help="Draw the last roll anew, recorded as a re-roll"),
    Command(Scope.MAIN, "o", "outcome", "Outcome", section=WALKING, help="at an ending: show the outcome again"),
    Command(Scope.MAIN, "backspace", "back", "Back", key_display="⌫", section=WALKING, help_keys="Backspace ⌫",
            help="back one step, restoring the metrics"),
    Command(Scope.MAIN, "r", "restart", "Restart", show=False, section=WALKING, help="restart from the first node",
            palette="Restart", palette_help="Start the walk again from the first node"),
    Command(Scope.APP, "", "switch_scenario", palette="Switch scenario…", palette_help="Open another bundled scenario"),
    KeyNote(WALKING, "1 – 9 at a chance node", "pick that branch yourself instead of rolling"),
    Command(Scope.MAIN, "m", "toggle_map", "Map", section=LOOKING, help="show or hide the map of the scenario",
            palette="Toggle map"),
    Command(Scope.MAIN, "M", "full_map", "Full map", show=False, section=LOOKING, help_keys="Shift+M",
            help="the map over the whole screen: every label legible at any depth, the likely path opened "
                 "(with marks on); Enter goes to the line",
            palette="Map, full screen", palette_help="The whole map, every label legible; Enter goes there"),
    Command(Scope.MAIN, "l", "legend", "Legend", show=False, section=LOOKING,
            help="what the map's marks mean: ● here, ✓ taken, ⤳ the way to a jump, ⊘ locked, ◦ seen, » likely",
            palette="Map legend", palette_help="What ◆ ◇ ◈ ■ ● ✓ ⤳ ⊘ ◦ » mean"),
    Command(Scope.MAIN, "f", "toggle_path", "Path", show=False, section=LOOKING,
            help="the full path in place of the breadcrumbs: every step, its move, the state it changed, "
                 "the dice and your notes (a click on a step goes back to it)",
            palette="Full path", palette_help="Every step with its move, state change and notes"),
    Command(Scope.MAIN, "g", "chart", "Chart", show=False, section=LOOKING,
            help="each metric over the walk's path, as a chart (start, low, high, now)",
            palette="Chart the metrics over the path", palette_help="Each metric at every step of the walk"),
    Command(Scope.MAIN, "e", "toggle_marks", "Marks", section=ANALYSIS,
            help="analysis marks on or off: ★ on the equilibrium move, each option's odds of each kind of ending "
                 "and each actor's expected payoff if it is taken, » on the map's most likely path",
            palette="Toggle analysis marks",
            palette_help="Mark the equilibrium move, each option's odds and payoffs, the most likely path"),
    Command(Scope.MAIN, "p", "cycle_policy", "Policy", show=False, section=ANALYSIS,
            help="next policy for the odds: beliefs (the analyst's estimates) → equilibrium → uniform",
            palette="Cycle analysis policy", palette_help="Odds under beliefs → equilibrium → uniform play"),
    Command(Scope.MAIN, "a", "analysis", "Analysis", section=ANALYSIS,
            help="the analysis screen: outcome odds as bars, expected payoffs, equilibrium and likely paths "
                 "(p changes the policy there too; Esc or a closes it)",
            palette="Analysis…",
            palette_help="Outcome odds as a bar chart, expected payoffs, equilibrium and likely paths"),
    Command(Scope.MAIN, "i", "about", "About", show=False, section=LOOKING,
            help="show the scenario's introduction again",
            palette="About this scenario", palette_help="Title, summary, as-of date and actors"),
    Command(Scope.MAIN, "n", "note", "Note", show=False, section=WORK,
            help="write a note on this step (saved with the walk, shown in the full path, exported); "
                 "go back to any step to note it",
            palette="Note on this step…", palette_help="Write or change the note on the current step"),
    Command(Scope.MAIN, "k", "mark_walk", "Mark walk", show=False, section=WORK,
            help="keep this walk to compare: explore another branch, then c shows them side by side",
            palette="Mark this walk for comparison", palette_help="Keep this walk; c compares another with it"),
    Command(Scope.MAIN, "c", "compare", "Compare", show=False, section=WORK,
            help="this walk, the marked walk and the historical path side by side: where they split, the state, "
                 "the ending, each actor's payoff",
            palette="Compare walks", palette_help="This walk, the marked one and the historical path side by side"),
    Command(Scope.MAIN, "E", "endings", "Endings", show=False, section=WORK, help_keys="Shift+E",
            help="which of the scenario's endings this session has reached",
            palette="Endings reached", palette_help="Which endings this session has seen"),
    Command(Scope.MAIN, "x", "export_walk", "Export", show=False, section=WORK,
            help="write the walk as Markdown (the path, notes, state changes, sources, the comparison) next to "
                 "its saved file; the status line says where",
            palette="Export the walk as Markdown", palette_help="Path, notes, state changes and sources"),
    KeyNote(WORK, "explorer play --resume", "the walk is saved as it goes: this brings it back, notes included"),
    Command(Scope.APP, "R", "reload_scenario", "Reload", show=False, section=LOOKING, help_keys="Shift+R",
            help="load the scenario again now and replay the walk to here (as far as it still can; the status "
                 "line says where it stopped and why); errors show in a panel above the walk until fixed. "
                 "explorer play --watch does it whenever a file of the scenario is saved",
            palette="Reload the scenario", palette_help="Load the scenario's files again; replay the walk"),
    KeyNote(LOOKING, "Tab  Shift+Tab", "move between the options, the node text and the map"),
    KeyNote(LOOKING, "↑ ↓  Space  Shift+←", "in the map: move, open or close a branch, go to the parent line"),
    KeyNote(LOOKING, "Enter (in the map)", "go to that point of the scenario"),
    KeyNote(LOOKING, "PgUp PgDn", "scroll the focused panel"),
    # The outcome screen.
    Command(Scope.OUTCOME, "backspace", "back", "Back", key_display="⌫", section=OUTCOME, help_keys="Backspace ⌫",
            help="back one step"),
    Command(Scope.OUTCOME, "r", "restart", "Restart", section=OUTCOME, help="restart"),
    Command(Scope.OUTCOME, "escape", "look_around", "Look around", section=OUTCOME, help_keys="Esc",
            help="close it and look around the ending"),
    # Everywhere (the app).
    Command(Scope.APP, "question_mark", "help", "Help", key_display="?", section=EVERYWHERE,
            help="this help (Esc or ? closes it)", palette="Help", palette_help="Every key and what the mouse does"),
    KeyNote(EVERYWHERE, "Ctrl+P", "command palette: jump to node…, restart, switch scenario…, analysis…"),
    Command(Scope.APP, "q", "quit", "Quit", section=EVERYWHERE, help="quit"),
    KeyNote(MOUSE, "click an option", "take it"),
    KeyNote(MOUSE, "click a breadcrumb", "go back to that point"),
    KeyNote(MOUSE, "click a map line", "go there; click its ▶ to open or close it"),
    KeyNote(MOUSE, "click a key in the footer", "does what the key does"),
    # The start screen: any walking key begins the walk and is passed on.
    Command(Scope.START, "enter", "begin", "Begin", key_display="⏎"),
    Command(Scope.START, "escape,space", "begin", "Begin", show=False),
    Command(Scope.START, DIGITS, "take", "Take", show=False),
    Command(Scope.START, "d", "roll", "Roll", show=False),
    Command(Scope.START, "c", "continue_walk", "Continue", show=False),
    Command(Scope.START, "backspace,r,i", "begin", "Begin", show=False),
    Command(Scope.START, "down,j", "scroll_by(1)", "Scroll down", show=False),
    Command(Scope.START, "up,k", "scroll_by(-1)", "Scroll up", show=False),
    Command(Scope.START, "pagedown", "scroll_page(1)", "Page down", show=False),
    Command(Scope.START, "pageup", "scroll_page(-1)", "Page up", show=False),
    Command(Scope.START, "home", "scroll_edge(False)", "Top", show=False),
    Command(Scope.START, "end", "scroll_edge(True)", "Bottom", show=False),
    # The analysis screen.
    Command(Scope.ANALYSIS, "escape,a", "close", "Back", key_display="Esc"),
    Command(Scope.ANALYSIS, "p", "cycle_policy", "Next policy"),
    # The full-screen map and its legend.
    Command(Scope.MAP, "escape,M,m", "close", "Back", key_display="Esc"),
    Command(Scope.MAP, "l", "legend", "Legend"),
    Command(Scope.LEGEND, "escape,l", "dismiss", "Close", key_display="Esc"),
    # The note editor, the comparison and the endings reached.
    Command(Scope.NOTE, "ctrl+s", "keep", "Keep"),
    Command(Scope.NOTE, "escape", "cancel", "Cancel", key_display="Esc"),
    Command(Scope.COMPARE, "escape,c", "close", "Back", key_display="Esc"),
    Command(Scope.ENDINGS, "escape,E", "close", "Close", key_display="Esc"),
    Command(Scope.CHART, "escape,g", "close", "Close", key_display="Esc"),
    # The guides (from the help screen).
    Command(Scope.GUIDES, "escape,g", "close", "Close", key_display="Esc"),
    Command(Scope.GUIDE, "escape", "close", "Back", key_display="Esc"),
    Command(Scope.GUIDE, "t", "toggle_contents", "Contents"),
    # The help screen.
    Command(Scope.HELP, "g", "guides", "Guides"),
    Command(Scope.HELP, "escape", "dismiss", "Close"),
    Command(Scope.HELP, "question_mark", "dismiss", "Close", key_display="?"),
)
"""Every explorer command, in the order of the footers, the palette and each help section."""
