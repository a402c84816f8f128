"""The play screen: the banner, the node, its options and the metrics of a game in progress.

Keys and clicks ask `GameSession` to act (decide, roll, override, inject, undo, timer); the
screen then redraws from it. Whatever the session refuses is shown in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from explorer.format.models import NodeKind
from explorer.game.debrief import roads
from explorer.game.errors import GameError
from explorer.game.session import GameSession
from explorer.tui.game.banner import Banner
from explorer.tui.game.keys import GAME, Scope
from explorer.tui.game.prompts import ActorBriefingScreen, AfterRoll, ChoicePrompt, RollScreen, TextPrompt
from explorer.tui.literal import literal, printable
from explorer.tui.widgets.breadcrumbs import Breadcrumbs
from explorer.tui.widgets.metrics import MetricsPanel
from explorer.tui.widgets.node_panel import NodePanel
from explorer.tui.widgets.options import OptionsPanel
from explorer.tui.wording import probability_text

LOG_LINES = 8
TICK = 0.25


def title_bar(session: GameSession) -> Content:
    timer = f"timer {session.meta.timer:g} s" if session.meta.timer else "no timer"
    tail = f"  ·  seed {session.meta.seed}  ·  {timer}  ·  {session.store.path.name}"
    return Content.assemble(literal(session.graph.scenario.title, "bold", one_line=True), (tail, "dim"))


def log_text(session: GameSession) -> Content:
    """The last events in words, newest last."""
    events = [e for e in session.events if e.kind not in ("started", "timer_started")][-LOG_LINES:]
    lines = [Content.styled("Game log", "bold")]
    lines += [Content.assemble((f"T{e.turn} ", "dim"), literal(session.describe(e))) for e in events]
    if not events:
        lines.append(Content.styled("No move yet.", "dim italic"))
    return Content("\n").join(lines)


def options_title(session: GameSession) -> Content:
    if session.kind == NodeKind.DECISION:
        return Content.assemble(literal(session.banner, one_line=True), f": {GAME.key('choose')}, then the rationale")
    if session.kind == NodeKind.CHANCE:
        return Content(f"Chance — the facilitator rolls the dice: {GAME.key('roll')}")
    return Content(f"Game over — {GAME.key('debrief')}: the debrief")


class GameOptions(OptionsPanel):
    """The explorer's options list, titled for the game (who decides, or who rolls)."""

    def __init__(self, session: GameSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def show(self, walk: Any, *args: Any, **kwargs: Any) -> None:
        super().show(walk, *args, **kwargs)
        self.border_title = options_title(self.session)


class PlayScreen(Screen[None]):
    """A game in progress on the shared screen; the facilitator holds the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = GAME.bindings(Scope.PLAY)

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self._expired_turn: int | None = None
        self._debriefed_at: int | None = None
        self._tick_error = ""

    @property
    def graph(self) -> Any:
        return self.session.graph

    def compose(self) -> ComposeResult:
        yield Static(title_bar(self.session), id="title-bar")
        yield Banner(self.session, id="banner")
        yield Breadcrumbs(self.graph, id="crumbs")
        with Horizontal(id="body"):
            with Vertical(id="centre"):
                yield NodePanel(self.graph, id="node")
                yield GameOptions(self.session, id="options")
            with Vertical(id="side") as side:
                side.border_title = "State"
                yield MetricsPanel(self.graph, id="metrics")
                with VerticalScroll(id="game-log-box"):
                    yield Static(id="game-log")
        yield Footer()

    def on_mount(self) -> None:
        self.show_game()
        self.query_one(OptionsPanel).focus()
        self.set_interval(TICK, self.tick)

    # --- drawing -------------------------------------------------------------------------
    def show_game(self) -> None:
        """Redraw everything from the session; start this turn's timer when one is set."""
        session = self.session
        if session.meta.timer and not session.finished:
            self._act(session.start_timer)
        walk = session.state.walk
        with self.app.batch_update():
            self.query_one(Banner).show(session.timer_remaining())
            self.query_one(NodePanel).show(walk)
            self.query_one(GameOptions).show(walk)
            self.query_one(MetricsPanel).show(session.metrics, walk.last_change())
            self.query_one(Breadcrumbs).show(walk.history)
            self.query_one("#game-log", Static).update(log_text(session))
        box = self.query_one("#game-log-box", VerticalScroll)
        self.call_after_refresh(box.scroll_end, animate=False)
        if session.finished and self._debriefed_at != session.turn:
            self._debriefed_at = session.turn
            self.action_debrief()

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
            self.notify(printable(f"Time is up: {session.banner.removesuffix(' decides')}, decide now."),
                        title="Turn timer", severity="warning", timeout=8, markup=False)
        self.query_one(Banner).show(remaining)

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

    @work(group="dialog")
    async def action_choose(self, number: int) -> None:
        """Option `number` for the deciding actor, then the team's rationale (or its skip)."""
        session, key = self.session, GAME.key
        if session.kind != NodeKind.DECISION:
            self.refuse(f"the game is over: {key('debrief')} shows the debrief" if session.finished
                        else f"no one decides here: the facilitator rolls the dice ({key('roll')})")
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

    @work(group="dialog")
    async def action_roll(self) -> None:
        """The facilitator rolls the dice; the class sees them, and the result may be overridden."""
        session = self.session
        if session.kind != NodeKind.CHANCE:
            self.refuse("the dice are rolled only at chance nodes" + ("" if session.finished else
                        f": here {session.banner.removesuffix(' decides')} decides ({GAME.key('choose')})"))
            return
        node_title = session.node.title
        record = self._move(lambda: session.roll(turn=session.turn))
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
        last = session.state.last_roll()
        if last is None:
            self.refuse("there is no roll to override: the last move was not a roll")
            return
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
        choices = [(node_id, f"{node.title} ({node_id})") for node_id, node in self.graph.scenario.nodes.items()]
        title = Content("Inject: move the game to any node (the metrics are kept)")
        choice = await self.app.push_screen_wait(ChoicePrompt(title, choices, filtered=True, what="node"))
        if choice is not None:
            self._move(lambda: session.inject(choice.key, choice.reason, turn=turn))

    @work(group="dialog")
    async def action_undo(self) -> None:
        """The facilitator takes the last move back, with a reason."""
        session, turn = self.session, self.session.turn
        if not session.entries:
            self.refuse("there is nothing to undo: the game is at its start")
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
            self.refuse("no actor is deciding now: briefings are shown at decisions")

    def action_join_codes(self) -> None:
        from explorer.tui.game.join_codes import JoinCodesScreen

        codes = self._act(self.session.store.join_codes)
        if codes is not None:
            self.app.push_screen(JoinCodesScreen(codes, str(self.session.store.path)))

    def action_debrief(self) -> None:
        from explorer.tui.game.debrief import DebriefScreen

        self.app.push_screen(DebriefScreen(self.session))

    def action_crumb(self, steps: int) -> None:
        self.refuse(f"a game does not go back by clicking: the facilitator undoes the last move ({GAME.key('undo')})")

    @on(OptionsPanel.Chosen)
    def _option_chosen(self, event: OptionsPanel.Chosen) -> None:
        if self.session.kind == NodeKind.CHANCE:
            self.refuse(f"the facilitator rolls the dice here ({GAME.key('roll')}); picking a result is an override "
                        "after the roll")
        else:
            self.action_choose(event.index + 1)
