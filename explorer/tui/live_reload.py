"""Live reload in the explorer: with `explorer play --watch` the scenario's files are polled and, when one
changes, loaded again (in a thread) and the walk replayed to where the author was, or as far as it still
can (the status line says where it stopped and why); R reloads at once. A scenario saved with errors
keeps the walk on the last version that loaded and shows the errors in a panel above it, each at its
place; the panel goes when a save loads again. The domain does the work (`explorer.reload`, imported when first needed: the first screen does not wait
for it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from explorer.tui.literal import printable

if TYPE_CHECKING:
    from pathlib import Path

    from explorer.graph import ScenarioGraph
    from explorer.reload import Reload, ScenarioWatch
    from explorer.tui.analyst import Analyst
    from explorer.tui.screens.main import MainScreen
    from explorer.walk import Walk
    from explorer.walks.session import WalkSession


class LiveReloadMixin:
    """The app's side of live reload (a mixin of `ExplorerApp`)."""

    watch: ScenarioWatch | None
    path: Path | None
    graph: ScenarioGraph
    _analyst: Analyst | None

    if TYPE_CHECKING:
        @property
        def session(self) -> WalkSession: ...
        @property
        def walk(self) -> Walk: ...
        def set_interval(self, interval: float, callback: object) -> object: ...
        def notify(self, message: str, **kwargs: object) -> None: ...
        def call_from_thread(self, callback: object, *args: object) -> object: ...
        def _main_or_none(self) -> MainScreen | None: ...
        def _pop_to_base(self) -> None: ...
        def push_screen(self, screen: object) -> object: ...
        def _new_main(self) -> MainScreen: ...
        title: str

    def start_watching(self) -> None:
        """Poll the scenario's files (called on mount when the app was given a watch)."""
        from explorer.reload import INTERVAL

        self.set_interval(INTERVAL, self.poll_scenario)

    def poll_scenario(self) -> None:
        if self.watch is not None and self.watch.changed():
            self.reload_scenario()

    def action_reload_scenario(self) -> None:
        """Load the scenario again now (R), watched or not."""
        if self.path is None:
            self.notify("this scenario was not opened from a file: nothing to reload", title="Reload",
                        severity="warning", markup=False)
            return
        if self.watch is None or self.watch.path != self.path:
            from explorer.reload import ScenarioWatch

            self.watch = ScenarioWatch(self.path, settle=False)
        self.reload_scenario()

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload_scenario(self) -> None:
        """Load and check in a thread; replay the walk; then show the outcome on the UI thread."""
        assert self.watch is not None
        outcome = self.watch.reload(self.walk)
        self.call_from_thread(self.show_reload, outcome)

    def show_reload(self, outcome: Reload) -> None:
        """A load with errors: the panel, the walk kept. A good one: the walk replayed on the new scenario."""
        main = self._main_or_none()
        if not outcome.ok or outcome.replay is None:
            problems = outcome.problems if not outcome.ok else []
            if main is not None:
                main.show_problems(problems)
            elif problems:
                self.notify(f"{len(outcome.result.problems.errors)} error(s); first: {problems[0]}",
                            title="Scenario errors", severity="error", markup=False, timeout=10)
            return
        from explorer.game.fingerprint import scenario_hash

        replay = outcome.replay
        try:
            digest = scenario_hash(self.watch.path, outcome.result.files) if self.watch else ""
        except OSError:
            digest = ""
        self.graph = replay.walk.graph
        self.session.adopt(replay.walk, digest)
        self._analyst = None  # the analysis was of the old scenario
        self.title = printable(self.graph.scenario.title, one_line=True)
        if main is None:
            return
        self._pop_to_base()
        fresh = self._new_main()
        fresh.said_first = (replay.summary, replay.complete)
        self.push_screen(fresh)
