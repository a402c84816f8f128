"""The main screen's keys for keeping work: a note on the step (n), marking the walk to compare
another branch with it (k), the comparison (c), the endings reached (E), the metrics over the path (g)
and the walk as Markdown (x)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from explorer.tui.widgets.path_panel import PathPanel
from explorer.tui.widgets.status_line import Tone
from explorer.walks.compare import compare, historical_line, line_of, snapshot_line

if TYPE_CHECKING:
    from textual.app import App

    from explorer.graph import ScenarioGraph
    from explorer.tui.analyst import Analyst
    from explorer.walk import Walk
    from explorer.walks.session import WalkSession


class WorkMixin:
    """Notes, comparison, endings and export for `MainScreen`."""

    session: WalkSession
    app: App[object]

    if TYPE_CHECKING:
        @property
        def walk(self) -> Walk: ...
        @property
        def graph(self) -> ScenarioGraph: ...
        @property
        def analyst(self) -> Analyst: ...
        def say(self, message: str, tone: Tone = Tone.INFO, title: str = "") -> None: ...
        def has_class(self, *names: str) -> bool: ...
        def query_one(self, selector: type[PathPanel]) -> PathPanel: ...

    def _note_place(self) -> str:
        history = self.walk.history
        return f"step {len(history)}: {self.walk.node.title}" if history else f"the start: {self.walk.node.title}"

    @work(group="note")
    async def action_note(self) -> None:
        """Write or change the note on this step (kept in the saved walk and in the export)."""
        from explorer.tui.screens.work_screens import NoteScreen

        edited = await self.app.push_screen_wait(NoteScreen(self._note_place(), self.session.note_at()))
        if edited is None:
            return
        self.session.note(edited.text)
        self.say("note kept" if edited.text.strip() else "note removed", Tone.DONE, "Note")
        if self.has_class("show-path"):
            self.query_one(PathPanel).show(self.graph, self.walk.history, self.session.note_at)

    def action_mark_walk(self) -> None:
        """Keep this walk to compare another branch with it."""
        self.session.mark()
        self.say(f"this walk ({len(self.walk.history)} steps) is kept: explore another branch, then c compares",
                 Tone.DONE, "Marked")

    def action_compare(self) -> None:
        """This walk, the marked one (if any) and the historical path side by side."""
        from explorer.tui.screens.work_screens import CompareScreen

        graph = self.graph
        lines = [line_of("This walk", self.walk)]
        marked = self.session.marked
        if marked is not None:
            lines.append(snapshot_line(graph, "Marked walk", marked.history, marked.node_id, marked.state))
        lines.append(historical_line(graph))
        self.app.push_screen(CompareScreen(graph, compare(lines)))
        if marked is None:
            self.say("no walk marked yet: k keeps this one, to compare another branch with it", Tone.INFO, "Compare")

    def action_endings(self) -> None:
        from explorer.tui.screens.work_screens import EndingsScreen

        self.app.push_screen(EndingsScreen(self.session))

    def action_chart(self) -> None:
        from explorer.tui.screens.chart import ChartScreen

        self.app.push_screen(ChartScreen(self.walk))

    def action_export_walk(self) -> None:
        """Write the walk as Markdown: next to its saved file, else in the current folder."""
        from explorer.walks.markdown import walk_markdown

        journal = self.session.journal
        folder = journal.path.parent if journal is not None else Path.cwd()
        stem = journal.path.name.removesuffix(".walk.jsonl") if journal is not None else f"walk-{self.graph.scenario.id}"
        target = folder / f"{stem}.md"
        scenario = getattr(self.app, "path", None)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            outlooks = self.analyst.ready(self.graph)  # the odds chart when the analysis is done (e, a)
            target.write_text(walk_markdown(self.session, str(scenario or ""), outlooks), encoding="utf-8")
        except OSError as exc:
            self.say(f"could not write {target}: {exc.strerror or exc}", Tone.ERROR, "Export")
            return
        self.say(f"written to {target.resolve()}", Tone.DONE, "Walk exported")
