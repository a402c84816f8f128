"""A round in a game: sealed orders, the close, and the reveal.

At a round every team gives one order per actor it plays (a move and its rationale), and may change
it until the round closes; the facilitator gives the orders of the actors no team plays. When the
last order is in, the same transaction closes the round and reveals it: every actor's move, the
rule that fired, and the game moves on. The facilitator may close the round earlier (after the
timer ran out, say): each missing order is then the actor's `default` move, or the move the
facilitator enters for it, logged as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.game.answers import Act
from explorer.game.class_events import (
    ENTERED_AS_DEFAULT,
    ENTERED_BY_FACILITATOR,
    ENTERED_BY_TEAM,
    Ordered,
    Revealed,
    RoundClosed,
)
from explorer.game.errors import MoveRefused
from explorer.game.estimates import move_estimates
from explorer.game.events import FACILITATOR, Event
from explorer.game.session_core import SessionCore, clean_text
from explorer.game.store import Draft
from explorer.walk import ActorMoves, WalkError

ALL_IN = "all orders in"
BY_FACILITATOR = "closed by the facilitator"
AFTER_TIMER = "closed after the timer ran out"


@dataclass(frozen=True, slots=True)
class OrderStatus:
    """One actor of the round in progress: who gives its orders and whether they are in (not what)."""

    actor: str
    team: str | None
    """The team that plays it; None: the facilitator."""
    submitted: bool
    revision: int
    """How many times its orders were given (0: not yet)."""
    sits_out: bool


class RoundActions(SessionCore):
    """Orders, the close and the reveal of the round the game is at."""

    def order_status(self) -> tuple[OrderStatus, ...]:
        """Every actor of the round in progress, in the round's order (empty away from a round)."""
        table = self.state.table
        out = []
        for actor in self.round_moves():
            order = self.state.order_of(actor.actor)
            out.append(OrderStatus(actor.actor, self.teams.team_of(actor.actor), order is not None,
                                   order.revision if order else 0, actor.sits_out))
        del table
        return tuple(out)

    def missing_orders(self) -> tuple[ActorMoves, ...]:
        """The round's acting actors with no order yet (each with its moves and its default)."""
        return tuple(a for a in self.round_moves() if not a.sits_out and self.state.order_of(a.actor) is None)

    def submit_order(self, actor: str, move: int, rationale: str | None, *, turn: int | None = None) -> Event:
        """Give (or change) `actor`'s order: its move `move` (0-based) with a rationale (None or blank:
        a logged skip). When it is the last order missing, the round closes and is revealed at once."""

        def build() -> list[Draft]:
            self._require(self.can(Act.ORDER, actor))
            moves = {a.actor: a for a in self.round_moves()}[actor]
            if not 0 <= move < len(moves.moves):
                raise MoveRefused(f"{self.actor_name(actor)} has no move {move + 1} here (moves 1–{len(moves.moves)})")
            view = moves.moves[move]
            if not view.available:
                raise MoveRefused(f"move {move + 1} is locked: {view.lock_reason}")
            before = self.state.order_of(actor)
            entered = ENTERED_BY_FACILITATOR if self.seat == FACILITATOR else ENTERED_BY_TEAM
            body = Ordered(actor, move, view.option.id, view.option.label, clean_text(rationale, "rationale") or None,
                           entered, (before.revision + 1) if before else 1)
            drafts = [self._draft(body, team=self.teams.team_of(actor), actor=actor)]
            orders = {a: o for a, o in self._orders().items()}
            orders[actor] = body
            if all(a.sits_out or a.actor in orders for a in self.round_moves()):
                drafts += self._reveal(orders, ALL_IN, [])
            return drafts

        return self._write(turn, build)[0]

    def close_round(self, choices: Mapping[str, int] | None = None, *, turn: int | None = None) -> Event:
        """The facilitator closes the round: each actor without an order gets the move `choices` gives
        it (entered by the facilitator) or else its `default` move (confirmed); then the reveal.
        Returns the reveal event."""
        chosen = dict(choices or {})

        def build() -> list[Draft]:
            self._require(self.can(Act.CLOSE_ROUND))
            missing = self.missing_orders()
            unknown = [a for a in chosen if a not in {m.actor for m in missing}]
            if unknown:
                raise MoveRefused(f"{self.actor_name(unknown[0])} has its orders in already, or does not move here")
            orders = self._orders()
            drafts = []
            for actor in missing:
                index = chosen.get(actor.actor, actor.default)
                assert index is not None
                if not 0 <= index < len(actor.moves) or not actor.moves[index].available:
                    raise MoveRefused(f"{self.actor_name(actor.actor)} cannot make move {index + 1} here")
                view = actor.moves[index]
                entered = ENTERED_BY_FACILITATOR if actor.actor in chosen else ENTERED_AS_DEFAULT
                body = Ordered(actor.actor, index, view.option.id, view.option.label, None, entered, 1)
                orders[actor.actor] = body
                drafts.append(self._draft(body, team=self.teams.team_of(actor.actor), actor=actor.actor))
            timer = self.state.timer
            how = AFTER_TIMER if timer is not None and timer.expired else BY_FACILITATOR
            return drafts + self._reveal(orders, how, [a.actor for a in missing])

        return self._write(turn, build)[-1]

    def _orders(self) -> dict[str, Ordered]:
        return {a: body for a in self.state.table.orders if (body := self.state.order_of(a)) is not None}

    def _reveal(self, orders: Mapping[str, Ordered], how: str, missing: list[str]) -> list[Draft]:
        """The close and the reveal of the round with `orders`, resolved on a scratch walk."""
        walk = self.state.scratch()
        estimates = move_estimates(walk)
        try:
            step = walk.resolve({a: o.move for a, o in orders.items()})
        except WalkError as exc:
            raise MoveRefused(str(exc)) from None
        assert step.play is not None
        compiled = self.graph.round(self.node_id)
        assert compiled is not None
        moves = []
        for actor, index in zip(step.play.actors, step.play.moves, strict=True):
            order = orders.get(actor)
            move = compiled.moves[compiled.actors.index(actor)][index].option if index is not None else None
            moves.append({"actor": actor, "move": index, "move_id": getattr(move, "id", None),
                          "label": getattr(move, "label", None), "covert": bool(getattr(move, "covert", False)),
                          "entered": order.entered if order else None})
        rule = compiled.rules[step.index]
        body = Revealed(moves, step.index, rule.rule.id, step.label, step.to, estimates,
                        self.state.table.estimates_shown and bool(estimates))
        return [self._draft(RoundClosed(how, missing)), self._draft(body, state=step.after)]
