"""The classroom game apps: set up and play a game, or replay a stored one."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import BindingType

from explorer.game.errors import GameError
from explorer.game.session import GameSession
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.game.setup import Setup, SetupScreen
from explorer.tui.literal import printable
from explorer.tui.palette import TableCommands, to_front
from explorer.tui.typeahead import TypeAheadApp

if TYPE_CHECKING:
    from explorer.loading import LoadResult
    from explorer.tui.game.play import PlayScreen

BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (96, "-wide")]


class GameApp(TypeAheadApp):
    """A classroom game on one shared screen. With a `session` it opens the play screen; with
    `load` (and no session) the setup screen first, which creates the game in `store`."""

    CSS_PATH = "game.tcss"
    TITLE = "Classroom game"
    COMMAND_TABLE = GAME
    COMMANDS = App.COMMANDS | {TableCommands}
    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.APP)
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = BREAKPOINTS

    def __init__(self, session: GameSession | None = None, *, load: LoadResult | None = None,
                 store: Path | None = None, seed: int | None = None, timer: float | None = None) -> None:
        super().__init__()
        if session is None and (load is None or load.graph is None or store is None):
            raise ValueError("a game app needs a session, or a loaded scenario and a store path to set one up")
        self.session = session
        self.load, self.store, self.seed, self.timer = load, store, seed, timer

    def on_mount(self) -> None:
        if self.session is not None:
            self._play(self.session)
            return
        assert self.load is not None and self.load.graph is not None
        self.title = printable(self.load.graph.scenario.title, one_line=True)
        self.push_screen(SetupScreen(self.load.graph, self.start_game, seed=self.seed, timer=self.timer,
                                     store=str(self.store)))

    def start_game(self, setup: Setup) -> str | None:
        """Create the game from the setup screen's choices and start playing; or say why not."""
        assert self.load is not None and self.store is not None
        try:
            session = GameSession.create(self.load, self.store, teams=setup.teams, seed=setup.seed, timer=setup.timer)
        except GameError as exc:
            return str(exc)
        self.session = session
        self._play(session, replace=True)
        return None

    def _play(self, session: GameSession, *, replace: bool = False) -> None:
        from explorer.tui.game.play import PlayScreen

        self.title = printable(session.graph.scenario.title, one_line=True)
        screen = PlayScreen(session)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        for warning in session.warnings:
            self.notify(printable(warning), title="Warning", severity="warning", timeout=10, markup=False)

    async def command_target(self, scope: Hashable) -> App[object] | PlayScreen | None:
        """What runs a palette command of `scope`: the play screen (screens over it closed, as if
        escaped) for the facilitator's commands; None before the game has started."""
        if scope is not Scope.PLAY:
            return self
        play = self.play_screen
        if play is None:
            self.notify("Start the game first.", severity="warning")
            return None
        return to_front(self, play)

    @property
    def play_screen(self) -> PlayScreen | None:
        from explorer.tui.game.play import PlayScreen

        return next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)


class ReplayApp(App[None]):
    """Step through a stored game (`explorer replay`)."""

    CSS_PATH = "game.tcss"
    TITLE = "Game replay"
    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.REPLAY_APP)
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = BREAKPOINTS

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        from explorer.tui.game.replay import ReplayScreen

        self.title = printable(self.session.graph.scenario.title, one_line=True)
        self.push_screen(ReplayScreen(self.session))


def make_game_app(session: GameSession) -> GameApp:
    """The play app for a created or resumed game."""
    return GameApp(session)


def make_setup_app(load: LoadResult, store: Path, *, seed: int | None = None, timer: float | None = None) -> GameApp:
    """The app that opens on the setup screen and creates the game in `store` when started."""
    return GameApp(load=load, store=store, seed=seed, timer=timer)


def make_replay_app(session: GameSession) -> ReplayApp:
    return ReplayApp(session)
