"""`SeatApp`: a team's seat in a shared game (`explorer join FILE [--code CODE]`).

With a link (the code was given and checked) it opens on the seat screen; without, it asks for
the code first. In a browser (`explorer serve --game FILE`) every tab runs one of these.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from explorer.game.join_guard import LOCAL
from explorer.tui.literal import printable
from explorer.tui.seat.code_screen import CodeScreen
from explorer.tui.seat.link import SeatLink
from explorer.tui.seat.screen import SeatScreen


class SeatApp(App[None]):
    """One team's view of a game stored in `store_path`."""

    TITLE = "Scenario explorer — team seat"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit")]

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
            self.push_screen(CodeScreen(self.store_path, scenario=self.scenario, interval=self.interval,
                                        client=self.client))

    def seat(self, link: SeatLink) -> None:
        """Show the seat screen of `link` (replacing the code prompt)."""
        self.link = link
        self.sub_title = printable(link.session.graph.scenario.title, one_line=True)
        screen = SeatScreen(link)
        if isinstance(self.screen, CodeScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @property
    def seat_screen(self) -> SeatScreen | None:
        found = [s for s in self.screen_stack if isinstance(s, SeatScreen)]
        return found[-1] if found else None

    def on_unmount(self) -> None:
        if self.link is not None:
            self.link.close()
