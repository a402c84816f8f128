"""Who may do what, and when: every rule of a classroom game, answered in words.

`answer(session, act, target)` is what `GameSession.can` returns and what every action checks
(under the store's write lock, against everything committed). Screens ask it to say why a key does
nothing now; they never check a rule themselves.
"""

from __future__ import annotations

from typing import Any, Protocol

from explorer.format.models import NodeKind
from explorer.game.answers import YES, Act, Answer, no
from explorer.game.class_state import Forecast
from explorer.game.events import FACILITATOR
from explorer.game.privacy import SHARED
from explorer.game.state import GameState
from explorer.game.teams import Teams
from explorer.graph import ScenarioGraph
from explorer.walk import ActorMoves


class SessionCore(Protocol):
    """What the rules read from a game session (`explorer.game.session_core.SessionCore`)."""

    seat: str
    graph: ScenarioGraph
    state: GameState

    @property
    def teams(self) -> Teams: ...

    @property
    def ended(self) -> bool: ...

    @property
    def finished(self) -> bool: ...

    @property
    def kind(self) -> NodeKind: ...

    @property
    def node_id(self) -> str: ...

    @property
    def banner(self) -> str: ...

    @property
    def to_move(self) -> str: ...

    def actor_name(self, actor: str | None) -> str: ...

    def round_moves(self) -> tuple[ActorMoves, ...]: ...

    def options(self) -> list[Any]: ...


def answer(session: SessionCore, act: Act, target: str | int | None = None) -> Answer:
    """May `session`'s seat do `act` now (to `target`: an actor, an argument or an inject)?"""
    if session.seat == SHARED:
        return no("the shared screen shows the game; it cannot act")
    if session.ended and not (act in (Act.UNDO, Act.OVERRIDE) and session.state.table.ended is None):
        return no("the game is over: the debrief shows everything" if session.finished
                  else "the facilitator ended the game for the debrief")
    check = _RULES.get(act)
    return check(session, target) if check else YES


def _facilitator(session: SessionCore, what: str) -> Answer:
    return YES if session.seat == FACILITATOR else no(f"only the facilitator may {what}")


def _decide(s: SessionCore, _: object) -> Answer:
    if s.kind == NodeKind.ROUND:
        return no("at a round every team gives orders (and the facilitator for the actors no team plays)")
    if s.kind != NodeKind.DECISION:
        return no("no one decides here: the facilitator rolls the dice")
    if s.seat not in (FACILITATOR, s.to_move):
        return no(f"it is not your turn: {s.banner}")
    return YES


def _roll(s: SessionCore, _: object) -> Answer:
    who = _facilitator(s, "roll the dice")
    if not who:
        return who
    return YES if s.kind == NodeKind.CHANCE else no("the dice are rolled only at chance nodes")


def _override(s: SessionCore, _: object) -> Answer:
    who = _facilitator(s, "override a roll")
    if not who:
        return who
    return YES if s.state.last_roll() is not None else no("there is no roll to override: the last move was not a roll")


def between_positions(s: SessionCore, what: str) -> Answer:
    """Injects, jumps and rulings happen between positions, never while a round's orders are half in."""
    if s.kind == NodeKind.ROUND and s.state.table.orders:
        done = len(s.state.table.orders)
        return no(f"{done} order(s) are in for this round: {what} before the first order or after the reveal")
    return YES


def _jump(s: SessionCore, _: object) -> Answer:
    return _facilitator(s, "move the game") and between_positions(s, "move the game")


def _undo(s: SessionCore, _: object) -> Answer:
    who = _facilitator(s, "undo")
    if not who:
        return who
    return YES if s.state.entries else no("there is nothing to undo: the game is at its start")


def _order(s: SessionCore, actor: object) -> Answer:
    if s.kind != NodeKind.ROUND:
        return no("orders are given at a round; " + ("the dice decide here" if s.kind == NodeKind.CHANCE
                                                     else f"here {s.banner}"))
    moves = {m.actor: m for m in s.round_moves()}
    if not isinstance(actor, str) or actor not in moves:
        return no(f"{s.actor_name(actor if isinstance(actor, str) else None) or 'that actor'} does not move in this round")
    if moves[actor].sits_out:
        return no(f"{s.actor_name(actor)} has no move it can make in this round: it sits the round out")
    team = s.teams.team_of(actor)
    if s.seat == FACILITATOR:
        return YES if team is None else no(
            f"{s.actor_name(actor)} is played by {team}: they give its orders (when the round closes, the "
            "facilitator enters or confirms the missing ones)")
    return YES if team == s.seat else no(f"{s.actor_name(actor)} is not your team's actor")


