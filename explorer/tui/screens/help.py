"""The help screen: every key and what the mouse does."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wrapping import hanging

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Walking",
        (
            ("1 – 9", "take the option with that number (a locked one is refused, with the reason)"),
            ("↑ ↓  Enter", "move through the options and take the highlighted one"),
            ("Backspace ⌫", "back one step, restoring the metrics"),
            ("r", "restart from the first node"),
            ("d", "at a chance node: roll the dice (seeded; the draw, the bands and the seed are shown)"),
            ("1 – 9 at a chance node", "pick that branch yourself instead of rolling"),
            ("o", "at an ending: show the outcome again"),
        ),
    ),
    (
        "Looking around",
        (
            ("m", "show or hide the map of the scenario"),
            ("i", "show the scenario's introduction again"),
            ("Tab  Shift+Tab", "move between the options, the node text and the map"),
            ("↑ ↓ ← →  Space", "in the map: move, open and close branches"),
            ("Enter (in the map)", "go to that point of the scenario"),
            ("PgUp PgDn", "scroll the focused panel"),
        ),
    ),
    (
        "Analysis",
        (
            ("e", "analysis marks on or off: ★ on the equilibrium move, each option's odds of each kind of "
             "ending and each actor's expected payoff if it is taken, » on the map's most likely path"),
            ("p", "next policy for the odds: beliefs (the analyst's estimates) → equilibrium → uniform"),
            ("a", "the analysis screen: outcome odds as bars, expected payoffs, equilibrium and likely paths "
             "(p changes the policy there too; Esc or a closes it)"),
        ),
    ),
    (
        "On the outcome screen",
        (
            ("Backspace ⌫", "back one step"),
            ("r", "restart"),
            ("Esc", "close it and look around the ending"),
        ),
    ),
    (
        "Everywhere",
        (
            ("?", "this help (Esc or ? closes it)"),
            ("Ctrl+P", "command palette: jump to node…, restart, switch scenario…, analysis…"),
            ("q", "quit"),
        ),
    ),
    (
        "Mouse",
        (
            ("click an option", "take it"),
            ("click a breadcrumb", "go back to that point"),
            ("click a map line", "go there; click its ▶ to open or close it"),
            ("click a key in the footer", "does what the key does"),
        ),
    ),
)


KEY_COLUMN = 26


def help_text(width: int = 100) -> Content:
    """Every key, grouped, each with what it does wrapped beside it."""
    lines: list[Content] = []
    for heading, rows in KEYS:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(heading, "bold $text-accent"))
        for keys, what in rows:
            lines.append(hanging([Content(what)], Content.styled(f"  {keys}", "bold"), width, KEY_COLUMN))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A list of every key; Esc, ? or a click outside closes it."""

    SCOPED_CSS = False
    CSS = """
    /* A box over the screen it helps with. */
    HelpScreen { align: center middle; }
    #help-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes"
            yield Wrapped(help_text, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def on_click(self, event) -> None:
        if event.widget is self:
            self.dismiss()
