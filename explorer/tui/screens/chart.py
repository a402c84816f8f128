"""Each metric over the walk's path, one column per position (the start, then after each step), scaled
to the metric's range when it has one (else to the values seen), with its value at the start, its
lowest, highest and its value now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from explorer.graph import ScenarioGraph
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import printable
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import number
from explorer.walk import Walk

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 3
"""Lines of each metric's chart (each a stack of eighths)."""
LABEL = 18


def columns(values: list[float], low: float, high: float, rows: int = ROWS) -> list[str]:
    """The chart's lines, top first: one character per value, the bar's height in eighths of a line."""
    span = high - low
    levels = [round((min(max(v, low), high) - low) / span * rows * 8) if span > 0 else rows * 4 for v in values]
    lines = []
    for row in range(rows - 1, -1, -1):
        lines.append("".join(BLOCKS[min(max(level - row * 8, 0), 8)] for level in levels))
    return lines


def chart_text(graph: ScenarioGraph, walk: Walk, width: int) -> Content:
    states = [walk.history[0].before if walk.history else walk.state] + [s.after for s in walk.history]
    room = max(width - LABEL - 1, 4)
    every = max(1, min(4, room // max(len(states), 1)))
    shown = states[-(room // every):]  # a long path: its latest positions
    out = [Content.styled(f"Each metric over the path: {len(states)} positions (the start, then each step)"
                          + (f"; the last {len(shown)} shown" if len(shown) < len(states) else ""), "bold")]
    for i, metric in enumerate(graph.metric_ids):
        spec = graph.scenario.metrics[metric]
        values = [s[i] for s in shown]
        low = spec.min if spec.min is not None else min(values)
        high = spec.max if spec.max is not None else max(values)
        lines = columns([v for v in values for _ in range(every)], low, high)
        label = printable(spec.label, one_line=True)[: LABEL - 1]
        hidden = "hidden: " + ", ".join(spec.visible_to) + " only" if spec.visible_to is not None else ""
        out.append(Content(""))
        for row, line in enumerate(lines):
            head = Content.styled(label.ljust(LABEL), "bold") if row == 0 else Content(" " * LABEL)
            if row == 1 and hidden:
                head = Content.styled(hidden[: LABEL - 1].ljust(LABEL), "italic $text-warning")
            out.append(Content.assemble(head, (line, "$accent")))
        all_values = [s[i] for s in states]
        scale = f"scale {number(low)}–{number(high)}" + ("" if spec.min is not None and spec.max is not None
                                                         else " (the values seen)")
        out.append(Content.styled(f"{'':{LABEL}}start {number(all_values[0])} · low {number(min(all_values))} · "
                                  f"high {number(max(all_values))} · now {number(all_values[-1])} · {scale}", "dim"))
    return Content("\n").join(out)


class ChartScreen(ModalScreen[None]):
    """The metrics over the current walk's path."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.CHART)

    def __init__(self, walk: Walk) -> None:
        super().__init__()
        self.walk = walk

    def compose(self) -> ComposeResult:
        walk = self.walk
        with VerticalScroll(id="chart-box") as box:
            box.border_title = "Metrics over the path"
            box.border_subtitle = "Esc closes"
            yield Wrapped(lambda width: chart_text(walk.graph, walk, width))

    def action_close(self) -> None:
        self.dismiss(None)