def _close_round(s: SessionCore, _: object) -> Answer:
    who = _facilitator(s, "close the round")
    if not who:
        return who
    return YES if s.kind == NodeKind.ROUND else no("there is no round to close here")


def _news(s: SessionCore, inject: object) -> Answer:
    who = _facilitator(s, "fire an inject") and between_positions(s, "fire an inject")
    if not who or inject is None:
        return who
    found = s.graph.scenario.injects.get(str(inject))
    if found is None:
        return no(f"there is no inject '{inject}' in this scenario")
    fired = sum(1 for e in s.state.entries if getattr(e.event.body, "inject", None) == inject)
    if fired and not found.repeatable:
        return no(f"“{found.title}” has been fired already (it is not repeatable)")
    return YES


def _argue(s: SessionCore, actor: object) -> Answer:
    if not isinstance(actor, str) or actor not in s.graph.scenario.actors:
        return no("argue a move for one of your actors")
    team = s.teams.team_of(actor)
    if s.seat == FACILITATOR:
        return YES if team is None else no(f"{s.actor_name(actor)} is played by {team}: they argue its moves")
    return YES if team == s.seat else no(f"{s.actor_name(actor)} is not your team's actor")


def _counter(s: SessionCore, number: object) -> Answer:
    argument = s.state.table.arguments.get(number) if isinstance(number, int) else None
    if argument is None:
        return no(f"there is no argued move #{number}")
    if not argument.open:
        return no(f"argued move #{number} has been ruled on already")
    if s.seat == FACILITATOR:
        return no("counter-arguments come from the teams; the facilitator rules")
    if argument.proposal.team == s.seat:
        return no("your team argued this move: another team may counter it")
    if any(c.team == s.seat for c in argument.counters):
        return no(f"your team has countered argued move #{number} already")
    return YES


def _rule(s: SessionCore, number: object) -> Answer:
    who = _facilitator(s, "rule on an argued move") and between_positions(s, "rule on an argued move")
    if not who:
        return who
    argument = s.state.table.arguments.get(number) if isinstance(number, int) else None
    if argument is None:
        return no(f"there is no argued move #{number}")
    return YES if argument.open else no(f"argued move #{number} has been ruled on already")


def _open_forecast(s: SessionCore, node: object) -> Answer:
    who = _facilitator(s, "open a forecast")
    if not who:
        return who
    if s.state.table.open_forecast is not None:
        return no(f"forecast #{s.state.table.open_forecast.body.number} is still open: close it first")
    node_id = node if isinstance(node, str) else s.node_id
    if node_id not in s.graph:
        return no(f"there is no node '{node_id}'")
    if s.graph.kind(node_id) == NodeKind.OUTCOME:
        return no(f"“{s.graph.node(node_id).title}” is an outcome: there is nothing to forecast there")
    return YES


def _forecast(s: SessionCore, _: object) -> Answer:
    if s.state.table.open_forecast is None:
        return no("no forecast is open: the facilitator opens one")
    return YES if s.seat != FACILITATOR else no("forecasts come from the teams; the facilitator closes them")


def _close_forecast(s: SessionCore, _: object) -> Answer:
    who = _facilitator(s, "close the forecast")
    if not who:
        return who
    return YES if s.state.table.open_forecast is not None else no("no forecast is open")


def _roll_on_median(s: SessionCore, _: object) -> Answer:
    who = _roll(s, None)
    if not who:
        return who
    forecast = last_forecast_here(s)
    if forecast is None:
        return no("no closed forecast of this chance node: open one (and close it) to roll on the class median")
    return YES


def last_forecast_here(s: SessionCore) -> Forecast | None:
    """The latest closed forecast of the current node with at least one team's entry, or None."""
    for forecast in reversed(s.state.table.forecasts.values()):
        body = forecast.closed.body if forecast.closed is not None else None
        if forecast.body.node == s.node_id and body is not None and getattr(body, "median", None):
            return forecast
    return None


_RULES = {
    Act.DECIDE: _decide, Act.ROLL: _roll, Act.OVERRIDE: _override, Act.JUMP: _jump, Act.UNDO: _undo,
    Act.ORDER: _order, Act.CLOSE_ROUND: _close_round, Act.NEWS: _news, Act.ARGUE: _argue, Act.COUNTER: _counter,
    Act.RULE: _rule, Act.OPEN_FORECAST: _open_forecast, Act.FORECAST: _forecast, Act.CLOSE_FORECAST: _close_forecast,
    Act.ROLL_ON_MEDIAN: _roll_on_median,
    Act.SHOW: lambda s, _: _facilitator(s, "show the estimates or the historical marks"),
    Act.END: lambda s, _: _facilitator(s, "end the game"),
}
