"""The explorer app: a thin shell that owns the scenario and the walk and pushes screens."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.screen import Screen

from explorer.loading.cover import Cover, cover_of
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import printable
from explorer.tui.live_reload import LiveReloadMixin
from explorer.tui.opening_app import OpeningMixin
from explorer.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from explorer.graph import ScenarioGraph
    from explorer.reload import ScenarioWatch
    from explorer.tui.analyst import Analyst
    from explorer.tui.opening import Opening
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.walk_requests import StartRequest
    from explorer.walk import Walk
    from explorer.walks.session import Resumed, WalkSession

# The main screen, the help and the palette are imported when first used, so that the
# start screen (the first one shown) does not wait for them.


def _table_commands() -> type[Provider]:
    from explorer.tui.palette import TableCommands

    return TableCommands


class ExplorerApp(OpeningMixin, LiveReloadMixin, App[None]):
    """Walk the branches of a scenario and see where they end."""

    CSS_PATH = "app.tcss"
    TITLE = "Scenario explorer"
    COMMAND_TABLE = EXPLORER
    COMMANDS = App.COMMANDS | {_table_commands}
    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.APP)
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"), (96, "-wide"), (130, "-very-wide"), (180, "-huge")]

    def __init__(self, graph: ScenarioGraph | None, *, path: Path | None = None, seed: int | None = None,
                 session: WalkSession | None = None, resumable: Path | None = None,
                 resumed: Resumed | None = None, watch: ScenarioWatch | None = None,
                 opening: Opening | None = None) -> None:
        super().__init__()
        self.watch = watch
        """The scenario's files, polled for changes (`explorer play --watch`); None: R reloads on demand."""
        assert graph is not None or opening is not None
        self._graph = graph
        self.opening = opening if graph is None else None
        self.cover: Cover = cover_of(graph) if graph is not None else opening.cover  # type: ignore[union-attr]
        """What the first start screen shows."""
        self.not_opened = False
        self.path = path
        self.seed = seed
        self._session = session
        self.resumable = resumable
        """A saved walk of this scenario that the start screen offers to resume."""
        self.resumed = resumed
        """How the walk given was resumed (said once the walk is shown)."""
        self._analyst: Analyst | None = None
        self._walk_screen_imported = False
        self.first_frame_shown = False
        """Whether the first frame is on screen: work that can wait for it (the start screen's
        Markdown) is done after it."""

    def scenario_opened(self) -> None:
        """The scenario behind the start screen is loaded: the walk's screen, if its import waited for it,
        is imported now."""
        if self._walk_screen_imported:
            self.set_timer(WALK_SCREEN_IMPORT_DELAY, _import_walk_screen)

    @property
    def session(self) -> WalkSession:
        """The solo walk and what it keeps (made when first needed: the start screen does not)."""
        graph = self.graph  # a scenario opened behind its start screen comes with its walk
        if self._session is None:
            from explorer.walks.session import WalkSession

            self._session = WalkSession(graph, self.seed)
        return self._session

    @session.setter
    def session(self, session: WalkSession) -> None:
        self._session = session

    @property
    def walk(self) -> Walk:
        """The walk through the scenario (the session's)."""
        return self.session.walk

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
        """The start screen is the app's first (base) screen: no empty screen is laid out first. It offers
        the last saved walk of the scenario, if there is one."""
        return StartScreen(self.cover, saved=self._saved_words())

    def _saved_words(self) -> str | None:
        """'your last walk (saved 7 Dec 02:21)' for the start screen (one `stat`, nothing read)."""
        if self.resumable is None:
            return None
        import datetime as dt

        try:
            when = dt.datetime.fromtimestamp(self.resumable.stat().st_mtime)
        except OSError:
            return None
        return f"your last walk of this scenario (saved {when:%d %b %H:%M})"

    def continue_saved(self) -> None:
        """Go on with the saved walk offered on the start screen (a damaged file: a new walk, said why)."""
        from explorer.walks.journal import JournalError
        from explorer.walks.session import WalkSession

        assert self.resumable is not None
        try:
            self.session, self.resumed = WalkSession.resume(self.graph, self.resumable)
        except JournalError as exc:
            self.notify(f"the saved walk could not be continued: {exc}", title="Walk", severity="error",
                        markup=False, timeout=10)
        self.resumable = None

    def on_mount(self) -> None:
        self.title = printable(self.cover.title, one_line=True)
        if self.watch is not None:
            self.start_watching()

    def _main_or_none(self) -> MainScreen | None:
        from explorer.tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def on_ready(self) -> None:
        """The first frame is on screen: now the start screen renders its summary's Markdown."""
        self.first_frame_shown = True
        if isinstance(self.screen, StartScreen):
            self.screen.call_after_refresh(self.screen.render_summary)
        if self.opening is not None:
            self.run_worker(self._open_behind(), group="opening", exit_on_error=False)

    def on_start_screen_completed(self) -> None:
        """The start screen is complete and the person reads it: meanwhile, import what the walk's
        screen needs, so that Enter only builds it (done once; a key pressed sooner imports it itself,
        and an app closed at once never does)."""
        if not self._walk_screen_imported:
            self._walk_screen_imported = True
            self.set_timer(WALK_SCREEN_IMPORT_DELAY, self._import_walk_screen)

    def _import_walk_screen(self) -> None:
        """Import the walk's screen, unless the scenario is still loading behind the start screen: then
        once it is loaded (it imports the same models: one importer at a time)."""
        if self.opening is None:
            _import_walk_screen()

    @on(StartScreen.Begin)
    def begin(self, message: StartScreen.Begin) -> None:
        """The first start screen closed: open the walk, making the move whose key was pressed there (or
        going on with the saved walk)."""
        from explorer.tui.walk_requests import ContinueSaved

        if isinstance(message.request, ContinueSaved):
            self.continue_saved()
            self.push_screen(self._new_main())
            return
        self.push_screen(self._new_main(message.request))

    def _new_main(self, first: StartRequest | None = None) -> MainScreen:
        from explorer.tui.screens.main import MainScreen

        return MainScreen(self.session, file_name=self.path.name if self.path else None, first=first)

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

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save a screenshot where the person will find it — their Downloads folder if they have one, else
        the folder the explorer was started in — and say where (in a browser, the browser downloads it)."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        folder = Path(path) if path else screenshot_folder()
        try:
            saved = Path(self.save_screenshot(filename, str(folder), time_format)).resolve()
        except OSError as exc:
            self.notify(f"The screenshot could not be saved in {folder}: {exc.strerror or exc}", title="Screenshot",
                        severity="error", markup=False, timeout=10)
            return None
        self.notify(f"Saved as {saved}", title="Screenshot", markup=False, timeout=10)
        return str(saved)

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
        from explorer.walks.session import WalkSession

        self.graph, self.path = result.graph, path
        self.session = WalkSession(result.graph, self.seed)
        self.resumable = None
        self.title = printable(self.graph.scenario.title, one_line=True)
        self._pop_to_base()
        self.notify(f"Opened {path.name}", title="Scenario switched", markup=False)
        request = await self.push_screen_wait(StartScreen(cover_of(self.graph)))
        self.push_screen(self._new_main(request))


WALK_SCREEN_IMPORT_DELAY = 0.3
"""Seconds after the start screen is complete before the walk's screen is imported (a person reads
for longer; an app opened only to be closed again is gone by then)."""


def _import_walk_screen() -> None:
    import explorer.tui.screens.main  # noqa: F401  (imported for its side effect: the modules are loaded)


def screenshot_folder() -> Path:
    """The user's Downloads folder when it exists, else the current folder."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def make_app(graph: ScenarioGraph | None, *, path: Path | None = None, seed: int | None = None,
             session: WalkSession | None = None, resumable: Path | None = None,
             resumed: Resumed | None = None, watch: ScenarioWatch | None = None,
             opening: Opening | None = None) -> ExplorerApp:
    """The explorer app for a loaded, valid scenario (used by `explorer play` and by tests): a new walk
    (not saved) unless a `session` is given; `resumable`: a saved walk the start screen offers. Or, with
    no graph, for a scenario still `opening`: its start screen is drawn from its cover and the scenario
    is loaded after the first frame."""
    return ExplorerApp(graph, path=path, seed=seed, session=session, resumable=resumable, resumed=resumed,
                       watch=watch, opening=opening)
