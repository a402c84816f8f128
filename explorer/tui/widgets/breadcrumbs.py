"""The walk so far as breadcrumbs (actor: move); clicking one goes back to that point."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from explorer.graph import ScenarioGraph
from explorer.tui.literal import printable
from explorer.tui.wording import actor_colour, actor_name
from explorer.walk import Step

SEPARATOR = " › "


def crumb_text(graph: ScenarioGraph, step: Step) -> Content:
    """'North Korea: Test a missile', 'Chance: It holds', 'jump to war'."""
    label = printable(step.label, one_line=True)
    if step.jump:
        return Content.styled(label, "italic")
    if step.play is not None:
        turn = getattr(graph.node(step.node_id), "turn", None)
        return Content.assemble((f"Round {turn}" if turn is not None else "Round", "bold"), ": ", label)
    colour = actor_colour(graph, step.actor)
    return Content.assemble((actor_name(graph, step.actor, short=True), f"bold {colour}"), ": ", label)


def crumbs(graph: ScenarioGraph, history: list[Step], budget: int) -> Content:
    """Breadcrumbs from the start to here; each clicks back to the position after it.

    When they would need more than `budget` cells the earliest are folded into '…' (which
    clicks back to the start), so they fit on one line.
    """
    items = [Content.styled("Start", "bold")] + [crumb_text(graph, step) for step in history]
    shown: list[tuple[int, Content]] = []
    used = 2  # room for a leading '… › '
    for steps in range(len(items) - 1, -1, -1):
        cost = items[steps].cell_length + len(SEPARATOR)
        if shown and used + cost > budget:
            break
        shown.append((steps, items[steps]))
        used += cost
    shown.reverse()
    if shown[-1][1].cell_length > budget - 4:  # the current crumb alone is too long: cut it
        steps, item = shown[-1]
        shown[-1] = (steps, item.truncate(max(budget - 4, 4), ellipsis=True))
    parts: list[Content] = []
    if shown[0][0] > 0:
        parts.append(Content.styled("…", Style.from_meta({"@click": "screen.crumb(0)"})))
    for steps, item in shown:
        if steps == len(history):
            parts.append(item.stylize(Style(reverse=True)))
        else:
            parts.append(item.stylize(Style.from_meta({"@click": f"screen.crumb({steps})"})))
    return Content(SEPARATOR).join(parts)


class Breadcrumbs(Widget):
    """The path so far. A click on a crumb runs the screen's `crumb(steps)` action, which
    rewinds the walk to keep `steps` steps; the current position is shown reversed."""

    DEFAULT_CSS = """
    Breadcrumbs { height: 1; padding: 0 1; background: $panel; }
    Breadcrumbs:hover { background: $panel-lighten-1; }
    """

    def __init__(self, graph: ScenarioGraph, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = graph
        self.history: list[Step] = []

    def show(self, history: list[Step]) -> None:
        if history == self.history:
            return  # the same crumbs: nothing to redraw
        self.history = list(history)
        self.refresh()

    def render(self) -> Content:
        width = self.outer_size.width - self.styles.gutter.width or 80
        return crumbs(self.graph, self.history, budget=max(width, 20))
