"""The explorer app: a thin shell that owns the scenario and the walk and pushes screens."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen

from explorer.graph import ScenarioGraph
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import printable
from explorer.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from explorer.tui.analyst import Analyst
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.walk_requests import StartRequest
    from explorer.walk import Walk

# The main screen, the help and the palette are imported when first used, so that the
# start screen (the first one shown) does not wait for them.


def _table_commands() -> type[Provider]:
    from explorer.tui.palette import TableCommands

    return TableCommands


class ExplorerApp(App[None]):
    """Walk the branches of a scenario and see where they end."""

    CSS_PATH = "app.tcss"
    TITLE = "Scenario explorer"
    COMMAND_TABLE = EXPLORER
    COMMANDS = App.COMMANDS | {_table_commands}
    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.APP)
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (96, "-wide"), (130, "-very-wide")]

    def __init__(self, graph: ScenarioGraph, *, path: Path | None = None, seed: int | None = None) -> None:
        super().__init__()
        self.graph = graph
        self.path = path
        self.seed = seed
        self._walk: Walk | None = None
        self._analyst: Analyst | None = None
        self.first_frame_shown = False
        """Whether the first frame is on screen: work that can wait for it (the start screen's
        Markdown) is done after it."""

    @property
    def walk(self) -> Walk:
        """The walk through the scenario (made when first needed: the start screen does not)."""
        if self._walk is None:
            from explorer.walk import Walk

            self._walk = Walk(self.graph, self.seed)
        return self._walk

    @walk.setter
    def walk(self, walk: Walk) -> None:
        self._walk = walk

    @property
    def analyst(self) -> Analyst:
        """The analysis of the scenario and the person's analysis choices (made on first use)."""
        if self._analyst is None:
            from explorer.tui.analyst import Analyst

            self._analyst = Analyst()
        return self._analyst

    @property
    def has_analyst(self) -> bool:
        return self._analyst is not None

    @work(thread=True, group="analysis", exit_on_error=False)
    def request_analysis(self, screen: Screen[object], graph: ScenarioGraph) -> None:
        """Solve `graph` in a thread; `screen` hears `AnalysisReady` or `AnalysisFailed`."""
        from explorer.tui.analyst import NoAnalysis
        from explorer.tui.messages import AnalysisFailed, AnalysisReady

        try:
            screen.post_message(AnalysisReady(graph, self.analyst.solve(graph)))
        except NoAnalysis as exc:
            screen.post_message(AnalysisFailed(str(exc)))

    def get_default_screen(self) -> StartScreen:
        """The start screen is the app's first (base) screen: no empty screen is laid out first."""
        return StartScreen(self.graph)

    def on_mount(self) -> None:
        self.title = printable(self.graph.scenario.title, one_line=True)

    def on_ready(self) -> None:
        """The first frame is on screen: now the start screen renders its summary's Markdown."""
        self.first_frame_shown = True
        if isinstance(self.screen, StartScreen):
            self.screen.call_after_refresh(self.screen.render_summary)

    @on(StartScreen.Begin)
    def begin(self, message: StartScreen.Begin) -> None:
        """The first start screen closed: open the walk, making the move whose key was pressed there."""
        self.push_screen(self._new_main(message.request))

    def _new_main(self, first: StartRequest | None = None) -> MainScreen:
        from explorer.tui.screens.main import MainScreen

        return MainScreen(self.walk, file_name=self.path.name if self.path else None, first=first)

    async def main_screen(self) -> MainScreen:
        """The main screen, brought to the front: screens over it are closed (as if escaped), and
        one is opened over the start screen if there is none yet."""
        from explorer.tui.screens.main import MainScreen

        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            self._pop_to_base()
            main = self._new_main()
            await self.push_screen(main)
            return main
        while self.screen is not main:
            self.screen.dismiss(None)
        return main

    async def command_target(self, scope: Hashable) -> App[object] | Screen[object]:
        """What runs a palette command of `scope`: the main screen for the walk's, else the app."""
        return await self.main_screen() if scope is Scope.MAIN else self

    def _pop_to_base(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # --- actions (keys, palette) ---------------------------------------------------------
    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_jump_to_node(self) -> None:
        from textual.command import CommandPalette

        from explorer.tui.pickers import NodeProvider

        self.push_screen(CommandPalette(providers=[NodeProvider], placeholder="Jump to node: type a title or id…"))

    def action_switch_scenario(self) -> None:
        from textual.command import CommandPalette

        from explorer.tui.pickers import ScenarioProvider

        self.push_screen(CommandPalette(providers=[ScenarioProvider], placeholder="Switch to scenario…"))

    async def jump_to(self, node_id: str) -> None:
        (await self.main_screen()).jump(node_id)

    @work(group="switch", exclusive=True)
    async def open_scenario(self, path: Path) -> None:
        """Load another scenario and start walking it; a broken one is refused with a notice."""
        from explorer.loading.cache import load_valid_cached

        result = load_valid_cached(path)
        if not result.ok or result.graph is None:
            errors = result.problems.errors
            first = str(errors[0]) if errors else "it could not be loaded"
            self.notify(
                f"{path.name} has {len(errors)} error(s) and was not opened. First: {first}",
                title="Scenario not opened",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        from explorer.walk import Walk

        self.graph, self.path = result.graph, path
        self.walk = Walk(result.graph, self.seed)
        self.title = printable(self.graph.scenario.title, one_line=True)
        self._pop_to_base()
        self.notify(f"Opened {path.name}", title="Scenario switched", markup=False)
        request = await self.push_screen_wait(StartScreen(self.graph))
        self.push_screen(self._new_main(request))


def make_app(graph: ScenarioGraph, *, path: Path | None = None, seed: int | None = None) -> ExplorerApp:
    """The explorer app for a loaded, valid scenario (used by `explorer play` and by tests)."""
    return ExplorerApp(graph, path=path, seed=seed)
