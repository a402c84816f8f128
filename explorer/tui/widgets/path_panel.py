"""The full path: every step with its move (at a round, every actor's), the state it changed, the dice
drawn, and the notes attached on the way; a click on a step goes back to just after it. It replaces
the breadcrumbs (which fold early steps into '…') when asked, and shows the path on the ending screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style

from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
from explorer.tui.widgets.breadcrumbs import crumb_text
from explorer.tui.widgets.round_text import play_words
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import effects_text
from explorer.tui.wrapping import hanging
from explorer.walk import Step

GUTTER = 5
NOTE = "✎"


def step_line(graph: ScenarioGraph, step: Step) -> Content:
    """One step: who did what (every actor's move at a round), the state change, the dice."""
    parts: list[Content | str | tuple[str, str]] = [crumb_text(graph, step)]
    if step.play is not None:
        parts += ["  (", play_words(graph, step), ")"]
    changes = [(m, a - b) for m, b, a in zip(graph.metric_ids, step.before, step.after, strict=True) if a != b]
    if changes:
        parts.append((f"  {effects_text(graph, changes)}", "$text-accent"))
    if step.roll is not None:
        again = f", re-roll {step.roll.attempt}" if step.roll.attempt else ""
        parts.append((f"  (dice drew {step.roll.value:.3f}{again})", "dim"))
    return Content.assemble(*parts)


def path_text(graph: ScenarioGraph, history: Sequence[Step], width: int,
              note_at: Callable[[int], str] | None = None, *, heading: bool = True) -> Content:
    """The steps from the start, numbered, each clickable (`screen.crumb(n)`: back to just after it);
    `note_at(k)`: the note on the position after k steps, shown under that step."""
    lines = [Content.styled(f"The path ({len(history)} steps)", "bold")] if heading else []

    def note(k: int) -> None:
        text = note_at(k) if note_at is not None else ""
        if text:
            lines.append(hanging([literal(text, "italic")], Content.styled(f"   {NOTE} ", "bold $text-warning"), width,
                                 GUTTER))

    start = Content.styled("  0. Start", "bold")
    lines.append(start.stylize(Style.from_meta({"@click": "screen.crumb(0)"})))
    note(0)
    for n, step in enumerate(history, start=1):
        line = hanging([step_line(graph, step)], f"{n:>3}. ", width, GUTTER)
        if n == len(history):
            line = line.stylize(Style(bold=True))
        lines.append(line.stylize(Style.from_meta({"@click": f"screen.crumb({n})"})))
        note(n)
    return Content("\n").join(lines)


class PathPanel(VerticalScroll):
    """The full path of the walk, scrolled to its end (the current step)."""

    DEFAULT_CSS = """
    PathPanel { height: auto; max-height: 40%; border: round $primary 60%; padding: 0 1; background: $panel;
                scrollbar-size-vertical: 1; }
    PathPanel > Wrapped { link-style: none; link-style-hover: bold underline; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "The path"
        self.border_subtitle = "click a step to go back to it · f closes"

    def compose(self):  # type: ignore[override]
        yield Wrapped()

    def show(self, graph: ScenarioGraph, history: Sequence[Step], note_at: Callable[[int], str] | None = None) -> None:
        steps = list(history)
        self.query_one(Wrapped).rebuild(lambda width: path_text(graph, steps, width, note_at, heading=False))
        self.call_after_refresh(self.scroll_end, animate=False)
