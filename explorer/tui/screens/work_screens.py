"""The screens that keep an analyst's work: a note on a step (`NoteScreen`, closing with `NoteEdited`),
walks side by side (`CompareScreen`), and the endings this session has reached (`EndingsScreen`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static, TextArea

from explorer.graph import ScenarioGraph
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal, printable
from explorer.tui.widgets.path_panel import step_line
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import actor_name, number
from explorer.tui.wrapping import hanging
from explorer.walks.compare import Comparison, Line
from explorer.walks.session import MAX_NOTE, WalkSession

LABEL = 16
"""Cells of the comparison table's first column."""


@dataclass(frozen=True, slots=True)
class NoteEdited:
    """The note as written (empty: remove it)."""

    text: str


class NoteScreen(ModalScreen[NoteEdited | None]):
    """Write or change the note on the current step. Ctrl+S keeps it, Esc leaves it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.NOTE)

    def __init__(self, where: str, text: str) -> None:
        super().__init__()
        self.where = where
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = Content.assemble("Note on: ", literal(self.where, one_line=True))
            box.border_subtitle = "Ctrl+S keeps it · Esc cancels · empty removes it"
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(NoteEdited(self.query_one(TextArea).text[:MAX_NOTE]))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _cell(text: str | Content, width: int) -> Content:
    content = text if isinstance(text, Content) else Content(text)
    return content.truncate(width, ellipsis=True, pad=True)


def table_text(graph: ScenarioGraph, comparison: Comparison, width: int) -> Content:
    """Where each line ends, the steps it shares with the first, each actor's payoff and each metric at
    its end, one column per line."""
    lines = comparison.lines
    column = max((width - LABEL) // max(len(lines), 1) - 1, 6)

    def row(label: str, cells: list[str | Content], style: str = "") -> Content:
        parts = [_cell(Content.styled(label, "bold"), LABEL)]
        parts += [Content(" ") + _cell(c, column) for c in cells]
        return Content.assemble(*parts).stylize(style) if style else Content.assemble(*parts)

    out = [row("", [Content.styled(line.name, "bold underline") for line in lines])]
    out.append(row("Ends at", [Content.assemble(("" if line.over else "(open) ", "dim"),
                                                literal(graph.node(line.node_id).title, one_line=True))
                               for line in lines]))
    out.append(row("Steps", [f"{len(line.steps)} ({shared} shared)" for line, shared
                             in zip(lines, comparison.shared, strict=True)]))
    for actor in graph.scenario.actors:
        out.append(row(f"{actor_name(graph, actor, short=True)} payoff",
                       [number(line.payoffs[actor]) if line.payoffs else "—" for line in lines]))
    for i, metric in enumerate(graph.metric_ids):
        label = printable(graph.scenario.metrics[metric].label, one_line=True)
        values = [line.state[i] for line in lines]
        style = "" if len(set(values)) == 1 else "$text-accent"
        out.append(row(label, [number(v) for v in values], style))
    return Content("\n").join(out)


def line_text(graph: ScenarioGraph, line: Line, shared: int, width: int) -> Content:
    """One line's steps: those shared with the first line dimmed, the first one after the split marked ≠."""
    out = [Content.assemble(("Start", "bold"))]
    for n, step in enumerate(line.steps, start=1):
        text = step_line(graph, step)
        mark = "≠ " if n == shared + 1 else "  "
        head = Content.styled(f"{mark}{n:>2}. ", "bold $text-warning" if mark.strip() else "")
        body = hanging([text], head, width, 6)
        out.append(body.stylize("dim") if n <= shared else body)
    end = Content.assemble(("→ ", "bold"), literal(graph.node(line.node_id).title, "bold", one_line=True))
    out.append(hanging([end], "", width, 2))
    if line.note:
        out.append(hanging([Content.styled(line.note, "italic dim")], "", width, 2))
    return Content("\n").join(out)


class CompareScreen(Screen[None]):
    """The current walk, the walk marked for comparison and the historical path, side by side."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.COMPARE)

    def __init__(self, graph: ScenarioGraph, comparison: Comparison) -> None:
        super().__init__()
        self.graph = graph
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        graph, found = self.graph, self.comparison
        split = found.split
        where = "they share no step" if split == 0 else f"they split after step {split}"
        yield Static(Content.assemble(("Compare: ", "bold"), " · ".join(line.name for line in found.lines),
                                      (f"  ·  {where} (≠ marks the first step that differs)", "dim")), id="title-bar")
        with VerticalScroll(id="compare-body"):
            yield Wrapped(lambda width: table_text(graph, found, width), id="compare-table")
            with Horizontal(id="compare-lines"):
                for line, shared in zip(found.lines, found.shared, strict=True):
                    column = Wrapped(lambda width, line=line, shared=shared: line_text(graph, line, shared, width),
                                     classes="compare-line")
                    column.border_title = line.name
                    yield column
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)


def endings_text(session: WalkSession, width: int) -> Content:
    """Every ending of the scenario: ✓ reached this session (how often) or ◦ not yet, in map order."""
    graph = session.graph
    reached = sum(1 for n in graph.outcomes if n in session.endings)
    out = [Content.styled(f"{reached} of {len(graph.outcomes)} endings reached this session", "bold")]
    for node_id in graph.outcomes:
        times = session.endings.get(node_id, 0)
        mark = Content.styled("✓ ", "bold $text-success") if times else Content.styled("◦ ", "dim")
        title = literal(graph.node(node_id).title, "bold" if times else "", one_line=True)
        tail = Content.styled(f"  ({times}×)" if times > 1 else "", "dim")
        out.append(hanging([Content.assemble(title, tail)], mark, width, 2))
    return Content("\n").join(out)


class EndingsScreen(ModalScreen[None]):
    """Which of the scenario's endings this session has reached."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.ENDINGS)

    def __init__(self, session: WalkSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        with VerticalScroll(id="endings-box") as box:
            box.border_title = "Endings reached"
            box.border_subtitle = "Esc closes"
            yield Wrapped(lambda width: endings_text(session, width))

    def action_close(self) -> None:
        self.dismiss(None)
