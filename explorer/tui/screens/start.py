"""The start screen: the scenario's title, as-of date, authors, summary and actors.

It draws from the scenario's cover (`explorer.loading.cover`), which `explorer play` may read before
the scenario itself is loaded: nothing here needs the scenario.

Any walking key closes it and is passed on, so a person who presses 1 straight away has
taken option 1, as the keys promise.

It is the first screen, so its first frame is kept as cheap as a bare app's: one card (title,
date, the summary's first paragraph as written) and the keys. Once that frame is on screen the
card is completed: the Markdown renderer (and its parser) is imported, the whole summary is
shown rendered, and the actors follow with their objectives."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

if TYPE_CHECKING:
    from explorer.tui.walk_requests import StartRequest

from explorer.loading.cover import Cover
from explorer.tui.keys import EXPLORER, Scope
from explorer.tui.literal import literal, printable

BEGIN_HINT = ("Press Enter (or a number to take that option) to begin.", "dim")


def actors_text(cover: Cover) -> Content:
    """The actors, each in its colour, with its objectives."""
    from explorer.tui.actor_colours import colour_of, tag_of  # after the first frame: it does not show the actors

    lines = [Content.styled("Actors", "bold")]
    for index, actor in enumerate(cover.actors):
        lines.append(tag_of(actor.name, colour_of(actor.color, index)))
        lines.extend(Content.assemble("    – ", literal(goal, one_line=True)) for goal in actor.objectives)
    return Content.assemble(Content("\n").join(lines), "\n\n", BEGIN_HINT)


def summary_lead(summary: str | None) -> str:
    """The summary's first paragraph, as written: what the first frame shows of it."""
    text = (summary or "").strip()
    end = text.find("\n\n")
    return text if end < 0 else text[:end]


_BLOCK_LINE = re.compile(r"\s*([-*+>#]|\d+[.)])\s")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*")


def lead_text(summary: str | None) -> Content:
    """The summary's first paragraph for the first frame, before the Markdown renderer is loaded:
    its lines joined as Markdown joins a paragraph's, `**bold**` and `*italic*` shown as such,
    everything else literally (the whole summary, rendered, replaces it a moment later)."""
    lead = summary_lead(summary)
    lines = lead.splitlines()
    if not any(_BLOCK_LINE.match(line) for line in lines):  # a plain paragraph, not a list or quote
        lead = " ".join(line.strip() for line in lines)
    text = printable(lead)
    pieces: list[str | tuple[str, str]] = []
    done = 0
    for match in _EMPHASIS.finditer(text):
        bold, italic = match.groups()
        pieces += [text[done : match.start()], (bold, "bold") if bold is not None else (italic, "italic")]
        done = match.end()
    pieces.append(text[done:])
    return Content.assemble(*pieces)


def meta_text(cover: Cover) -> Content:
    meta = []
    if cover.as_of:
        meta.append(f"as of {cover.as_of}")
    if cover.authors:
        meta.append("by " + ", ".join(cover.authors))
    meta.append(f"{cover.nodes} nodes, {cover.endings} endings")
    return literal(" · ".join(meta))


def head_text(cover: Cover) -> Content:
    """The scenario's title, then its as-of date, authors and size."""
    return Content.assemble(
        literal(cover.title, "bold $accent"), "\n", meta_text(cover).stylize("dim")
    )


PALETTE_KEY = ("^p", "palette", "app.command_palette")
"""Textual's own key for the command palette, as its footer shows it."""


def keys_text() -> Content:
    """The start screen's keys, each clickable: a one-line footer without a widget per key."""
    keys = [(c, "screen") for c in EXPLORER.footer(Scope.START)] + [(c, "app") for c in EXPLORER.footer(Scope.APP)]
    shown = [(c.key_display or c.key, c.label, f"{where}.{c.action}") for c, where in keys] + [PALETTE_KEY]
    parts = [
        Content.assemble((f" {key} ", "bold $accent"), f"{words} ").stylize(Style.from_meta({"@click": action}))
        for key, words, action in shown
    ]
    return Content.assemble(*parts)


class StartScreen(Screen["StartRequest | None"]):
    """What the scenario is about. Closes with the walking key pressed, if any: `Take(n)`,
    `Roll()`, or None (just begin)."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.START)

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []
    """None of the app's width classes: nothing here depends on them, and setting one after the
    first layout would lay the screen out and paint it a second time."""

    class Completed(Message):
        """The start screen is complete: the summary's Markdown is rendered and laid out."""

    class Begin(Message):
        """The first start screen (the app's base screen, which stays) asks the app to begin the walk."""

        def __init__(self, request: StartRequest | None) -> None:
            super().__init__()
            self.request = request

    def __init__(self, cover: Cover, saved: str | None = None) -> None:
        super().__init__()
        self.cover = cover
        self.saved = saved
        """Words on the last saved walk of this scenario, offered to continue (c); None: none offered."""

    def compose(self) -> ComposeResult:
        cover = self.cover
        lead = summary_lead(cover.summary)
        parts = [head_text(cover), "\n\n"]
        if lead:
            parts += [lead_text(cover.summary), "\n\n"]
        if self.saved:
            parts += [("c", "bold $accent"), f" continues {self.saved}.\n"]
        yield Static(Content.assemble(*parts, BEGIN_HINT), id="start-card")
        yield Static(keys_text(), id="start-keys")

    def on_mount(self) -> None:
        if getattr(self.app, "first_frame_shown", True):
            self.call_after_refresh(self.render_summary)
        # else the app calls `render_summary` once its first frame is on screen (its Ready event)

    def render_summary(self) -> None:
        """After the first frame, complete the card: the whole summary as Markdown in place of its
        first paragraph as written, then the actors with their objectives."""
        card = self.query_one("#start-card", Static)
        if not card.is_attached:  # the app is closing
            return
        from explorer.tui.widgets.scenario_text import ScenarioText

        with self.app.batch_update():
            head = head_text(self.cover)
            if self.saved:
                head = Content.assemble(head, "\n\n", ("c", "bold $accent"), f" continues {self.saved}.")
            card.update(head)
            summary = self.cover.summary
            widgets = [ScenarioText(summary, id="start-summary")] if (summary or "").strip() else []
            self.mount_all([*widgets, Static(actors_text(self.cover), id="start-actors")], after=card)
        self.call_after_refresh(lambda: self.post_message(self.Completed()))

    # The screen itself scrolls (no scrolling container: the first frame lays out three widgets).
    def action_scroll_by(self, lines: int) -> None:
        self.scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, pages: int) -> None:
        self.scroll_relative(y=pages * max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_scroll_edge(self, end: bool) -> None:
        if end:
            self.scroll_end(animate=False)
        else:
            self.scroll_home(animate=False)

    def action_begin(self) -> None:
        self.close(None)

    def action_take(self, number: int) -> None:
        from explorer.tui.walk_requests import Take  # not before a key asks: the first frame does not need it

        self.close(Take(number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.saved is not None if action == "continue_walk" else True

    def action_continue_walk(self) -> None:
        from explorer.tui.walk_requests import ContinueSaved

        self.close(ContinueSaved())

    def action_roll(self) -> None:
        from explorer.tui.walk_requests import Roll

        self.close(Roll())

    def close(self, request: StartRequest | None) -> None:
        """Close the screen, passing on the walking key pressed, if any; the first start screen is
        the app's base screen, which stays under the walk, so it asks the app to begin instead."""
        if self.app.screen_stack[0] is self:
            self.post_message(self.Begin(request))
        else:
            self.dismiss(request)
