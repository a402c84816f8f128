"""What the facilitator does beyond the tree, on the play screen: close a round (entering or confirming
the missing orders), fire injects or send news, rule on argued moves, open and close class
forecasts, show the estimates or the historical marks, end the game. Each asks the session, which
checks every rule; a refusal is shown in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.content import Content

from explorer.format.models import NodeKind
from explorer.game import argue
from explorer.game.answers import Act
from explorer.game.session import GameSession
from explorer.game.session_class import parse_audience, parse_effects
from explorer.tui.classroom.prompts import Field
from explorer.tui.game.keys import GAME
from explorer.tui.game.prompts import GameFormPrompt, TextPrompt
from explorer.tui.literal import literal

FREE_FORM = "free-form"


class WhiteCellActions:
    """Mixed into the play screen, which provides `session`, `_move`, `_allowed`, `refuse`, `app`, `notify`."""

    session: GameSession
    app: Any
    _move: Callable[[Callable[[], Any]], Any]
    _allowed: Callable[..., bool]
    refuse: Callable[[str], None]
    notify: Callable[..., None]

    @work(group="dialog")
    async def action_close_round(self) -> None:
        """Close the round: for each actor without orders, confirm its default move or enter another."""
        session = self.session
        if not self._allowed(Act.CLOSE_ROUND):
            return
        turn, chosen = session.turn, {}
        for actor in session.missing_orders():
            name = session.actor_name(actor.actor)
            choices = [(m.index, f"{m.number}. {m.option.label}" + (" (its default move)" if m.index == actor.default
                                                                   else ""))
                       for m in actor.moves if m.available]
            choices.sort(key=lambda c: c[0] != actor.default)
            filled = await self.app.push_screen_wait(GameFormPrompt(
                Content.assemble("No orders from ", literal(name, one_line=True),
                                 ": confirm its default move, or enter another"), [], choices=choices))
            if filled is None:
                return
            if filled.choice != actor.default:
                chosen[actor.actor] = filled.choice
        self._move(lambda: session.close_round(chosen, turn=turn))

    @work(group="dialog")
    async def action_news(self) -> None:
        """Fire one of the scenario's injects (its cue shown), or send free-form news."""
        session = self.session
        if not self._allowed(Act.NEWS):
            return
        injects = session.graph.scenario.injects
        choices: list[tuple[Any, str]] = [
            (key, f"{inject.title}" + (f" — cue: {inject.cue}" if inject.cue else "")
             + ("" if session.can(Act.NEWS, key) else " (fired)"))
            for key, inject in injects.items()]
        choices.append((FREE_FORM, "Free-form news…"))
        turn = session.turn
        picked = await self.app.push_screen_wait(GameFormPrompt("Fire an inject, or send news", [], choices=choices))
        if picked is None:
            return
        if picked.choice != FREE_FORM:
            inject = picked.choice
            self._move(lambda: session.fire_inject(inject, turn=turn))
            return
        filled = await self.app.push_screen_wait(GameFormPrompt("Free-form news", [
            Field("title", "Headline"), Field("text", "The bulletin (optional)"),
            Field("audience", "For (actor ids or names, commas; empty: everyone)"),
            Field("effects", "Effects (optional), e.g. tension -1, trust +2"),
        ]))
        if filled is None:
            return
        v = filled.values
        self._move(lambda: session.send_news(v["title"], v["text"], audience=parse_audience(session.graph, v["audience"]),
                                             effects=parse_effects(session.graph, v["effects"]), turn=turn))

    @work(group="dialog")
    async def action_rule(self) -> None:
        """Rule on an argued move: by 2d6 against its target, or by decision with a reason."""
        session = self.session
        open_ = [a for a in session.state.table.arguments.values() if a.open]
        if not open_:
            self.refuse("there is no argued move to rule on: the teams argue moves from their seats (a)")
            return
        choices = [(a.body.number, f"#{a.body.number} {session.actor_name(a.body.actor)}: {a.body.action} "
                                   f"({session.argument_odds(a.body.number).words()})") for a in open_]
        picked = await self.app.push_screen_wait(GameFormPrompt("Rule on an argued move", [
            Field("effects", "Effects if it succeeds, e.g. tension -1, trust +2"),
            Field("adjust", f"Move the target by (−{argue.MAX_ADJUSTMENT}…+{argue.MAX_ADJUSTMENT}; empty: 0)"),
            Field("reason", "Reason (needed for a decision or a moved target)"),
        ], choices=choices))
        if picked is None or not self._allowed(Act.RULE, picked.choice):
            return
        number, v, turn = picked.choice, picked.values, session.turn
        how = await self.app.push_screen_wait(GameFormPrompt("How do you rule?", [], choices=[
            ("dice", "Roll 2d6 against the target"), ("yes", "By decision: it succeeds"),
            ("no", "By decision: it fails")]))
        if how is None:
            return
        try:
            adjustment = int(v["adjust"] or 0)
        except ValueError:
            self.refuse("move the target by a whole number from −2 to +2")
            return
        if how.choice == "dice":
            event = self._move(lambda: session.rule_by_dice(number, parse_effects(session.graph, v["effects"]),
                                                            adjustment=adjustment, reason=v["reason"], turn=turn))
        else:
            event = self._move(lambda: session.rule_by_decision(number, how.choice == "yes", v["reason"],
                                                                parse_effects(session.graph, v["effects"]), turn=turn))
        if event is not None:
            check = f" Check it: {argue.check_command(session.meta.seed, number)}" if how.choice == "dice" else ""
            self.notify(session.describe(event) + check, title="Ruling", timeout=12, markup=False)

    def action_forecast(self) -> None:
        """Open a class forecast here, or close the one that is open (its spread is shown)."""
        session = self.session
        if session.state.table.open_forecast is not None:
            if self._allowed(Act.CLOSE_FORECAST):
                self._move(lambda: session.close_forecast(turn=session.turn))
            return
        if self._allowed(Act.OPEN_FORECAST):
            self._move(lambda: session.open_forecast(turn=session.turn))

    @work(group="dialog")
    async def action_forecast_node(self) -> None:
        """Open a class forecast about any node (not an outcome)."""
        session = self.session
        if not self._allowed(Act.OPEN_FORECAST):
            return
        nodes = [(n, f"{node.title} ({n})") for n, node in session.graph.scenario.nodes.items()
                 if node.KIND != NodeKind.OUTCOME]
        picked = await self.app.push_screen_wait(GameFormPrompt("Forecast which node?", [], choices=nodes))
        if picked is not None:
            self._move(lambda: session.open_forecast(picked.choice, turn=session.turn))

    def action_show_estimates(self) -> None:
        self._toggle("estimates", self.session.state.table.estimates_shown)

    def action_show_historical(self) -> None:
        self._toggle("historical", self.session.state.table.historical_shown)

    def _toggle(self, what: str, on: bool) -> None:
        session = self.session
        if self._allowed(Act.SHOW) and self._move(lambda: session.show(what, not on, turn=session.turn)):
            self.notify(f"{'Hidden' if on else 'Shown on every screen'}: the "
                        f"{'analyst estimates' if what == 'estimates' else 'historical marks'} (logged).", timeout=4)

    @work(group="dialog")
    async def action_end(self) -> None:
        """End the game for the debrief: everything sealed is unsealed."""
        session = self.session
        if not self._allowed(Act.END):
            return
        reason = await self.app.push_screen_wait(TextPrompt(
            Content("End the game for the debrief"), "Everything sealed is then shown to all. Why end now?",
            placeholder="out of time…"))
        if reason is not None and self._move(lambda: session.end(reason or None, turn=session.turn)):
            self.notify(f"The game is over — {GAME.key('debrief')}: the debrief.", timeout=6)
