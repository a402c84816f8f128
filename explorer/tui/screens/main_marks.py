"""The main screen's analysis marks: worked out from the app's `Analyst` (solving in a thread the first
time, slow marks in a thread too), shown on the options or on a round's columns, and the likely path on
the map. A mixin of `MainScreen`: it reads the screen's walk and widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from explorer.actions import State
from explorer.format.models import NodeKind
from explorer.tui.host import explorer_host
from explorer.tui.messages import AnalysisFailed, AnalysisReady
from explorer.tui.widgets.options import STAR, OptionsPanel
from explorer.tui.widgets.round_panel import RoundPanel
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.tui.widgets.status_line import Tone

if TYPE_CHECKING:
    from textual.app import App

    from explorer.analysis.outlooks import OptionMark, Outlooks, RoundMarks
    from explorer.graph import ScenarioGraph
    from explorer.tui.analyst import Analyst
    from explorer.walk import Walk

Where = tuple[str, State, str]
"""(node id, metric state, policy): what a set of analysis marks is for."""


class MarksReady(Message):
    """Marks worked out in a thread for `where` (they are cached in the analysis now)."""

    def __init__(self, where: Where) -> None:
        super().__init__()
        self.where = where


class Marks:
    """What the marks say at the walk's position (None: off, or not ready yet)."""

    def __init__(self) -> None:
        self.options: dict[int, OptionMark] | None = None
        self.round: RoundMarks | None = None
        self.note = ""
        self.route: tuple[int, ...] | None = None


class MarksMixin:
    """Analysis marks for `MainScreen`."""

    walk: Walk
    app: App[object]
    _solving: bool
    marks: Marks
    round_picks: dict[str, int] | None

    if TYPE_CHECKING:
        def query_one(self, selector: type, /) -> object: ...
        def post_message(self, message: Message) -> bool: ...
        def say(self, message: str, tone: Tone = ..., title: str = "") -> None: ...
        def _redraw_options(self) -> None: ...
        @property
        def graph(self) -> ScenarioGraph: ...

    @property
    def analyst(self) -> Analyst:
        return explorer_host(self.app).analyst

    def _where(self) -> Where:
        return self.walk.node_id, self.walk.state, self.analyst.policy

    def work_out_marks(self) -> Marks:
        """The marks at the walk's position if they are on and ready; a solve or slow marks are left to
        a thread, whose message redraws the options when done."""
        marks = Marks()
        host = explorer_host(self.app)
        analyst = host.analyst if host.has_analyst else None
        if analyst is None or not analyst.marks_on:
            return marks
        outlooks = analyst.ready(self.graph)
        if outlooks is None:
            if analyst.failure(self.graph) is not None:
                marks.note = "no analysis: too large to solve here"
                return marks
            if not self._solving:
                self._solving = True
                host.request_analysis(self, self.graph)  # type: ignore[arg-type]
            marks.note = "analysis: solving…"
            return marks
        walk, policy = self.walk, analyst.policy
        marks.route = outlooks.likely_route(policy)
        if walk.kind == NodeKind.ROUND:
            found = analyst.round_marks_now(outlooks, walk.node_id, walk.state)
            if found is False:
                self._work_out_marks(outlooks, self._where())
                marks.note = "analysis: working…"
            elif found is None:
                marks.note = "no analysis here: the solved game never reaches this position"
            else:
                marks.round = found  # type: ignore[assignment]
                marks.note = f"{STAR} equilibrium · odds: {policy} (p)"
            return marks
        options = analyst.marks_now(outlooks, walk.node_id, walk.state)
        if options is None:
            self._work_out_marks(outlooks, self._where())
            marks.note = "analysis: working…"
            return marks
        marks.options = {m.index: m for m in options}
        marks.note = f"{STAR} equilibrium · payoffs: equilibrium · odds: {policy} (p)"
        if not options and not walk.is_over and any(v.available for v in walk.options()):
            marks.note = "no analysis here: the solved game never reaches this position"
        return marks

    @work(thread=True, group="marks", exclusive=True, exit_on_error=False)
    def _work_out_marks(self, outlooks: Outlooks, where: Where) -> None:
        node_id, state, policy = where
        if outlooks.graph.round(node_id) is not None:
            outlooks.round_marks(node_id, state, policy)
        else:
            outlooks.marks(node_id, state, policy)
        if not get_current_worker().is_cancelled:
            self.post_message(MarksReady(where))

    def on_marks_ready(self, message: MarksReady) -> None:
        if self.analyst.marks_on and message.where == self._where():
            self._redraw_options()

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self._solving = False
        if message.graph is self.graph:
            self._redraw_options()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._solving = False
        self.say(message.reason, Tone.ERROR, "No analysis")
        self._redraw_options()

    def show_marks(self) -> None:
        """The options (or the round's columns) with the analysis marks when they are on, and the likely
        path on the map."""
        marks = self.marks = self.work_out_marks()
        if self.walk.kind == NodeKind.ROUND:
            picks, self.round_picks = self.round_picks, None
            self.query_one(RoundPanel).show(self.walk, marks.round, self.analyst.policy, picks)  # type: ignore[attr-defined]
            self.query_one(RoundPanel).border_subtitle = marks.note or RoundPanel.HINT  # type: ignore[attr-defined]
        else:
            policy = self.analyst.policy if marks.options else ""
            self.query_one(OptionsPanel).show(self.walk, marks.options, marks.note, policy)  # type: ignore[attr-defined]
        self.query_one(ScenarioMap).show_likely(marks.route)  # type: ignore[attr-defined]

    def action_toggle_marks(self) -> None:
        """Turn the analysis marks on or off (solving the scenario the first time)."""
        analyst = self.analyst
        analyst.marks_on = not analyst.marks_on
        self._redraw_options()

    def action_cycle_policy(self) -> None:
        """The next policy for the odds (beliefs → equilibrium → uniform)."""
        from explorer.tui.analyst import POLICY_WORDS

        policy = self.analyst.cycle_policy()
        self.say(f"{policy}: {POLICY_WORDS[policy]}", Tone.DONE, "Odds now under")
        self._redraw_options()

    @work(group="analysis-screen")
    async def action_analysis(self) -> None:
        """The analysis screen; the marks are redrawn after it (the policy may have changed)."""
        from explorer.tui.screens.analysis import AnalysisScreen

        await self.app.push_screen_wait(AnalysisScreen(self.graph, self.analyst))
        self._redraw_options()
