"""The team's seat screen: who has the move, the public game, and the team's decision when it is its turn.

It shows only a `SeatView` (never the session or the scenario itself), so another team's
briefing or pending rationale cannot reach it. Other seats' moves arrive from the link's
watch thread as `Changed` messages; a decision is sent from a worker thread with the turn the
team saw, and a stale one is refused with what changed.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static

from explorer.game.errors import GameError, StaleTurn
from explorer.game.events import Event
from explorer.game.seat_link import SeatLink
from explorer.game.seats import SeatView
from explorer.tui.literal import literal
from explorer.tui.seat import texts
from explorer.tui.seat.briefing import TeamBriefingScreen
from explorer.tui.seat.keys import SEAT, Scope
from explorer.tui.seat.options import SeatOptions
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.widgets.wrapped import Wrapped


class SeatScreen(Screen[None]):
    """One team's view of a shared game, updated as the other seats move."""

    BINDINGS: ClassVar[list[BindingType]] = SEAT.bindings(Scope.SEAT)

    class Changed(Message):
        """Other seats moved: the fresh view and the events (sent from the watch thread)."""

        def __init__(self, view: SeatView, events: list[Event]) -> None:
            super().__init__()
            self.view = view
            self.events = events

    class Answered(Message):
        """The outcome of sending a decision: the view after it, and a note when it was refused."""

        def __init__(self, view: SeatView, note: str | None) -> None:
            super().__init__()
            self.view = view
            self.note = note

    class Lost(Message):
        """The store cannot be read any more."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, link: SeatLink) -> None:
        super().__init__()
        self.link = link
        self.view: SeatView | None = None
        self.chosen: int | None = None
        """The 0-based option the team picked and is about to send."""
        self.sending = False
        self._deadline: float | None = None
        """When the turn timer runs out (monotonic clock), while the team has the move and a timer runs."""

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        with Horizontal(id="body"):
            with VerticalScroll(id="main"):
                yield Static(id="notice")
                yield Static(id="node-title")
                yield ScenarioText(id="node-text")
                yield Static(id="waiting")
                with Vertical(id="move"):
                    yield Static(id="move-head", classes="heading")
                    yield Static(id="timer")
                    yield SeatOptions(id="options")
                    yield Static(id="choice")
                    with Horizontal(id="rationale-row"):
                        yield Input(id="rationale")
                        yield Button("Decide", id="decide", variant="primary")
            with VerticalScroll(id="side"):
                yield Static("Metrics", classes="heading")
                yield Wrapped(id="metrics")
                yield Static("Path so far", classes="heading")
                yield Static(id="path")
                yield Static("Your decisions", classes="heading")
                yield Static(id="own")
                yield Static("Log", classes="heading")
                yield Static(id="log")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notice").display = False
        self.show(self.link.view())
        self.set_interval(1, self._tick)
        self.link.watch(lambda view, events: self.post_message(self.Changed(view, events)),
                        lambda error: self.post_message(self.Lost(str(error))))

    # --- showing the view -------------------------------------------------------------
    def show(self, view: SeatView) -> None:
        """Show `view`; the options and the rationale box are rebuilt only when the turn changed."""
        before, self.view = self.view, view
        self.sub_title = texts.whose_move(view)
        self.query_one("#banner", Static).update(texts.banner(view))
        self.query_one("#node-title", Static).update(literal(view.node_title))
        self.query_one("#node-text", ScenarioText).show(view.node_text)
        waiting = self.query_one("#waiting", Static)
        waiting.display = not view.your_move
        waiting.update(texts.waiting_text(view))
        self.query_one("#metrics", Wrapped).rebuild(lambda width: texts.metric_lines(view.metrics, width))
        self.query_one("#path", Static).update(texts.path_text(view))
        self.query_one("#own", Static).update(texts.own_decisions_text(view))
        self.query_one("#log", Static).update(texts.log_text(view))
        move = self.query_one("#move", Vertical)
        move.display = view.your_move
        if view.your_move and (before is None or not before.your_move or before.turn != view.turn):
            self._new_decision(view)
        seconds = view.rationale.timer_seconds if view.rationale else None
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._tick()

    def _tick(self) -> None:
        """The turn timer's countdown (the facilitator's screen logs when it runs out)."""
        timer = self.query_one("#timer", Static)
        timer.display = self._deadline is not None
        if self._deadline is not None:
            left = max(0, round(self._deadline - time.monotonic()))
            timer.update(Content.styled(f"Timer: {left // 60}:{left % 60:02d} left" if left else "Time is up",
                                        "bold $text-warning"))

    def _new_decision(self, view: SeatView) -> None:
        box = view.rationale
        who = box.actor_name if box else view.team_title
        self.query_one("#move-head", Static).update(
            literal(f"Turn {view.turn} — choose for {who}: keys {SEAT.key('choose')}, or Enter / click", one_line=True))
        options = self.query_one("#options", SeatOptions)
        options.show(view.options)
        rationale = self.query_one("#rationale", Input)
        rationale.value = ""
        rationale.placeholder = box.prompt if box else "Why this choice?"
        rationale.max_length = box.max_chars if box else 0
        self.chosen = None
        self._show_choice()
        options.focus()

    def _show_choice(self) -> None:
        view = self.view
        choice = self.query_one("#choice", Static)
        if view is None or self.chosen is None:
            choice.update(Content.styled("Pick an option, write why below (or leave it empty to skip), then Enter "
                                         "or Decide.", "dim"))
            return
        option = view.options[self.chosen]
        choice.update(Content.assemble(("Your choice: ", "bold"), f"{option.number}. ",
                                       literal(option.label, "bold $text-success", one_line=True),
                                       (" — write why below, then Enter or Decide.", "dim")))

    def notice(self, text: str | Content | None) -> None:
        """The line above the node for refusals and changes (None hides it)."""
        widget = self.query_one("#notice", Static)
        widget.display = bool(text)
        widget.update(literal(text) if isinstance(text, str) else (text or ""))
        if text:
            self.query_one("#main", VerticalScroll).scroll_home(animate=False)

    # --- messages from the threads ----------------------------------------------------
    @on(Changed)
    def _changed(self, message: Changed) -> None:
        since = self.view.last_seq if self.view else 0
        self.show(message.view)
        moved = texts.changed_text(message.view, since)
        if moved:
            self.notify(moved, title="The game moved", timeout=6, markup=False)

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.sending = False
        self.query_one("#decide", Button).disabled = False
        self.show(message.view)
        self.notice(message.note)

    @on(Lost)
    def _lost(self, message: Lost) -> None:
        self.notice(f"The game file cannot be read any more: {message.error}")

    # --- choosing and deciding --------------------------------------------------------
    def action_briefing(self) -> None:
        if self.view is not None:
            self.app.push_screen(TeamBriefingScreen(self.view.briefings))

    def action_focus_options(self) -> None:
        if self.view is not None and self.view.your_move:
            self.query_one("#options", OptionList).focus()

    def action_choose(self, number: int) -> None:
        self.choose(number - 1)

    def choose(self, index: int) -> None:
        """Pick option `index` (0-based); a locked one is refused with its reason."""
        view = self.view
        if view is None or not view.your_move:
            self.notice(f"It is not your move: {texts.whose_move(view)}." if view else None)
            return
        if not 0 <= index < len(view.options):
            return
        option = view.options[index]
        self.query_one("#options", OptionList).highlighted = index
        if not option.available:
            self.notice(f"Option {option.number} is locked: {option.lock_reason}")
            return
        self.notice(None)
        self.chosen = index
        self._show_choice()
        self.query_one("#rationale", Input).focus()

    @on(OptionList.OptionSelected, "#options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    @on(Input.Submitted, "#rationale")
    @on(Button.Pressed, "#decide")
    def _submit(self, event: Message) -> None:
        event.stop()
        self.decide()

    def decide(self) -> None:
        """Send the chosen option and the rationale, made for the turn the team saw."""
        view = self.view
        if view is None or not view.your_move or self.sending:
            return
        if self.chosen is None:
            self.notice(f"Choose an option first (keys {SEAT.key('choose')}, or Enter on the list).")
            return
        self.sending = True
        self.query_one("#decide", Button).disabled = True
        self._send(self.chosen, self.query_one("#rationale", Input).value, view.turn)

    @work(thread=True, group="decide")
    def _send(self, option: int, rationale: str, turn: int) -> None:
        note: str | None = None
        try:
            view = self.link.decide(option, rationale, turn)
        except StaleTurn as exc:
            note = f"Another seat moved first, so your move was not made. {exc.what_changed}."
            view = self.link.view()
        except GameError as exc:
            note = f"The move was refused: {exc}"
            view = self.link.view()
        self.post_message(self.Answered(view, note))

    def on_unmount(self) -> None:
        self.link.stop_watching()
