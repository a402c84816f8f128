"""The explorer app: a thin shell that owns the scenario and the walk and pushes screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from explorer.graph import ScenarioGraph
from explorer.tui.literal import printable
from explorer.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from explorer.tui.analyst import Analyst
    from explorer.tui.screens.main import MainScreen
    from explorer.walk import Walk

# The main screen, the help and the palette are imported when first used, so that the
# start screen (the first one shown) does not wait for them.


def _explorer_commands() -> type[Provider]:
    from explorer.tui.commands import ExplorerCommands

    return ExplorerCommands


class ExplorerApp(App[None]):
    """Walk the branches of a scenario and see where they end."""

    CSS_PATH = "app.tcss"
    TITLE = "Scenario explorer"
    COMMANDS = App.COMMANDS | {_explorer_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]
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

            self._analyst = Analyst(self)
        return self._analyst

    @property
    def has_analyst(self) -> bool:
        return self._analyst is not None

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

    def begin(self, then: str | None) -> None:
        """The start screen closed: open the walk, doing the walking key pressed there."""
        self.push_screen(self._new_main(lambda main: main.after_start(then)))

    def _new_main(self, then: Callable[[MainScreen], None] | None = None) -> MainScreen:
        from explorer.tui.screens.main import MainScreen

        return MainScreen(self.walk, file_name=self.path.name if self.path else None, then=then)

    def with_main(self, act: Callable[[MainScreen], None]) -> None:
        """Run `act` on the main screen, closing screens over it (or opening it first)."""
        from explorer.tui.screens.main import MainScreen

        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            self._pop_to_base()
            self.push_screen(self._new_main(act))
            return
        while self.screen is not main:
            self.pop_screen()
        act(main)

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

    def action_restart(self) -> None:
        self.with_main(lambda main: main.action_restart())

    def action_toggle_map(self) -> None:
        self.with_main(lambda main: main.action_toggle_map())

    def action_about(self) -> None:
        self.with_main(lambda main: main.action_about())

    def action_toggle_marks(self) -> None:
        self.with_main(lambda main: main.action_toggle_marks())

    def action_cycle_policy(self) -> None:
        self.with_main(lambda main: main.action_cycle_policy())

    def action_analysis(self) -> None:
        self.with_main(lambda main: main.action_analysis())

    def action_jump_to_node(self) -> None:
        from textual.command import CommandPalette

        from explorer.tui.commands import NodeProvider

        self.push_screen(CommandPalette(providers=[NodeProvider], placeholder="Jump to node: type a title or id…"))

    def action_switch_scenario(self) -> None:
        from textual.command import CommandPalette

        from explorer.tui.commands import ScenarioProvider

        self.push_screen(CommandPalette(providers=[ScenarioProvider], placeholder="Switch to scenario…"))

    def jump_to(self, node_id: str) -> None:
        self.with_main(lambda main: main.jump(node_id))

    def open_scenario(self, path: Path) -> None:
        """Load another scenario and start walking it; a broken one is refused with a notice."""
        from explorer.loading import load_scenario

        result = load_scenario(path)
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
        self.push_screen(StartScreen(self.graph), callback=self.begin)
        self.notify(f"Opened {path.name}", title="Scenario switched", markup=False)


def make_app(graph: ScenarioGraph, *, path: Path | None = None, seed: int | None = None) -> ExplorerApp:
    """The explorer app for a loaded, valid scenario (used by `explorer play` and by tests)."""
    return ExplorerApp(graph, path=path, seed=seed)
