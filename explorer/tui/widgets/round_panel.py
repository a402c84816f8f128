"""A round: every actor's moves side by side, one column each, a move picked per actor, then resolved.

The panel holds only what the person has picked so far; the walk decides (`Walk.round_moves` says
which moves are locked and why and which move an actor gets if none is picked; `Walk.resolve`
plays the round). A pick moves the focus to the next actor without one, and after the last to the
Resolve button, so pressing a number per actor and then Enter plays the round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
from explorer.tui.widgets.round_text import move_prompt, stage_text
from explorer.tui.wording import actor_colour, actor_name
from explorer.walk import ActorMoves, Walk

if TYPE_CHECKING:
    from explorer.analysis.outlooks import MoveMark, RoundMarks


MIN_COLUMN = 16
"""The narrowest a move column is made (more actors than fit side by side: the row scrolls)."""


class MoveColumn(OptionList):
    """One actor's moves. Enter or a click picks the highlighted move."""

    DEFAULT_CSS = """
    MoveColumn {
        width: 1fr; height: 1fr; border: round $primary 50%; padding: 0;
        overflow-y: auto; scrollbar-size-vertical: 1;
    }
    MoveColumn:focus { border: double $accent; }
    MoveColumn > .option-list--option { padding: 0 1 0 0; }
    """

    class Picked(Message):
        """The person picked `index` (0-based) for `actor`."""

        def __init__(self, actor: str, index: int) -> None:
            super().__init__()
            self.actor = actor
            self.index = index

    class Focused(Message):
        """The highlighted move of `actor` changed."""

        def __init__(self, actor: str, index: int | None) -> None:
            super().__init__()
            self.actor = actor
            self.index = index

    def __init__(self, actor: str) -> None:
        super().__init__(classes="move-column")
        self.actor = actor
        self.moves: ActorMoves | None = None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self.actor, event.option_index))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Focused(self.actor, event.option_index))

    def on_focus(self) -> None:
        self.post_message(self.Focused(self.actor, self.highlighted))

    def prompt_width(self) -> int:
        return max((self.outer_size.width - self.styles.gutter.width - self.scrollbar_gutter.width or 30) - 1, 14)

    def on_resize(self) -> None:
        if self.moves is not None and self.prompt_width() != self.drawn_width:
            self.post_message(self.Resized(self))

    class Resized(Message):
        """The column's width changed: its prompts are wrapped again."""

        def __init__(self, column: MoveColumn) -> None:
            super().__init__()
            self.column = column

    drawn_width = 0


