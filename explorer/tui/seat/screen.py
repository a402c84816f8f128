"""A seat's screen — a team's, or the shared screen's: who has the move, the public game, and the
team's decision or orders when it has them, its forecast, its argued moves.

It shows only a `GameView` (never the session or the scenario itself), so nothing private to
another viewer can reach it. Other seats' moves arrive from the link's watch thread as `Changed`
messages; what the team does is sent from a worker thread with the turn the team saw, and a stale
or refused move is told in words, as the session says it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static

from explorer.format.models import NodeKind
from explorer.game.errors import GameError, StaleTurn
from explorer.game.events import Event
from explorer.game.seat_link import SeatLink
from explorer.game.session import GameSession
from explorer.game.view_models import GameView
from explorer.tui.classroom import texts
from explorer.tui.classroom.banner import GameBanner
from explorer.tui.classroom.forms import ForecastForm, OrdersForm
from explorer.tui.classroom.options import SeatOptions
from explorer.tui.classroom.prompts import REASON_FIELDS, Field, reasons
from explorer.tui.literal import literal
from explorer.tui.seat.briefing import SeatFormPrompt, TeamBriefingScreen
from explorer.tui.seat.keys import SEAT, Scope
from explorer.tui.typeahead import DialogHost
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.widgets.wrapped import Wrapped

SIDE = (("Metrics", "metrics"), ("Orders this round", "round-board"), ("Signposts", "signposts"), ("News", "news"),
        ("Argued moves", "arguments"), ("Path so far", "path"), ("Your decisions", "own"), ("Log", "log"))

SIDE_TEXTS: dict[str, tuple[tuple[str, ...], Callable[[GameView], Content]]] = {
    "round-board": (("round",), texts.round_board), "signposts": (("indicators",), texts.indicators_text),
    "news": (("news",), texts.news_text), "arguments": (("arguments", "dice_seed", "dice_commitment"), texts.arguments_text),
    "path": (("path",), texts.path_text), "own": (("own_decisions",), texts.own_decisions_text),
    "log": (("log",), texts.log_text),
}
"""Side panel → the parts of the view its text is made from, and how."""


class SeatScreen(DialogHost, Screen[None]):
    """One seat's view of a shared game, updated as the other seats move."""

    BINDINGS: ClassVar[list[BindingType]] = SEAT.bindings(Scope.SEAT)

    class Changed(Message):
        """Other seats moved: the fresh view and the events (sent from the watch thread)."""

        def __init__(self, view: GameView, events: list[Event]) -> None:
            super().__init__()
            self.view = view
            self.events = events

    class Answered(Message):
        """The outcome of sending something: the view after it, and a note when it was refused."""

        def __init__(self, view: GameView, note: str | None, done: str | None = None) -> None:
            super().__init__()
            self.view = view
            self.note = note
            self.done = done

    class Lost(Message):
        """The store cannot be read any more."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, link: SeatLink) -> None:
        super().__init__()
        self.link = link
        self.view: GameView | None = None
        self.chosen: int | None = None
        """The 0-based option the team picked (at a decision) and is about to send."""
        self.sending = False
        self._deadline: float | None = None
        """When the turn timer runs out (monotonic clock), while a timer runs."""

    def compose(self) -> ComposeResult:
        yield GameBanner(id="banner")
        with Horizontal(id="body"):
            with VerticalScroll(id="main"):
                yield Static(id="notice")
                yield Static(id="node-title")
                yield ScenarioText(id="node-text")
                yield Static(id="private")
                yield Static(id="waiting")
                with Vertical(id="move"):
                    yield Static(id="move-head", classes="heading")
                    yield SeatOptions(id="options")
                    yield Static(id="choice")
                    with Horizontal(id="rationale-row"):
                        yield Input(id="rationale")
                        yield Button("Decide", id="decide", variant="primary")
                yield OrdersForm(id="orders")
                yield ForecastForm(id="forecast")
                yield Static(id="reveal")
            with VerticalScroll(id="side"):
                for heading, name in SIDE:
                    yield Static(heading, classes="heading")
                    yield Wrapped(id=name) if name == "metrics" else Static(id=name)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notice").display = False
        self.show(self.link.view())
        self.set_interval(1, self._tick)
        self.link.watch(lambda view, events: self.post_message(self.Changed(view, events)),
                        lambda error: self.post_message(self.Lost(str(error))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The shared screen only watches: its footer offers nothing to do."""
        watching = self.view is not None and self.view.team is None
        return not (watching and action in ("argue", "counter", "forecast", "choose", "focus_options"))

    # --- showing the view -------------------------------------------------------------
    def show(self, view: GameView) -> None:
        """Show `view`; a part of the screen whose part of the view is as before is left alone, and a
        decision's options and rationale box are rebuilt only when the turn changed."""
        before, self.view = self.view, view
        self.sub_title = texts.whose_move(view)
        if before is None or (before.node_title, before.node_text) != (view.node_title, view.node_text):
            self.query_one("#node-title", Static).update(literal(view.node_title))
            self.query_one("#node-text", ScenarioText).show(view.node_text)
        if before is None or before.private != view.private:
            private = self.query_one("#private", Static)
            private.display = bool(view.private)
            private.update(texts.private_text(view))
        if before is None or before.reveal != view.reveal:
            reveal = self.query_one("#reveal", Static)
            reveal.display = view.reveal is not None
            reveal.update(texts.reveal_text(view))
        waiting = self.query_one("#waiting", Static)
        waiting.update(texts.waiting_text(view))
        waiting.display = not view.your_move and bool(waiting.visual and str(getattr(waiting.visual, "plain", "")))
        self.query_one(OrdersForm).show(view.round)
        self.query_one(ForecastForm).show(view.forecast, texts.forecast_text(view))
        self._side(view, before)
        self.refresh_bindings()
        deciding = view.your_move and view.kind == NodeKind.DECISION and bool(view.options)
        self.query_one("#move", Vertical).display = deciding
        if deciding and (before is None or not before.options or before.turn != view.turn):
            self._new_decision(view)
        seconds = view.timer_seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._tick()

    def _side(self, view: GameView, before: GameView | None) -> None:
        """The side panels; a panel whose part of the view is as before keeps its text (another team's
        order changes the log and the round's board, nothing else)."""
        if before is None or before.metrics != view.metrics:
            self.query_one("#metrics", Wrapped).rebuild(lambda width: texts.metric_lines(view.metrics, width))
        for name, (parts, text) in SIDE_TEXTS.items():
            if before is None or any(getattr(before, part) != getattr(view, part) for part in parts):
                self.query_one(f"#{name}", Static).update(text(view))
        team = view.team is not None
        for heading, name in SIDE:
            shown = (name != "own" or team) and (name != "round-board" or view.round is not None)
            self.query_one(f"#{name}").display = shown
            next(h for h in self.query(".heading").results(Static)
                 if str(getattr(h.visual, "plain", "")) == heading).display = shown

    def _tick(self) -> None:
        """The banner with the turn timer's countdown (the facilitator's screen logs when it runs out)."""
        if self.view is None:
            return
        left = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
        self.query_one(GameBanner).show(self.view, left, self._hint(self.view))

    @staticmethod
    def _hint(view: GameView) -> str:
        key = SEAT.key
        if view.team is None:
            return "The shared screen: what every team may see."
        parts = [f"{key('briefing')}: briefing", f"{key('argue')}: argue a move", f"{key('counter')}: counter"]
        if view.forecast is not None and view.forecast.open:
            parts.insert(0, f"{key('forecast')}: your forecast")
        if view.round is not None and view.round.forms:
            parts.insert(0, f"{key('choose')}: pick a move, then why and Enter")
        return " · ".join(parts)

    def _new_decision(self, view: GameView) -> None:
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
            self.notify(moved, title="In the game", timeout=6, markup=False)

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.sending = False
        self.query_one("#decide", Button).disabled = False
        self.show(message.view)
        self.notice(message.note)
        if message.done and not message.note:
            self.notify(message.done, timeout=4, markup=False)

    @on(Lost)
    def _lost(self, message: Lost) -> None:
        self.notice(f"The game file cannot be read any more: {message.error}")

    # --- choosing, deciding, giving orders ----------------------------------------------
    def action_briefing(self) -> None:
        if self.view is not None:
            self.app.push_screen(TeamBriefingScreen(self.view.briefings))

    def action_focus_options(self) -> None:
        if self.view is not None and self.view.your_move:
            target = self.query_one(OrdersForm).target() if self.view.round else None
            (target.query_one(SeatOptions) if target else self.query_one("#options", OptionList)).focus()

    def action_choose(self, number: int) -> None:
        view = self.view
        if view is not None and view.round is not None and view.round.forms:
            self.query_one(OrdersForm).choose(number)
            return
        self.choose(number - 1)

    def choose(self, index: int) -> None:
        """Pick option `index` (0-based) of the decision the team has; a locked one is refused with its reason."""
        view = self.view
        if view is None or not view.options:
            self.notice(f"There is nothing for you to choose now: {texts.whose_move(view)}." if view else None)
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
        if view is None or not view.options or self.sending:
            return
        if self.chosen is None:
            self.notice(f"Choose an option first (keys {SEAT.key('choose')}, or Enter on the list).")
            return
        self.sending = True
        self.query_one("#decide", Button).disabled = True
        option, rationale, turn = self.chosen, self.query_one("#rationale", Input).value, view.turn
        self._send(lambda s: s.decide(option, rationale, turn=turn), None)

    @on(OrdersForm.Submit)
    def _orders(self, message: OrdersForm.Submit) -> None:
        self.notice(None)
        actor, move, why, turn = message.actor, message.move, message.rationale, message.turn
        self._send(lambda s: s.submit_order(actor, move, why, turn=turn), "Orders given — sealed until the reveal.")

    @on(OrdersForm.Refused)
    def _orders_refused(self, message: OrdersForm.Refused) -> None:
        self.notice(message.reason)

    @on(ForecastForm.Submit)
    def _forecast(self, message: ForecastForm.Submit) -> None:
        try:
            values = [float(v.strip().rstrip("%") or "nan") for v in message.values]
        except ValueError:
            values = []
        if not values or any(v != v for v in values):
            self.notice("Type a number in every box: a percentage (40) or a probability (0.4).")
            return
        self._send(lambda s: s.enter_forecast(values), "Forecast entered — the others see it when it closes.")

    def action_forecast(self) -> None:
        boxes = list(self.query(".forecast-box").results(Input))
        if boxes and boxes[0].display:
            boxes[0].focus()
        else:
            self.notice("No forecast is open for you now: the facilitator opens one.")

    @work(exclusive=True, group="form")
    async def action_argue(self) -> None:
        view = self.view
        if view is None or view.team is None:
            self.notice("The shared screen only shows the game.")
            return
        actors = [(b.actor, b.name) for b in view.briefings]
        filled = await self.app.push_screen_wait(SeatFormPrompt(
            "Argue a move the tree does not have", [Field("action", "The action", "what your actor does"),
                                                    Field("result", "The result", "what it will bring about"),
                                                    *REASON_FIELDS],
            intro="The facilitator rules on it: by 2d6, needing 7 or more, one less for each reason (at most "
                  "three), one more for each team that counters it.",
            choices=actors if len(actors) > 1 else ()))
        if filled is not None:
            actor = filled.choice if len(actors) > 1 else actors[0][0]
            v = filled.values
            self._send(lambda s: s.argue(actor, v["action"], v["result"], reasons(v)), "Argued move sent.")

    @work(exclusive=True, group="form")
    async def action_counter(self) -> None:
        view = self.view
        open_ = [a for a in (view.arguments if view else ()) if a.may_counter]
        if not open_:
            self.notice("There is no argued move you can counter now.")
            return
        filled = await self.app.push_screen_wait(SeatFormPrompt(
            "Counter an argued move", [*REASON_FIELDS],
            choices=[(a.number, f"#{a.number} {a.team_title}: {a.action}") for a in open_]))
        if filled is not None:
            number, given = filled.choice, reasons(filled.values)
            self._send(lambda s: s.counter(number, given), "Counter-argument sent.")

    @work(thread=True, group="send")
    def _send(self, action: Callable[[GameSession], Any], done: str | None) -> None:
        note: str | None = None
        try:
            view = self.link.act(action)
        except StaleTurn as exc:
            note = f"Another seat moved first, so your move was not made. {exc.what_changed}."
            view = self.link.view()
        except GameError as exc:
            note = f"Not possible: {exc}"
            view = self.link.view()
        self.post_message(self.Answered(view, note, done))

    def on_unmount(self) -> None:
        self.link.stop_watching()
