"""The command palette's entries made from an app's command table.

A chosen entry runs its row's action where the row's scope says, through the app's
`command_target`: the very action the row's key runs, checked by the screen's `check_action`
the same way.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from explorer.tui.command_table import Command, CommandTable
from explorer.tui.palette_match import highlighted, match

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

ScreenType = TypeVar("ScreenType", bound="Screen[object]")


class CommandHost(Protocol):
    """An app whose command table feeds its palette."""

    COMMAND_TABLE: ClassVar[CommandTable]

    async def command_target(self, scope: Hashable) -> App[object] | Widget | None:
        """What runs the actions of `scope`, brought to the front (None: not now; the app says why)."""
        ...


def to_front(app: App[object], screen: ScreenType) -> ScreenType:
    """`screen`, brought to the front for a palette command: the screens over it are closed as if
    escaped (a flow awaiting one of them gets None)."""
    while app.screen is not screen:
        app.screen.dismiss(None)
    return screen


def palette_help(command: Command) -> str:
    """The palette's line under a command's name, with its key: 'Start the walk again… (r)'."""
    text = command.palette_help or command.help[:1].upper() + command.help[1:]
    return f"{text} ({command.key})" if command.keys else text


class TableCommands(Provider):
    """The app's command table in the palette (Ctrl+P)."""

    @property
    def host(self) -> CommandHost:
        return cast("CommandHost", self.app)

    async def run(self, command: Command) -> None:
        target = await self.host.command_target(command.scope)
        if target is not None:
            await target.run_action(command.action)

    async def discover(self) -> Hits:
        for command in self.host.COMMAND_TABLE.palette():
            yield DiscoveryHit(command.palette, partial(self.run, command), help=palette_help(command))

    async def search(self, query: str) -> Hits:
        for command in self.host.COMMAND_TABLE.palette():
            score, offsets = match(query, command.palette)
            if score > 0:
                yield Hit(score, highlighted(command.palette, offsets), partial(self.run, command),
                          text=command.palette, help=palette_help(command))
