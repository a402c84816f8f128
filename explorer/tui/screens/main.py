"""The main screen: the node, its options (or a round's moves, actor by actor), the metrics, the path
and the map of one walk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.loading.cover import cover_of
from explorer.problems import Problem
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal, update_changed
from explorer.tui.messages import WalkChanged, WalkMove, WalkRefused
from explorer.tui.screens.main_marks import Marks, MarksMixin
from explorer.tui.screens.main_work import WorkMixin
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.screens.start import StartScreen
from explorer.tui.walk_requests import Back, Follow, Restart, Rewind, Roll, Take, WalkRequest
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.node_panel import NodePanel
from explorer.tui.widgets.options import OptionDetail, OptionsPanel
from explorer.tui.widgets.path_panel import PathPanel
from explorer.tui.widgets.problems_panel import ProblemsPanel
from explorer.tui.widgets.round_panel import MoveColumn, RoundPanel
from explorer.tui.widgets.round_text import move_detail
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.tui.widgets.status_line import StatusLine, Tone
from explorer.walk import Step, Walk, WalkError
from explorer.walks.session import WalkSession


def title_bar(walk: Walk, file_name: str | None) -> Content:
    scenario = walk.graph.scenario
    tail = [f"as of {scenario.as_of}"] if scenario.as_of else []
    tail.append(f"seed {walk.seed}")
    if file_name:
        tail.append(file_name)
    return Content.assemble(literal(scenario.title, "bold", one_line=True), ("  ·  " + "  ·  ".join(tail), "dim"))


ONLY_AT = {"outcome": NodeKind.OUTCOME, "roll": NodeKind.CHANCE, "resolve": NodeKind.ROUND, "actor": NodeKind.ROUND}
"""Actions offered (and shown in the footer) only at one kind of node."""
NOT_HERE_KEYS = {key: action for action in ("outcome", "roll", "resolve")
                 for key in EXPLORER.command(action, Scope.MAIN).keys.split(",")}
"""The keys of the actions that are refused in words where they are not offered (← → stay the panels')."""


class MainScreen(WorkMixin, MarksMixin, Screen[None]):
    """One walk through one scenario. Keys and clicks ask the `Walk` to move; the screen then
    redraws from it. Refused moves are reported in words, never silently ignored."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.MAIN)

    def __init__(self, session: WalkSession, *, file_name: str | None = None, first: WalkRequest | None = None) -> None:
        super().__init__()
        self.session = session
        self.file_name = file_name
        self._first = first
        """The move to make once the screen is shown (a walking key pressed on the start screen)."""
        self._footer_kind: NodeKind | None = None
        self.marks = Marks()
        self._solving = False
        self.said_first: tuple[str, bool] | None = None
        """What to say once shown (a live reload's replay: the summary, and whether it went all the way)."""
        self.round_picks: dict[str, int] | None = None
        """The picks to show at the next round drawn (a round undone by back shows its moves); None: keep."""

    @property
    def walk(self) -> Walk:
        return self.session.walk

    @property
    def graph(self) -> ScenarioGraph:
        return self.walk.graph

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        yield Breadcrumbs(self.graph, id="crumbs")
        yield PathPanel(id="path")
        yield ProblemsPanel(id="problems")
        with Horizontal(id="body"):
            yield ScenarioMap(self.graph, id="map")
            with Vertical(id="centre"):
                yield NodePanel(self.graph, id="node")
                yield OptionsPanel(id="options")
                yield RoundPanel(id="round")
            with VerticalScroll(id="side") as side:
                side.border_title = "State"
                yield MetricsPanel(self.graph, id="metrics")
                yield OptionDetail(id="detail")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_walk()
        self._focus_moves()
        if self.said_first is not None:
            summary, complete = self.said_first
            self.say(summary, Tone.DONE if complete else Tone.REFUSED, "Scenario")
        resumed = getattr(self.app, "resumed", None)
        if resumed is not None:  # said once, on the first walk shown
            self.app.resumed = None  # type: ignore[attr-defined]
            self.say(resumed.summary, Tone.REFUSED if resumed.stopped or resumed.torn else Tone.DONE, "Walk")
        if self._first is not None:
            self.make(self._first)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Actions of one kind of node (`ONLY_AT`: the outcome again, dice, a round's) are offered there only."""
        if action == "reroll":
            return bool(self.walk.history) and self.walk.history[-1].roll is not None
        kind = ONLY_AT.get(action)
        return kind is None or self.walk.kind == kind

    def on_key(self, event: events.Key) -> None:
        """A key offered only at another kind of node (and so not in the footer here) is refused in
        words, not ignored (it reaches the screen before the app checks the bindings)."""
        action = NOT_HERE_KEYS.get(event.key)
        if action is None or self.check_action(action, ()):
            return
        event.stop()
        event.prevent_default()
        if action == "outcome":
            self.refuse("the walk has not ended: the outcome is shown at an ending")
        else:  # the walk says why: dice only at chance nodes, moves resolved together only at a round
            self.move(WalkMove.ROLL, self.walk.roll) if action == "roll" else self.move(
                WalkMove.RESOLVE, lambda: self.walk.resolve({}))

    # --- drawing -------------------------------------------------------------------------
    @property
    def at_round(self) -> bool:
        return self.walk.kind == NodeKind.ROUND

    def show_walk(self) -> None:
        """Redraw every panel from the walk (in one batch: one repaint)."""
        walk = self.walk
        with self.app.batch_update():
            update_changed(self.query_one("#title-bar", Static), title_bar(walk, self.file_name))
            self.query_one(NodePanel).show(walk)
            self.query_one(OptionsPanel).display = not self.at_round
            self.query_one(RoundPanel).display = self.at_round
            self.show_marks()
            self._show_detail(0)
            self.query_one(MetricsPanel).show(walk.metrics, walk.last_change())
            self.query_one(Breadcrumbs).show(walk.history)
            if self.has_class("show-path"):
                self.query_one(PathPanel).show(self.graph, walk.history, self.session.note_at)
            self.query_one(ScenarioMap).show_walk(walk, self.session.taken)
        if walk.kind != self._footer_kind:  # the footer offers `o`, `d`, `s` at their kind of node only
            self._footer_kind = walk.kind
            self.refresh_bindings()

    def _focus_moves(self) -> None:
        if self.at_round:
            self.query_one(RoundPanel).focus_first()
        else:
            self.query_one(OptionsPanel).focus()

    def _redraw_options(self) -> None:
        options = self.query_one(OptionsPanel)
        highlighted = options.highlighted
        with self.app.batch_update():
            self.show_marks()
            if not self.at_round:
                options.highlighted = highlighted
                self._show_detail(highlighted)

    def _show_detail(self, index: int | None) -> None:
        detail = self.query_one(OptionDetail)
        if self.at_round:
            panel = self.query_one(RoundPanel)
            column = panel.columns()[panel.focused_actor()] if panel.columns() else None
            self._show_move_detail(column.actor if column else None, column.highlighted if column else None)
            return
        views = self.walk.options()
        view = views[index] if index is not None and 0 <= index < len(views) else None
        marks = self.marks.options
        mark = marks.get(view.index) if marks and view is not None else None
        policy = self.analyst.policy if mark is not None else ""
        detail.show(self.graph, view, mark, policy)

    def _show_move_detail(self, actor: str | None, index: int | None) -> None:
        detail = self.query_one(OptionDetail)
        moves = next((a for a in self.walk.round_moves() if a.actor == actor), None)
        if moves is None or index is None or not 0 <= index < len(moves.moves):
            detail.show_content(None, Content())
            return
        view = moves.moves[index]
        rounds = self.marks.round
        mark = next((m for m in rounds.moves if m.actor == actor and m.index == index), None) if rounds else None
        key = (self.walk.node_id, actor, index, view.available, mark, self.analyst.policy if mark else "")
        detail.show_content(key, move_detail(self.graph, actor or "", view, mark, self.analyst.policy))

    # --- moving --------------------------------------------------------------------------
    def move(self, move: WalkMove, do: Callable[[], Any]) -> Any:
        """Run a walk operation; redraw and announce it, or report why the walk refused."""
        try:
            result = do()
        except WalkError as exc:
            self.refuse(str(exc))
            return None
        self.query_one(StatusLine).clear()
        play = result.play if isinstance(result, Step) and move is WalkMove.BACK else None
        self.round_picks = {a: m for a, m in zip(play.actors, play.moves, strict=True) if m is not None} if play else {}
        self.show_walk()
        self._focus_moves()
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
            case Follow(lines):
                found = self.walk.lines()
                if found is None or tuple(lines) != found[0]:
                    self.move(WalkMove.FOLLOW, lambda: self.session.follow_lines(lines))

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """The scenario's errors after a reload (none: the panel goes)."""
        self.query_one(ProblemsPanel).show(problems)
        if problems:
            self.say("the scenario has errors: the walk stays on the last version that loaded", Tone.ERROR, "Reload")

    def refuse(self, reason: str) -> None:
        """Say why a move cannot be made (on the status line: it never covers the options)."""
        self.say(reason, Tone.REFUSED, "Not possible")
        self.post_message(WalkRefused(reason))

    def say(self, message: str, tone: Tone = Tone.INFO, title: str = "") -> None:
        self.query_one(StatusLine).say(message, tone, title)

    def action_take(self, number: int) -> None:
        """Take option `number`; at a round, pick move `number` for the focused actor."""
        if self.at_round:
            panel = self.query_one(RoundPanel)
            actors = panel.moves
            if actors:
                self.pick(actors[panel.focused_actor()].actor, number - 1)
            return
        self.move(WalkMove.TAKE, lambda: self.session.take(number - 1))

    def pick(self, actor: str, index: int) -> None:
        """Pick move `index` for `actor` at the round, unless the walk says it is locked or absent."""
        moves = next(a for a in self.walk.round_moves() if a.actor == actor)
        if not 0 <= index < len(moves.moves):
            self.refuse(f"{self._actor_name(actor)} has no move {index + 1} (moves 1–{len(moves.moves)})")
            return
        view = moves.moves[index]
        if not view.available:
            self.refuse(f"{self._actor_name(actor)}'s move {index + 1} is locked: {view.lock_reason}")
            return
        self.query_one(RoundPanel).pick(actor, index)

    def _actor_name(self, actor: str) -> str:
        from explorer.tui.wording import actor_name

        return actor_name(self.graph, actor)

    def action_resolve(self) -> None:
        """Play the round with the picks made (an actor without one plays its default move)."""
        picks = dict(self.query_one(RoundPanel).picks)
        self.move(WalkMove.RESOLVE, lambda: self.session.resolve(picks))

    def action_actor(self, step: int) -> None:
        self.query_one(RoundPanel).focus_actor(step)

    def action_roll(self) -> None:
        """Roll at a chance node (the roll is shown on the next node, above its text)."""
        self.move(WalkMove.ROLL, self.session.roll)

    def action_reroll(self) -> None:
        """Draw the last roll anew: a deliberate re-roll, shown as such and kept in the walk."""
        self.move(WalkMove.REROLL, self.session.reroll)

    def action_back(self) -> None:
        if not self.walk.history:
            self.refuse("already at the start: nothing to undo")
            return
        self.move(WalkMove.BACK, self.session.back)

    def action_restart(self) -> None:
        self.move(WalkMove.RESTART, self.session.restart)

    def action_crumb(self, steps: int) -> None:
        """Rewind to the position after `steps` steps (a breadcrumb click)."""
        if steps != len(self.walk.history):
            self.move(WalkMove.BACK, lambda: self.session.back_to(steps))

    def jump(self, node_id: str) -> None:
        self.move(WalkMove.JUMP, lambda: self.session.jump(node_id))

    @work(group="outcome")
    async def action_outcome(self) -> None:
        """The outcome screen; then the move it closed with, if any."""
        request = await self.app.push_screen_wait(OutcomeScreen(self.session))
        if request is not None:
            self.make(request)

    def action_toggle_map(self) -> None:
        shown = self.query_one(ScenarioMap).display
        self.set_class(shown, "hide-map")
        self.set_class(not shown, "show-map")

    @work(group="map")
    async def action_full_map(self) -> None:
        """The map over the whole screen; the line chosen there is followed here."""
        from explorer.tui.screens.map_screen import MapScreen

        request = await self.app.push_screen_wait(MapScreen(self.session, self.marks.route))
        if request is not None:
            self.make(request)

    def action_legend(self) -> None:
        from explorer.tui.screens.map_screen import LegendScreen

        self.app.push_screen(LegendScreen())

    def action_toggle_path(self) -> None:
        """The full path in place of the breadcrumbs, or the breadcrumbs again."""
        showing = not self.has_class("show-path")
        self.set_class(showing, "show-path")
        if showing:
            self.query_one(PathPanel).show(self.graph, self.walk.history, self.session.note_at)

    @work(group="about")
    async def action_about(self) -> None:
        """The start screen again; a walking key pressed there is a move here."""
        request = await self.app.push_screen_wait(StartScreen(cover_of(self.graph)))
        if request is not None:
            self.make(request)

    # --- widget messages -----------------------------------------------------------------
    @on(OptionsPanel.Chosen)
    def _option_chosen(self, event: OptionsPanel.Chosen) -> None:
        self.move(WalkMove.TAKE, lambda: self.session.take(event.index))

    @on(OptionsPanel.Focused)
    def _option_focused(self, event: OptionsPanel.Focused) -> None:
        self._show_detail(event.index)

    @on(MoveColumn.Picked)
    def _move_picked(self, event: MoveColumn.Picked) -> None:
        self.pick(event.actor, event.index)

    @on(MoveColumn.Focused)
    def _move_focused(self, event: MoveColumn.Focused) -> None:
        self._show_move_detail(event.actor, event.index)

    @on(RoundPanel.Resolve)
    def _resolve_pressed(self) -> None:
        self.action_resolve()

    @on(ScenarioMap.NodeChosen)
    def _map_chosen(self, event: ScenarioMap.NodeChosen) -> None:
        lines = self.walk.lines()
        if lines is None or event.lines != lines[0]:
            self.move(WalkMove.FOLLOW, lambda: self.session.follow_lines(event.lines))
