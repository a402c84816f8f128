"""The help screen: every key and what the mouse does, from the explorer's command table."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wrapping import hanging

KEY_COLUMN = 26


GUIDES_LINE = Content.assemble(("g", "bold $accent"), "  the guides: writing a scenario, the format, teaching with it "
                               "(also ", ("explorer docs", "bold"), " in a terminal)")


def help_text(width: int = 100) -> Content:
    """Every key, grouped, each with what it does wrapped beside it; first, the key that opens the guides."""
    lines: list[Content] = [hanging([GUIDES_LINE], "", width, 3), Content("")]
    for heading, rows in EXPLORER.help_sections():
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(heading, "bold $text-accent"))
        for keys, what in rows:
            head = Content.styled(f"  {keys}", "bold")
            if head.cell_length >= KEY_COLUMN:  # too long for its column: the words go on the next line
                lines.append(head)
                head = Content("")
            lines.append(hanging([Content(what)], head, width, KEY_COLUMN))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A list of every key; Esc, ? or a click outside closes it."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes"
            yield Wrapped(help_text, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_guides(self) -> None:
        from explorer.tui.screens.guides import GuidesScreen

        self.app.push_screen(GuidesScreen())

    def on_click(self, event) -> None:
        if event.widget is self:
            self.dismiss()
