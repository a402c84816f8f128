"""`SeatApp`: a team's seat in a shared game (`explorer join FILE [--code CODE]`).

With a link (the code was given and checked) it opens on the seat screen; without, it asks for
the code first. In a browser (`explorer serve --game FILE`) every tab runs one of these.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import BindingType

from explorer.game.join_guard import LOCAL
from explorer.game.seat_link import SeatLink
from explorer.tui.literal import printable
from explorer.tui.palette import TableCommands, to_front
from explorer.tui.seat.code_screen import CodeScreen
from explorer.tui.seat.keys import SEAT, Scope
from explorer.tui.seat.screen import SeatScreen
from explorer.tui.typeahead import TypeAheadApp


class SeatApp(TypeAheadApp):
    """One team's view of a game stored in `store_path`."""

    CSS_PATH = "seat.tcss"
    TITLE = "Scenario explorer — team seat"
    COMMAND_TABLE = SEAT
    COMMANDS = App.COMMANDS | {TableCommands}
    BINDINGS: ClassVar[list[BindingType]] = SEAT.bindings(Scope.APP)

    def __init__(self, store_path: str | Path, *, link: SeatLink | None = None, scenario: str | Path | None = None,
                 interval: float | None = None, client: str = LOCAL) -> None:
        super().__init__()
        self.client = client
        self.store_path = Path(store_path)
        self.scenario = Path(scenario) if scenario is not None else None
        self.interval = interval
        self.link: SeatLink | None = None
        self._first = link

    def on_mount(self) -> None:
        if self._first is not None:
            self.seat(self._first)
        else:
            self._ask_for_code()

    @work
    async def _ask_for_code(self) -> None:
        """Ask for the team's join code, then take the seat it opens."""
        self.seat(await self.push_screen_wait(CodeScreen(self.store_path, scenario=self.scenario,
                                                         interval=self.interval,
                                                         client=self.client)))

    def seat(self, link: SeatLink) -> None:
        """Show the seat screen of `link`."""
        self.link = link
        self.sub_title = printable(link.session.graph.scenario.title, one_line=True)
        self.push_screen(SeatScreen(link))

    async def command_target(self, scope: Hashable) -> App[object] | SeatScreen | None:
        """What runs a palette command of `scope`: the seat screen (screens over it closed) for the
        seat's commands; None while the code is being asked for."""
        if scope is not Scope.SEAT:
            return self
        seat = self.seat_screen
        if seat is None:
            self.notify("Join the game first.", severity="warning")
            return None
        return to_front(self, seat)

    @property
    def seat_screen(self) -> SeatScreen | None:
        found = [s for s in self.screen_stack if isinstance(s, SeatScreen)]
        return found[-1] if found else None

    def on_unmount(self) -> None:
        if self.link is not None:
            self.link.close()
