"""The team's own briefings, one key away (only the briefings its `SeatView` holds)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from explorer.game.briefing import Briefing
from explorer.tui.seat.keys import SEAT, Scope
from explorer.tui.seat.texts import briefing_text
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
                yield Static("Your team plays no actor in this game.", classes="briefing-head")
            for briefing in self.briefings:
                yield Static(briefing_text(briefing), classes="briefing-head")
                yield ScenarioText(briefing.text or "(no briefing text)")
        yield Footer()

