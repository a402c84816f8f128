"""The facilitator's play screen: the banner and clock, the node, the round's orders (who has given
them; the orders of the actors no team plays), the reveal, the options of a decision or a chance
node, the forecast; beside them the metrics, the run sheet of injects, argued moves, news,
signposts and the log. The same widgets as a team's seat, built from the facilitator's `GameView`.

Keys and clicks ask `GameSession` to act; the screen then redraws from it. Whatever the session
refuses is shown in words, as the session says it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from explorer.format.models import NodeKind
from explorer.game import commitment
from explorer.game.answers import Act
from explorer.game.debrief import roads
from explorer.game.errors import GameError
from explorer.game.events import Event
from explorer.game.session import GameSession
from explorer.game.view_models import GameView
from explorer.game.views import game_view
from explorer.game.watch import Watch
from explorer.tui.classroom import texts
from explorer.tui.classroom.banner import GameBanner
from explorer.tui.classroom.forms import OrdersForm
from explorer.tui.classroom.options import SeatOptions
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.game.prompts import ActorBriefingScreen, AfterRoll, ChoicePrompt, RollScreen, TextPrompt
from explorer.tui.game.white_cell import WhiteCellActions
from explorer.tui.literal import literal, printable
from explorer.tui.typeahead import DialogHost
from explorer.tui.widgets.scenario_text import ScenarioText
from explorer.tui.widgets.wrapped import Wrapped
from explorer.tui.wording import actor_colour, probability_text

TICK = 0.25
SIDE = (("Metrics", "metrics"), ("Injects (n)", "injects"), ("Argued moves (a)", "arguments"), ("News", "news"),
        ("Signposts", "signposts"), ("Game log", "game-log"))

PANELS: dict[str, tuple[tuple[str, ...], Callable[[GameView], Content]]] = {
    "injects": (("white_cell",), texts.injects_text),
    "arguments": (("arguments", "dice_seed", "dice_commitment"), texts.arguments_text),
    "news": (("news",), texts.news_text), "signposts": (("indicators",), texts.indicators_text),
    "game-log": (("log",), lambda view: texts.log_text(view, 12)), "crumbs": (("path",), texts.path_text),
}
"""Side panel → the parts of the view its text is made from, and how."""


def title_bar(session: GameSession) -> Content:
    timer = f"timer {session.meta.timer:g} s" if session.meta.timer else "no timer"
    tail = f"  ·  dice {commitment.short(session.meta.seed)}  ·  {timer}  ·  {session.store.path.name}"
    return Content.assemble(literal(session.graph.scenario.title, "bold", one_line=True), (tail, "dim"))


def hint(session: GameSession) -> str:
    """What can be done now, in a line."""
    key = GAME.key
    if session.finished:
        return f"The game is over — {key('debrief')}: the debrief · {key('undo')}: undo the last move"
    if session.ended:
        return f"The game was ended — {key('debrief')}: the debrief"
    if session.kind == NodeKind.CHANCE:
        return (f"{key('roll')}: roll the dice · {key('roll_median')}: on the class "
                f"median · {key('override')}: override · {key('forecast')}: forecast · {key('news')}: news")
    if session.kind == NodeKind.ROUND:
        return (f"{key('close_round')}: close the round · {key('choose')}: your actors' orders · {key('news')}: news "
                f"· {key('forecast')}: forecast · {key('rule')}: rule")
    return (f"{key('choose')}: choose, then the rationale · {key('briefing')}: briefing · {key('undo')}: undo · "
            f"{key('news')}: news · {key('forecast')}: forecast")


def options_title(session: GameSession) -> Content:
    if session.kind == NodeKind.DECISION:
        return Content.assemble(literal(session.banner, one_line=True), f": {GAME.key('choose')}, then the rationale")
    if session.kind == NodeKind.CHANCE:
        return Content(f"Chance — the facilitator rolls the dice: {GAME.key('roll')}")
    return Content(f"Game over — {GAME.key('debrief')}: the debrief")


class PlayScreen(DialogHost, WhiteCellActions, Screen[None]):
    """A game in progress, as the facilitator runs it."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.PLAY)

    class Committed(Message):
        """Someone committed to the store (a seat's move, perhaps): look now, not at the next tick."""

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self._watch: Watch | None = None
        self.view: GameView | None = None
        self._expired_turn: int | None = None
        self._debriefed_at: int | None = None
        self._tick_error = ""

    @property
    def graph(self) -> Any:
        return self.session.graph

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A scenario without rounds has no round to close: its footer does not offer it."""
        return action != "close_round" or self.session.graph.scenario.format >= 2

    def compose(self) -> ComposeResult:
        yield Static(title_bar(self.session), id="title-bar")
        yield GameBanner(id="banner")
        yield Static(id="crumbs")
        with Horizontal(id="body"):
            with VerticalScroll(id="centre"):
                yield Static(id="node-title")
                yield ScenarioText(id="node-text")
                yield Static(id="private")
                yield Static(id="reveal")
                yield Static(id="round-board")
                yield OrdersForm(id="orders")
                yield SeatOptions(id="options")
                yield Static(id="forecast")
            with VerticalScroll(id="side") as side:
                side.border_title = "White cell"
                for heading, name in SIDE:
                    yield Static(heading, classes="heading")
                    yield Wrapped(id=name) if name == "metrics" else Static(id=name)
        yield Footer()

    def on_mount(self) -> None:
        self.show_game()
        self.query_one("#options").focus()
        self.set_interval(TICK, self.tick)
        try:
            self._watch = Watch(self.session.store.path, after=self.session.state.last_seq)
        except GameError:  # the store is gone: the tick says so
            return
        self._watch.start(self._committed, lambda _: None)

    def _committed(self, events: list[Event]) -> None:
        """On the watch's thread: tell the screen of events it does not have (not of its own moves)."""
        if events[-1].seq > self.session.state.last_seq:
            self.post_message(self.Committed())

    def on_play_screen_committed(self) -> None:
        self.tick()

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    # --- drawing -------------------------------------------------------------------------
    def show_game(self) -> None:
        """Redraw everything from the session; start this turn's timer when one is set."""
        session = self.session
        if session.meta.timer and not session.ended:
            self._act(session.start_timer)
        before, self.view = self.view, game_view(session)
        view = self.view
        with self.app.batch_update():
            self._banner(session.timer_remaining())
            self.query_one("#node-title", Static).update(literal(view.node_title, "bold"))
            self.query_one("#node-text", ScenarioText).show(view.node_text)
            for name, text in (("private", texts.private_text(view)), ("reveal", texts.reveal_text(view)),
                               ("round-board", texts.round_board(view) if view.round else Content()),
                               ("forecast", texts.forecast_text(view))):
                widget = self.query_one(f"#{name}", Static)
                widget.update(text)
                widget.display = bool(text.plain)
            self.query_one(OrdersForm).show(view.round)
            options = self.query_one("#options", SeatOptions)
            shown = session.kind in (NodeKind.DECISION, NodeKind.CHANCE) and not session.ended
            options.display = shown or session.finished
            options.border_title = options_title(session)
            options.show(view.options if view.options else self._chance_options())
            if before is None or before.metrics != view.metrics:
                self.query_one("#metrics", Wrapped).rebuild(lambda width: texts.metric_lines(view.metrics, width))
            for name, (parts, text) in PANELS.items():  # a panel whose part of the view is as before stays
                if before is None or any(getattr(before, part) != getattr(view, part) for part in parts):
                    self.query_one(f"#{name}", Static).update(text(view))
        if session.finished and self._debriefed_at != session.turn:
            self._debriefed_at = session.turn
            self.action_debrief()

    def _chance_options(self) -> tuple:
        """At a chance node the facilitator sees the branches (their odds only when shown)."""
        from explorer.game.privacy import FACILITATOR_VIEW, Context
        from explorer.game.view_parts import seat_option

        if self.session.kind != NodeKind.CHANCE:
            return ()
        ctx = Context.of(self.session)
        odds = self.session.odds() if self.session.state.table.estimates_shown else {}
        return tuple(seat_option(self.graph, o, FACILITATOR_VIEW, ctx, estimate=odds.get(o.index),
                                 shown_historical=self.session.state.table.historical_shown)
                     for o in self.session.options())

    def _banner(self, remaining: float | None) -> None:
        view, session = self.view, self.session
        if view is None:
            return
        colour = actor_colour(session.graph, session.actor) if session.kind == NodeKind.DECISION else "$text"
        self.query_one(GameBanner).show(view, remaining, hint(session), colour)

    def tick(self) -> None:
        """Count the timer down; log once when it runs out; show moves made from other seats."""
        session = self.session
        try:
            if session.refresh():
                self.show_game()
                return
        except GameError as exc:  # another seat's event that does not replay: say so once
            if str(exc) != self._tick_error:
                self._tick_error = str(exc)
                self.refuse(str(exc))
        remaining = session.timer_remaining()
        if remaining is not None and remaining <= 0 and self._expired_turn != session.turn:
            self._expired_turn = session.turn
            if session.timer is not None and not session.timer.expired:
                self._act(session.expire_timer)
            who = (f"{len(session.missing_orders())} orders are missing: close the round ({GAME.key('close_round')}) "
                   "to enter or confirm their default moves" if session.kind == NodeKind.ROUND
                   else f"{session.banner.removesuffix(' decides')}, decide now")
            self.notify(printable(f"Time is up: {who}."), title="Turn timer", severity="warning", timeout=8,
                        markup=False)
        self._banner(remaining)

    # --- acting --------------------------------------------------------------------------
    def _act(self, do: Callable[[], Any]) -> Any:
        """Run a session action; a refusal (or a stale turn) is shown in words, not raised."""
        try:
            return do()
        except GameError as exc:
            self.refuse(str(exc))
            return None

    def _move(self, do: Callable[[], Any]) -> Any:
        result = self._act(do)
        self.show_game()
        return result

    def refuse(self, reason: str) -> None:
        self.app.clear_notifications()
        self.notify(printable(reason), title="Not possible", severity="warning", markup=False)

    def _allowed(self, act: Act, target: str | int | None = None) -> bool:
        answer = self.session.can(act, target)
        if not answer:
            self.refuse(answer.reason)
        return bool(answer)

    def action_choose(self, number: int) -> None:
        if self.session.kind == NodeKind.ROUND and not self.session.ended:
            if not self.query_one(OrdersForm).choose(number):
                self.refuse("every actor of this round is played by a team: they give its orders (close the round "
                            f"with {GAME.key('close_round')} to enter or confirm the missing ones)")
            return
        self._choose(number)

    @work(group="dialog")
    async def _choose(self, number: int) -> None:
        """Option `number` for the deciding actor, then the team's rationale (or its skip)."""
        session = self.session
        if not self._allowed(Act.DECIDE):
            return
        views = session.options()
        if not 1 <= number <= len(views):
            self.refuse(f"there is no option {number} here")
            return
        view, turn = views[number - 1], session.turn
        if not view.available:
            self.refuse(f"option {number} is locked: {view.lock_reason}")
            return
        title = Content.assemble(literal(session.banner, one_line=True), " — chose ",
                                 literal(view.option.label, one_line=True))
        text = await self.app.push_screen_wait(TextPrompt(title, "Why? The team's rationale, in a sentence or two:",
                                                          placeholder="our rationale…"))
        if text is None:
            return
        if self._move(lambda: session.decide(view.index, text or None, turn=turn)) and not text:
            self.notify("Rationale skipped — the skip is logged.", timeout=3)

    @on(OrdersForm.Submit)
    def _orders(self, message: OrdersForm.Submit) -> None:
        session = self.session
        if self._move(lambda: session.submit_order(message.actor, message.move, message.rationale, turn=message.turn)):
            self.notify("Orders given — sealed until the reveal.", timeout=3)

    @on(OrdersForm.Refused)
    def _orders_refused(self, message: OrdersForm.Refused) -> None:
        self.refuse(message.reason)

    @work(group="dialog")
    async def action_roll(self) -> None:
        """The facilitator rolls the dice; the class sees them, and the result may be overridden."""
        await self._roll(on_median=False)

    @work(group="dialog")
    async def action_roll_median(self) -> None:
        await self._roll(on_median=True)

    async def _roll(self, on_median: bool) -> None:
        session = self.session
        if not self._allowed(Act.ROLL_ON_MEDIAN if on_median else Act.ROLL):
            return
        node_title = session.node.title
        record = self._move(lambda: session.roll(turn=session.turn, on_median=on_median))
        if record is None:
            return
        after = await self.app.push_screen_wait(RollScreen(record, node_title, self.graph.node(record.to).title))
        if after is AfterRoll.OVERRIDE:
            await self._override()

    @work(group="dialog")
    async def action_override(self) -> None:
        await self._override()

    async def _override(self) -> None:
        """Replace the last roll's result with another option, with a reason."""
        session = self.session
        if not self._allowed(Act.OVERRIDE):
            return
        last = session.state.last_roll()
        assert last is not None
        step, turn = last.step, session.turn
        choices = [(r.index, f"{r.index + 1}. {r.label} — {probability_text(r.probability or 0.0)}")
                   for r in roads(self.graph, step.node_id, step.before) if r.index != step.index and not r.lock_reason]
        title = Content.assemble("Override the roll “", literal(step.label, one_line=True), "” with:")
        choice = await self.app.push_screen_wait(ChoicePrompt(title, choices, what="result"))
        if choice is not None:
            self._move(lambda: session.override(choice.key, choice.reason, turn=turn))

    @work(group="dialog")
    async def action_inject(self) -> None:
        """Move the game to any node, with a reason."""
        session, turn = self.session, self.session.turn
        if not self._allowed(Act.JUMP):
            return
        choices = [(node_id, f"{node.title} ({node_id})") for node_id, node in self.graph.scenario.nodes.items()]
        title = Content("Jump: move the game to any node (the metrics are kept)")
        choice = await self.app.push_screen_wait(ChoicePrompt(title, choices, filtered=True, what="node"))
        if choice is not None:
            self._move(lambda: session.inject(choice.key, choice.reason, turn=turn))

    @work(group="dialog")
    async def action_undo(self) -> None:
        """The facilitator takes the last move back, with a reason."""
        session, turn = self.session, self.session.turn
        if not self._allowed(Act.UNDO):
            return
        last = session.entries[-1].step
        title = Content.assemble("Undo “", literal(last.label, one_line=True), "”")
        reason = await self.app.push_screen_wait(TextPrompt(title, "The facilitator takes the last move back. Why?",
                                                            placeholder="reason…", required=True))
        if reason:
            self._move(lambda: session.undo(reason, turn=turn))

    def action_briefing(self) -> None:
        brief = self._act(self.session.briefing) if self.session.actor else None
        if brief is not None:
            self.app.push_screen(ActorBriefingScreen(brief))
        elif not self.session.actor:
            self.refuse("no actor is deciding now: briefings are shown at decisions (the teams read theirs on "
                        "their seats)")

    def action_join_codes(self) -> None:
        from explorer.tui.game.join_codes import JoinCodesScreen

        codes = self._act(self.session.store.join_codes)
        if codes is not None:
            self.app.push_screen(JoinCodesScreen(codes, str(self.session.store.path)))

    def action_debrief(self) -> None:
        from explorer.tui.game.debrief import DebriefScreen

        self.app.push_screen(DebriefScreen(self.session))

    @on(OptionList.OptionSelected, "#options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.session.kind == NodeKind.CHANCE:
            self.refuse(f"the facilitator rolls the dice here ({GAME.key('roll')}); picking a result is an override "
                        "after the roll")
        else:
            self.action_choose(event.option_index + 1)