class RoundPanel(Vertical):
    """The round's actors side by side; what each has picked; the Resolve button."""

    DEFAULT_CSS = """
    RoundPanel { height: 60%; min-height: 8; border: round $primary 60%; padding: 0; }
    RoundPanel > #stage { height: auto; max-height: 5; padding: 0 1; background: $boost; }
    RoundPanel > #columns { height: 1fr; overflow-x: auto; overflow-y: hidden; scrollbar-size-horizontal: 1; }
    RoundPanel > #round-bar { height: auto; }
    RoundPanel #picks { width: 1fr; height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    RoundPanel #resolve { min-width: 12; height: 1; border: none; margin: 0 1; }
    """

    HINT = "1–9 picks for the focused actor · ←→ actor · s or Resolve plays the round"

    class Resolve(Message):
        """The Resolve button was pressed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.walk: Walk | None = None
        self.node_id = ""
        self.steps = -1
        self.picks: dict[str, int] = {}
        """Actor id → the move index picked for it (0-based); actors not in it get their default."""
        self.moves: tuple[ActorMoves, ...] = ()
        self.marks: RoundMarks | None = None
        self.policy = ""
        self._columns: list[MoveColumn] = []

    def compose(self) -> ComposeResult:
        yield Static(id="stage")
        yield Horizontal(id="columns")
        with Horizontal(id="round-bar"):
            yield Static(id="picks")
            yield Button("Resolve ▶", id="resolve", variant="primary", compact=True)

    @property
    def graph(self) -> ScenarioGraph:
        assert self.walk is not None
        return self.walk.graph

    def show(self, walk: Walk, marks: RoundMarks | None = None, policy: str = "",
             picks: dict[str, int] | None = None) -> None:
        """Show the walk's round with `picks` (None: the picks made here so far, kept while the walk stays
        at this position; {} when it is a new one)."""
        here = (walk.node_id, len(walk.history))
        fresh = picks is not None or here != (self.node_id, self.steps) or walk is not self.walk
        self.walk, self.marks, self.policy = walk, marks, policy
        if fresh:
            self.node_id, self.steps = here
            self.picks = dict(picks or {})
            self.moves = walk.round_moves()
            self._build_columns()
        self._draw()

    def _build_columns(self) -> None:
        """One column per actor: the columns there are reused (and drawn at once); missing ones are added
        (and drawn once mounted), extra ones removed."""
        box = self.query_one("#columns", Horizontal)
        have, want = self._columns, self.moves
        for extra in have[len(want) :]:
            extra.remove()
        for column, actor in zip(have, want, strict=False):
            column.actor = actor.actor
            column.highlighted = None
        self._columns = have[: len(want)]
        if len(want) > len(have):
            added = [MoveColumn(actor.actor) for actor in want[len(have) :]]
            self._columns += added
            box.mount_all(added)
            self.call_after_refresh(self._fit_columns)
            self.call_after_refresh(self._draw)
        self._fit_columns()
        node = self.graph.node(self.node_id)
        turn = f"Round {node.turn}" if node.turn is not None else "A round"
        self.border_title = f"{turn}: {len(self.moves)} actors move at once"

    def columns(self) -> list[MoveColumn]:
        """The actors' columns, in the round's order."""
        return list(self._columns)

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns share the width; when that would make them narrower than `MIN_COLUMN`, each is that wide
        and the row scrolls sideways (the focused actor's column is scrolled into view)."""
        columns = self.columns()
        if not columns:
            return
        room = self.query_one("#columns").size.width or self.size.width
        width = "1fr" if room >= MIN_COLUMN * len(columns) else str(MIN_COLUMN)
        for column in columns:
            if str(column.styles.width) != width:
                column.styles.width = width

    def _marks_of(self, actor: str) -> dict[int, MoveMark]:
        if self.marks is None:
            return {}
        return {m.index: m for m in self.marks.moves if m.actor == actor}

    def _draw(self) -> None:
        graph = self.graph
        node = graph.node(self.node_id)
        stage = self.query_one("#stage", Static)
        stage.display = self.marks is not None
        if self.marks is not None:
            stage.update(stage_text(graph, node, self.marks, self.policy))
        for column, actor in zip(self.columns(), self.moves, strict=False):
            self._draw_column(column, actor)
        self.query_one("#picks", Static).update(self.summary())

    def _draw_column(self, column: MoveColumn, actor: ActorMoves) -> None:
        graph = self.graph
        column.moves = actor
        width = column.drawn_width = column.prompt_width()
        marks = self._marks_of(actor.actor)
        picked = self.picks.get(actor.actor)
        highlighted = column.highlighted
        column.set_options(
            Option(move_prompt(graph, view, width, picked=view.index == picked, default=view.index == actor.default,
                               mark=marks.get(view.index), policy=self.policy))
            for view in actor.moves
        )
        first = next((v.index for v in actor.moves if v.available), 0)
        column.highlighted = highlighted if highlighted is not None else picked if picked is not None else first
        colour = actor_colour(graph, actor.actor)
        column.border_title = Content.styled(actor_name(graph, actor.actor, short=True), f"bold {colour}")
        column.border_subtitle = self._status(actor)

    @on(MoveColumn.Resized)
    def _resized(self, event: MoveColumn.Resized) -> None:
        event.stop()
        if event.column.moves is not None and self.walk is not None:
            self._draw_column(event.column, event.column.moves)

    def _status(self, actor: ActorMoves) -> str:
        if actor.sits_out:
            return "no move: sits out"
        picked = self.picks.get(actor.actor)
        return f"picked {picked + 1}" if picked is not None else f"default {actor.default + 1}" if actor.default is not None else ""

    def summary(self) -> Content:
        """Who has picked what, and what an actor without a pick will play."""
        graph = self.graph
        parts = []
        for actor in self.moves:
            name = Content.styled(actor_name(graph, actor.actor, short=True), f"bold {actor_colour(graph, actor.actor)}")
            picked = self.picks.get(actor.actor)
            if actor.sits_out:
                parts.append(Content.assemble(name, " sits out"))
            elif picked is not None:
                parts.append(Content.assemble(name, ": ", literal(actor.moves[picked].option.label, one_line=True)))
            else:
                default = actor.moves[actor.default or 0].option.label
                parts.append(Content.assemble(name, ": ", literal(default, "italic", one_line=True),
                                              (" (default)", "italic")))
        return Content(" · ").join(parts)

    # --- picking ---------------------------------------------------------------------------
    def focused_actor(self) -> int:
        """The column with the focus, else the first actor without a pick (else the first)."""
        columns = self.columns()
        for i, column in enumerate(columns):
            if column.has_focus:
                return i
        return next((i for i, a in enumerate(self.moves) if a.actor not in self.picks and not a.sits_out), 0)

    def pick(self, actor: str, index: int) -> None:
        """Record a pick (the screen has checked it with the walk) and move on to the next actor."""
        self.picks[actor] = index
        self._draw()
        order = [a.actor for a in self.moves]
        start = order.index(actor)
        rest = order[start + 1 :] + order[:start]
        waiting = next((a for a in rest if a not in self.picks and not self._sits_out(a)), None)
        if waiting is None:
            self.query_one("#resolve", Button).focus()
        else:
            self._focus_column(order.index(waiting))

    def _sits_out(self, actor: str) -> bool:
        return next(a for a in self.moves if a.actor == actor).sits_out

    def focus_actor(self, step: int) -> None:
        """Move the focus `step` columns along (wrapping round)."""
        columns = self.columns()
        if columns:
            self._focus_column((self.focused_actor() + step) % len(columns))

    def focus_first(self) -> None:
        if self.columns():
            self._focus_column(self.focused_actor())

    def _focus_column(self, index: int) -> None:
        column = self.columns()[index]
        column.focus()
        self.query_one("#columns", Horizontal).scroll_to_widget(column, animate=False)

    @on(Button.Pressed, "#resolve")
    def _resolve(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Resolve())
