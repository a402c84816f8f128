"""The main screen: the node, its options, the metrics, the path and the map of one walk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.tui.literal import literal, printable
from explorer.tui.messages import MoveRefused, WalkChanged
from explorer.tui.screens.outcome import OutcomeScreen
from explorer.tui.screens.start import StartScreen
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.node_panel import NodePanel, roll_text
from explorer.tui.widgets.options import OptionDetail, OptionsPanel
from explorer.tui.widgets.scenario_map import ScenarioMap
from explorer.walk import Walk, WalkError


def title_bar(walk: Walk, file_name: str | None) -> Content:
    scenario = walk.graph.scenario
    tail = [f"as of {scenario.as_of}"] if scenario.as_of else []
    tail.append(f"seed {walk.seed}")
    if file_name:
        tail.append(file_name)
    return Content.assemble(literal(scenario.title, "bold", one_line=True), ("  ·  " + "  ·  ".join(tail), "dim"))


class MainScreen(Screen[None]):
    """One walk through one scenario. Keys and clicks ask the `Walk` to move; the screen then
    redraws from it. Refused moves are reported in words, never silently ignored."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "take(1)", "Take", key_display="1-9"),
        *(Binding(str(n), f"take({n})", f"Take option {n}", show=False) for n in range(2, 10)),
        Binding("backspace", "back", "Back", key_display="⌫"),
        Binding("r", "restart", "Restart"),
        Binding("d", "roll", "Roll"),
        Binding("m", "toggle_map", "Map"),
        Binding("i", "about", "About", show=False),
        Binding("o", "outcome", "Outcome"),
    ]

    def __init__(
        self, walk: Walk, *, file_name: str | None = None, then: Callable[[MainScreen], None] | None = None
    ) -> None:
        super().__init__()
        self.walk = walk
        self.file_name = file_name
        self._then = then
        self._footer_for_ending = False
        """Something to do once the screen is shown (a key pressed on the start screen)."""

    @property
    def graph(self):
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
        yield Footer()

    def on_mount(self) -> None:
        self.show_walk()
        self.query_one(OptionsPanel).focus()
        if self._then is not None:
            self._then(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`o` (the outcome again) is offered only at an ending."""
        if action == "outcome":
            return self.walk.is_over
        return True

    # --- drawing -------------------------------------------------------------------------
    def show_walk(self) -> None:
        """Redraw every panel from the walk (in one batch: one repaint)."""
        walk = self.walk
        with self.app.batch_update():
            self.query_one("#title-bar", Static).update(title_bar(walk, self.file_name))
            self.query_one(NodePanel).show(walk)
            self.query_one(OptionsPanel).show(walk)
            self._show_detail(0)
            self.query_one(MetricsPanel).show(walk.metrics, walk.last_change())
            self.query_one(Breadcrumbs).show(walk.history)
            self.query_one(ScenarioMap).show_route(walk.route())
        if walk.is_over != self._footer_for_ending:  # the footer offers `o` only at an ending
            self._footer_for_ending = walk.is_over
            self.refresh_bindings()

    def _show_detail(self, index: int | None) -> None:
        views = self.walk.options()
        view = views[index] if index is not None and 0 <= index < len(views) else None
        self.query_one(OptionDetail).show(self.graph, view)

    # --- moving --------------------------------------------------------------------------
    def move(self, action: str, do: Callable[[], Any]) -> Any:
        """Run a walk operation; redraw and announce it, or report why the walk refused."""
        try:
            result = do()
        except WalkError as exc:
            self.refuse(str(exc))
            return None
        self.show_walk()
        self.post_message(WalkChanged(action, self.walk.node_id, len(self.walk.history)))
        if self.walk.is_over:
            self.action_outcome()
        return result

    def refuse(self, reason: str) -> None:
        self.app.clear_notifications()  # one refusal at a time, not a growing stack
        self.notify(printable(reason), title="Not possible", severity="warning", markup=False)
        self.post_message(MoveRefused(reason))

    def action_take(self, number: int) -> None:
        self.move("take", lambda: self.walk.take(number - 1))

    def action_roll(self) -> None:
        step = self.move("roll", self.walk.roll)
        if step is not None and step.roll is not None and not self.walk.is_over:
            self.notify(roll_text(self.walk, step.roll).plain, title="Dice rolled", timeout=4, markup=False)

    def action_back(self) -> None:
        if not self.walk.history:
            self.refuse("already at the start: nothing to undo")
            return
        self.move("back", self.walk.back)

    def action_restart(self) -> None:
        self.move("restart", self.walk.restart)

    def action_crumb(self, steps: int) -> None:
        """Rewind to the position after `steps` steps (a breadcrumb click)."""
        if steps != len(self.walk.history):
            self.move("back", lambda: self.walk.back_to(steps))

    def jump(self, node_id: str) -> None:
        self.move("jump", lambda: self.walk.jump(node_id))

    def action_outcome(self) -> None:
        self.app.push_screen(OutcomeScreen(self.walk), callback=self._after_outcome)

    def _after_outcome(self, choice: str | None) -> None:
        if choice == "back":
            self.action_back()
        elif choice == "restart":
            self.action_restart()
        elif choice and choice.startswith("crumb:"):
            self.action_crumb(int(choice.removeprefix("crumb:")))

    def action_toggle_map(self) -> None:
        shown = self.query_one(ScenarioMap).display
        self.set_class(shown, "hide-map")
        self.set_class(not shown, "show-map")

    def action_about(self) -> None:
        """Show the start screen again; a walking key pressed there is passed back here."""
        self.app.push_screen(StartScreen(self.graph), callback=self.after_start)

    def after_start(self, then: str | None) -> None:
        """Do the walking key pressed on the start screen: 'take:N', 'roll' or None."""
        if then == "roll":
            self.action_roll()
        elif then and then.startswith("take:"):
            self.action_take(int(then.removeprefix("take:")))

    # --- widget messages -----------------------------------------------------------------
    @on(OptionsPanel.Chosen)
    def _option_chosen(self, event: OptionsPanel.Chosen) -> None:
        self.move("take", lambda: self.walk.take(event.index))

    @on(OptionsPanel.Focused)
    def _option_focused(self, event: OptionsPanel.Focused) -> None:
        self._show_detail(event.index)

    @on(ScenarioMap.NodeChosen)
    def _map_chosen(self, event: ScenarioMap.NodeChosen) -> None:
        if event.route != self.walk.route():
            self.move("follow", lambda: self.walk.follow(event.route))
