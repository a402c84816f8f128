"""The team's own briefings, one key away (only the briefings its view holds); and the seat's form prompt."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from explorer.game.briefing import Briefing
from explorer.tui.classroom.prompts import FormPrompt
from explorer.tui.classroom.texts import briefing_text
from explorer.tui.seat.keys import SEAT, Scope
from explorer.tui.widgets.scenario_text import ScenarioText


class TeamBriefingScreen(ModalScreen[None]):
    """Each of the team's actors: objectives and briefing text (Markdown, shown literally)."""

    BINDINGS: ClassVar[list[BindingType]] = SEAT.bindings(Scope.BRIEFING)

    def __init__(self, briefings: tuple[Briefing, ...]) -> None:
        super().__init__()
        self.briefings = briefings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="briefings") as scroll:
            scroll.border_title = "Your team's briefing — private to your team"
            if not self.briefings:
                yield Static("This screen plays no actor: there is no briefing to show.", classes="briefing-head")
            for briefing in self.briefings:
                yield Static(briefing_text(briefing), classes="briefing-head")
                yield ScenarioText(briefing.text or "(no briefing text)")
        yield Footer()


class SeatFormPrompt(FormPrompt):
    """A form on a team's seat (arguing a move, countering one)."""

    BINDINGS: ClassVar[list[BindingType]] = SEAT.bindings(Scope.FORM)
