"""The facilitator's list of join codes, to read out or write on the board."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.game import joincodes
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal


class JoinCodesScreen(ModalScreen[None]):
    """Each team's join code, and the command a team runs to take its seat."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.JOIN_CODES)

    def __init__(self, codes: dict[str, str], store_path: str) -> None:
        super().__init__(classes="prompt")
        self.codes = codes
        self.store_path = store_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static("Join codes", classes="prompt-title")
            if self.codes:
                rows = [
                    Content.assemble(literal(team, one_line=True), "  ", Content.styled(joincodes.shown(code), "bold"))
                    for team, code in self.codes.items()
                ]
                yield Static(Content("\n").join(rows), id="join-codes")
                yield Static(
                    Content.assemble("A team joins from its own terminal with\n  explorer join ",
                                     literal(self.store_path, one_line=True), " --code CODE\n"
                                     "or in a browser served by `explorer serve --game FILE`."),
                    id="join-how",
                )
            else:
                yield Static("No team has a seat: the facilitator plays every actor.", id="join-codes")
            yield Static(f"{GAME.key('close', Scope.JOIN_CODES)}: back to the game", classes="prompt-hint")

    def action_close(self) -> None:
        self.dismiss(None)
