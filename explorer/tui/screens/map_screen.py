"""The map, full screen: every label legible at any depth (the whole width, scrolled sideways to the
cursor), the walk's marks from the start, and the most likely path opened when the analysis marks are
on. Closes with `Follow(lines)` when a line is chosen, else None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal
from explorer.tui.walk_requests import Follow
from explorer.tui.widgets.scenario_map import ScenarioMap, legend_text
from explorer.tui.widgets.wrapped import Wrapped
from explorer.walks.session import WalkSession

HINT = Content.assemble(("Enter", "bold"), " goes to the line  ·  ", ("Space", "bold"), " opens or closes it  ·  ",
                        ("Shift+←", "bold"), " parent line  ·  ", ("l", "bold"), " what the marks mean")


class MapScreen(Screen[Follow | None]):
    """The scenario's map over the whole screen."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.MAP)

    def __init__(self, session: WalkSession, likely: tuple[int, ...] | None = None) -> None:
        super().__init__()
        self.session = session
        self.likely = likely

    def compose(self) -> ComposeResult:
        graph = self.session.graph
        head = Content.assemble(("Map: ", "bold"), literal(graph.scenario.title, "bold", one_line=True),
                                (f"  ·  {len(graph)} nodes", "dim"))
        yield Static(head, id="title-bar")
        yield ScenarioMap(graph, full=True, id="full-map")
        yield Static(HINT, id="map-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        tree = self.query_one(ScenarioMap)
        tree.focus()
        tree.show_likely(self.likely)
        self.call_after_refresh(tree.show_walk, self.session.walk, self.session.taken)

    @on(ScenarioMap.NodeChosen)
    def _chosen(self, event: ScenarioMap.NodeChosen) -> None:
        event.stop()
        self.dismiss(Follow(event.lines))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_legend(self) -> None:
        self.app.push_screen(LegendScreen())


class LegendScreen(ModalScreen[None]):
    """What the map's marks mean."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.LEGEND)

    def compose(self) -> ComposeResult:
        box = Wrapped(lambda width: legend_text(), id="legend-box")
        box.border_title = "The map's marks"
        box.border_subtitle = "Esc or l closes"
        yield box

    def on_click(self, event) -> None:
        if event.widget is self:
            self.dismiss()
