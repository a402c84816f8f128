"""The main screen: the node, its options, the metrics, the path and the map of one walk."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from explorer.actions import State
from explorer.graph import ScenarioGraph
from explorer.tui.host import explorer_host
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal, printable
from explorer.tui.messages import AnalysisFailed, AnalysisReady, WalkChanged, WalkMove, WalkRefused
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.screens.start import StartScreen
from explorer.tui.walk_requests import Back, Restart, Rewind, Roll, Take, WalkRequest
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.node_panel import NodePanel, roll_text
from explorer.tui.widgets.options import STAR, OptionDetail, OptionsPanel
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.walk import Walk, WalkError

if TYPE_CHECKING:
    from explorer.analysis.outlooks import OptionMark, Outlooks
    from explorer.tui.analyst import Analyst


def title_bar(walk: Walk, file_name: str | None) -> Content:
    scenario = walk.graph.scenario
    tail = [f"as of {scenario.as_of}"] if scenario.as_of else []
    tail.append(f"seed {walk.seed}")
    if file_name:
        tail.append(file_name)
    return Content.assemble(literal(scenario.title, "bold", one_line=True), ("  ·  " + "  ·  ".join(tail), "dim"))


Where = tuple[str, State, str]
"""(node id, metric state, policy): what a set of analysis marks is for."""


class MainScreen(Screen[None]):
    """One walk through one scenario. Keys and clicks ask the `Walk` to move; the screen then
    redraws from it. Refused moves are reported in words, never silently ignored."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.MAIN)

    class MarksReady(Message):
        """Marks worked out in a thread for `where` (they are cached in the analysis now)."""

        def __init__(self, where: Where) -> None:
            super().__init__()
            self.where = where

    def __init__(self, walk: Walk, *, file_name: str | None = None, first: WalkRequest | None = None) -> None:
        super().__init__()
        self.walk = walk
        self.file_name = file_name
        self._first = first
        """The move to make once the screen is shown (a walking key pressed on the start screen)."""
        self._footer_for_ending = False
        self._marks: dict[int, OptionMark] | None = None
        self._solving = False

    @property
    def graph(self) -> ScenarioGraph:
        return self.walk.graph

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        yield Breadcrumbs(self.graph, id="crumbs")
        with Horizontal(id="body"):
            yield ScenarioMap(self.graph, id="map")
            with Vertical(id="centre"):
                yield NodePanel(self.graph, id="node")
                yield OptionsPanel(id="options")
            with VerticalScroll(id="side") as side:
                side.border_title = "State"
                yield MetricsPanel(self.graph, id="metrics")
                yield OptionDetail(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_walk()
        self.query_one(OptionsPanel).focus()
        if self._first is not None:
            self.make(self._first)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`o` (the outcome again) is offered only at an ending."""
        if action == "outcome":
            return self.walk.is_over
        return True

    # --- drawing -------------------------------------------------------------------------
    @property
    def analyst(self) -> Analyst:
        return explorer_host(self.app).analyst

    def show_walk(self) -> None:
        """Redraw every panel from the walk (in one batch: one repaint)."""
        walk = self.walk
        with self.app.batch_update():
            self.query_one("#title-bar", Static).update(title_bar(walk, self.file_name))
            self.query_one(NodePanel).show(walk)
            self._show_options()
            self._show_detail(0)
            self.query_one(MetricsPanel).show(walk.metrics, walk.last_change())
            self.query_one(Breadcrumbs).show(walk.history)
            self.query_one(ScenarioMap).show_route(walk.route())
        if walk.is_over != self._footer_for_ending:  # the footer offers `o` only at an ending
            self._footer_for_ending = walk.is_over
            self.refresh_bindings()

    def _show_options(self) -> None:
        """The options, with the analysis marks when they are on (and the likely path on the map)."""
        marks, note, route = self._analysis()
        self._marks = marks
        self.query_one(OptionsPanel).show(self.walk, marks, note)
        self.query_one(ScenarioMap).show_likely(route)

    def _where(self) -> Where:
        return self.walk.node_id, self.walk.state, self.analyst.policy

    def _analysis(self) -> tuple[dict[int, OptionMark] | None, str, tuple[int, ...] | None]:
        """(option index → mark, a note for the options' frame, the most likely route) if the marks
        are on and the analysis is ready; a solve or slow marks are left to a thread, whose
        message redraws the options when done."""
        host = explorer_host(self.app)
        analyst = host.analyst if host.has_analyst else None
        if analyst is None or not analyst.marks_on:
            return None, "", None
        outlooks = analyst.ready(self.graph)
        if outlooks is None:
            if not self._solving:
                self._solving = True
                host.request_analysis(self, self.graph)
            return None, "analysis: solving…", None
        walk, policy = self.walk, analyst.policy
        marks = analyst.marks_now(outlooks, walk.node_id, walk.state)
        if marks is None:
            self._work_out_marks(outlooks, self._where())
        route = outlooks.likely_route(policy)
        if marks is None:
            return None, "analysis: working…", route
        note = f"{STAR} equilibrium · odds: {policy} (p)"
        if not marks and not walk.is_over and any(v.available for v in walk.options()):
            note = "no analysis here: the solved game never reaches this position"
        return {m.index: m for m in marks}, note, route

    @work(thread=True, group="marks", exclusive=True, exit_on_error=False)
    def _work_out_marks(self, outlooks: Outlooks, where: Where) -> None:
        node_id, state, policy = where
        outlooks.marks(node_id, state, policy)
        if not get_current_worker().is_cancelled:
            self.post_message(self.MarksReady(where))

    @on(MarksReady)
    def _marks_ready(self, message: MarksReady) -> None:
        if self.analyst.marks_on and message.where == self._where():
            self._redraw_options()

    @on(AnalysisReady)
    def _solved(self, message: AnalysisReady) -> None:
        self._solving = False
        if message.graph is self.graph:
            self._redraw_options()

    @on(AnalysisFailed)
    def _unsolvable(self, message: AnalysisFailed) -> None:
        self._solving = False
        self.notify(message.reason, title="No analysis", severity="error", markup=False)

    def _redraw_options(self) -> None:
        options = self.query_one(OptionsPanel)
        highlighted = options.highlighted
        with self.app.batch_update():
            self._show_options()
            options.highlighted = highlighted
            self._show_detail(highlighted)

    def _show_detail(self, index: int | None) -> None:
        views = self.walk.options()
        view = views[index] if index is not None and 0 <= index < len(views) else None
        mark = self._marks.get(view.index) if self._marks and view is not None else None
        policy = self.analyst.policy if mark is not None else ""
        self.query_one(OptionDetail).show(self.graph, view, mark, policy)

    # --- moving --------------------------------------------------------------------------
    def move(self, move: WalkMove, do: Callable[[], Any]) -> Any:
        """Run a walk operation; redraw and announce it, or report why the walk refused."""
        try:
            result = do()
        except WalkError as exc:
            self.refuse(str(exc))
            return None
        self.show_walk()
        self.post_message(WalkChanged(move, self.walk.node_id, len(self.walk.history)))
        if self.walk.is_over:
            self.action_outcome()
        return result

    def make(self, request: WalkRequest) -> None:
        """Make the move a screen over the walk closed with."""
        match request:
            case Take(number):
                self.action_take(number)
            case Roll():
                self.action_roll()
            case Back():
                self.action_back()
            case Restart():
                self.action_restart()
            case Rewind(steps):
                self.action_crumb(steps)

    def refuse(self, reason: str) -> None:
        self.app.clear_notifications()  # one refusal at a time, not a growing stack
        self.notify(printable(reason), title="Not possible", severity="warning", markup=False)
        self.post_message(WalkRefused(reason))

    def action_take(self, number: int) -> None:
        self.move(WalkMove.TAKE, lambda: self.walk.take(number - 1))

    def action_roll(self) -> None:
        step = self.move(WalkMove.ROLL, self.walk.roll)
        if step is not None and step.roll is not None and not self.walk.is_over:
            self.notify(roll_text(self.walk, step.roll).plain, title="Dice rolled", timeout=4, markup=False)

    def action_back(self) -> None:
        if not self.walk.history:
            self.refuse("already at the start: nothing to undo")
            return
        self.move(WalkMove.BACK, self.walk.back)

    def action_restart(self) -> None:
        self.move(WalkMove.RESTART, self.walk.restart)

    def action_crumb(self, steps: int) -> None:
        """Rewind to the position after `steps` steps (a breadcrumb click)."""
        if steps != len(self.walk.history):
            self.move(WalkMove.BACK, lambda: self.walk.back_to(steps))

    def jump(self, node_id: str) -> None:
        self.move(WalkMove.JUMP, lambda: self.walk.jump(node_id))

    @work(group="outcome")
    async def action_outcome(self) -> None:
        """The outcome screen; then the move it closed with, if any."""
        request = await self.app.push_screen_wait(OutcomeScreen(self.walk))
        if request is not None:
            self.make(request)

    def action_toggle_marks(self) -> None:
        """Turn the analysis marks on or off (solving the scenario the first time)."""
        analyst = self.analyst
        analyst.marks_on = not analyst.marks_on
        self._redraw_options()

    def action_cycle_policy(self) -> None:
        """The next policy for the odds (beliefs → equilibrium → uniform)."""
        from explorer.tui.analyst import POLICY_WORDS

        policy = self.analyst.cycle_policy()
        self.notify(f"{policy}: {POLICY_WORDS[policy]}", title="Analysis policy", timeout=3)
        self._redraw_options()

    @work(group="analysis-screen")
    async def action_analysis(self) -> None:
        """The analysis screen; the marks are redrawn after it (the policy may have changed)."""
        from explorer.tui.screens.analysis import AnalysisScreen

        await self.app.push_screen_wait(AnalysisScreen(self.graph, self.analyst))
        self._redraw_options()

    def action_toggle_map(self) -> None:
        shown = self.query_one(ScenarioMap).display
        self.set_class(shown, "hide-map")
        self.set_class(not shown, "show-map")

    @work(group="about")
    async def action_about(self) -> None:
        """The start screen again; a walking key pressed there is a move here."""
        request = await self.app.push_screen_wait(StartScreen(self.graph))
        if request is not None:
            self.make(request)

    # --- widget messages -----------------------------------------------------------------
    @on(OptionsPanel.Chosen)
    def _option_chosen(self, event: OptionsPanel.Chosen) -> None:
        self.move(WalkMove.TAKE, lambda: self.walk.take(event.index))

    @on(OptionsPanel.Focused)
    def _option_focused(self, event: OptionsPanel.Focused) -> None:
        self._show_detail(event.index)

    @on(ScenarioMap.NodeChosen)
    def _map_chosen(self, event: ScenarioMap.NodeChosen) -> None:
        if event.route != self.walk.route():
            self.move(WalkMove.FOLLOW, lambda: self.walk.follow(event.route))
