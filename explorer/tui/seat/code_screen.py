"""Asking for the team's join code (when `explorer join` got none, e.g. in a browser tab)."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from explorer.game.errors import GameError
from explorer.game.join_guard import LOCAL
from explorer.game.seat_link import SeatLink
from explorer.tui.literal import literal


class CodeScreen(Screen[SeatLink]):
    """An input for the join code; a wrong code says why and asks again. Dismissed with the seat's
    link once a code opened it."""

    class Joined(Message):
        """The code opened a seat (sent from the worker thread)."""

        def __init__(self, link: SeatLink) -> None:
            super().__init__()
            self.link = link

    class Refused(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, store_path: Path, *, scenario: Path | None = None, interval: float | None = None,
                 client: str = LOCAL) -> None:
        super().__init__()
        self.client = client
        self.store_path = store_path
        self.scenario = scenario
        self.interval = interval
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="join") as box:
            box.border_title = "Join the game"
            yield Static(Content.assemble("Game file: ", literal(self.store_path.name, "bold", one_line=True)))
            yield Static("Type your team's join code (from the facilitator, e.g. K7M-4QX-9TZ) and press Enter; "
                         "type SHARED for the shared screen (the projector).")
            yield Input(placeholder="K7M-4QX-9TZ", id="code", max_length=20)
            yield Static(id="code-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.checking:
            return
        self.checking = True
        self.query_one("#code-message", Static).update(Content.styled("Checking the code…", "dim"))
        self._check(event.value)

    @work(thread=True, group="join")
    def _check(self, code: str) -> None:
        options = {} if self.interval is None else {"interval": self.interval}
        try:
            link = SeatLink.open(self.store_path, code, scenario=self.scenario, client=self.client, **options)
        except GameError as exc:
            self.post_message(self.Refused(str(exc)))
        else:
            self.post_message(self.Joined(link))

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self.checking = False
        self.query_one("#code-message", Static).update(literal(message.reason + " — try again."))
        code = self.query_one("#code", Input)
        code.value = ""
        code.focus()

    @on(Joined)
    def _joined(self, message: Joined) -> None:
        self.dismiss(message.link)
