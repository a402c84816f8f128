"""The debrief screen: the report's content on screen, and a key that writes it as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.game.advice import Advisor
from explorer.game.debrief import debrief_of
from explorer.game.report import render
from explorer.game.session import GameSession
from explorer.tui.game.debrief_text import path_text, sections
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.literal import literal
from explorer.tui.widgets.wrapped import Wrapped


def report_path(store: Path) -> Path:
    """Where the debrief's Markdown goes: next to the game file, e.g. class.sqlite → class-report.md."""
    return store.with_name(f"{store.stem}-report.md")


class DebriefScreen(Screen[None]):
    """The class's path with rationales, roads not taken and what the equilibrium would have done at
    each position, the forecasts scored, the moves off the tree, final metrics and payoffs, and the
    metrics over the turns. The equilibrium is worked out in a thread; until then it says so. Before
    the game is over it shows what the shared screen may see (the screen may be projected)."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.DEBRIEF)

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.advisor: Advisor | None = None
        self.analysed = False
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Debrief", "bold"), "  ·  ", literal(self.session.graph.scenario.title,
                                                                           one_line=True)), id="title-bar")
        with VerticalScroll(id="debrief-body"):
            yield Static("", id="debrief-saved")
            yield Static(Content.styled("Working out what the equilibrium would have done at each position…",
                                        "dim italic"), id="debrief-wait")
            yield Static(id="debrief-0")
            yield Wrapped(id="debrief-path")
            for n in range(1, 8):
                yield Static(id=f"debrief-{n}")
        yield Footer()

    class Analysed(Message):
        """The equilibrium is worked out (sent from the worker thread)."""

        def __init__(self, advisor: Advisor | None) -> None:
            super().__init__()
            self.advisor = advisor

    def on_mount(self) -> None:
        self.query_one("#debrief-saved").display = False
        self.show()
        self.query_one("#debrief-body").focus()
        self._analyse()

    @work(thread=True, exclusive=True)
    def _analyse(self) -> None:
        self.post_message(self.Analysed(Advisor.of(self.session.graph) if self.session.ended else None))

    @on(Analysed)
    def _analysed(self, message: Analysed) -> None:
        self.advisor, self.analysed = message.advisor, True
        self.query_one("#debrief-wait").display = False
        self.show()

    def show(self) -> None:
        debrief = debrief_of(self.session, advisor=self.advisor)
        with self.app.batch_update():
            for n, content in enumerate(sections(debrief)):
                self.query_one(f"#debrief-{n}", Static).update(content)
            self.query_one("#debrief-path", Wrapped).rebuild(lambda width: path_text(debrief, width))

    def action_write(self) -> None:
        """Write the Markdown report next to the game file and say where."""
        path = report_path(self.session.store.path)
        try:
            advisor = self.advisor if self.analysed or not self.session.ended else Advisor.of(self.session.graph)
            path.write_text(render(debrief_of(self.session, advisor=advisor)), encoding="utf-8")
        except OSError as exc:
            self.notify(f"cannot write {path}: {exc.strerror or exc}", title="Report not written",
                        severity="error", markup=False)
            return
        self.written = path
        saved = self.query_one("#debrief-saved", Static)
        saved.display = True
        saved.update(literal(f"Report written: {path}"))
        self.notify(f"Report written: {path}", title="Debrief", markup=False, timeout=8)

    def action_back(self) -> None:
        self.dismiss(None)
