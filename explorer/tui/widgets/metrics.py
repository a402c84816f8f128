"""The metric state: a bar per metric with its value and the change the last move made."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from explorer.graph import ScenarioGraph
from explorer.tui.literal import printable
from explorer.tui.wording import hidden_note, number, signed

EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """A bar `width` cells wide filled to `fraction`, in eighths: (filled part, empty part)."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (EIGHTHS[part] if part else "")
    return filled, " " * (width - len(filled))


def metric_lines(graph: ScenarioGraph, values: dict[str, float], changes: dict[str, float], width: int) -> Content:
    """Two lines per metric: label with value and last change, then the bar (when bounded)."""
    width = max(width, 8)
    lines: list[Content] = []
    for metric_id, metric in zip(graph.metric_ids, graph.metrics, strict=True):
        value = values[metric_id]
        change = changes.get(metric_id)
        right = Content.assemble(
            (number(value), "bold"),
            (f" {signed(change)}", "bold $text-warning") if change else ("", ""),
        )
        label = Content(printable(metric.label, one_line=True)).truncate(
            max(width - right.cell_length - 1, 1), ellipsis=True
        )
        gap = " " * max(width - label.cell_length - right.cell_length, 1)
        lines.append(Content.assemble(label, gap, right))
        if metric.min is not None and metric.max is not None and metric.max > metric.min:
            filled, empty = bar((value - metric.min) / (metric.max - metric.min), width)
            lines.append(Content.assemble((filled, "$primary"), (empty, "on $boost")))
        else:
            lines.append(Content.styled("no range set", "dim italic"))
        hidden = hidden_note(graph, metric_id, short=True)
        if hidden is not None:
            lines.append(Content.styled(f"◌ hidden: {hidden}", "italic $text-warning").truncate(width, ellipsis=True))
    return Content("\n").join(lines)


class MetricsPanel(Widget):
    """Every metric as a bar, its value and the last change; redraws to its own width."""

    DEFAULT_CSS = """
    MetricsPanel { height: auto; padding: 0 1; }
    """

    def __init__(self, graph: ScenarioGraph, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.graph = graph
        self.values: dict[str, float] = graph.state_dict(graph.initial_state)
        self.changes: dict[str, float] = {}

    def show(self, values: dict[str, float], changes: dict[str, float]) -> None:
        if values == self.values and changes == self.changes:
            return  # nothing to redraw (a move without effects, say)
        self.values, self.changes = values, changes
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self.graph.metric_ids:
            return Content.styled("This scenario tracks no metrics.", "dim italic")
        return metric_lines(self.graph, self.values, self.changes, self.outer_size.width - self.styles.gutter.width)
