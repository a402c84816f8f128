"""Pieces of a `GameView`: options and moves as a viewer sees them, the round, the reveal, news,
argued moves, the forecast and the indicator board. Each decides here what its viewer may see."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from explorer.format import expressions
from explorer.format.models import NodeKind
from explorer.format.probability_words import describe
from explorer.game import argue, privacy
from explorer.game.answers import Act, no
from explorer.game.class_events import ENTERED_AS_DEFAULT, NewsFired, Ordered, Revealed, Ruled
from explorer.game.narration import effects_text, ruling_text
from explorer.game.privacy import Context, Viewer
from explorer.game.teams import team_title
from explorer.game.view_models import (
    HIDDEN_CHANGE,
    HIDDEN_CONDITION,
    ArgumentView,
    Bulletin,
    CurrentOrder,
    ForecastView,
    Indicators,
    MetricChange,
    OrderForm,
    OrderLine,
    RevealedMove,
    RevealView,
    RoundView,
    SeatOption,
    Signpost,
)
from explorer.graph import ScenarioGraph
from explorer.walk import ActorMoves, OptionView

if TYPE_CHECKING:
    from explorer.game.session import GameSession
    from explorer.game.state import Entry


def seat_option(graph: ScenarioGraph, view: OptionView, viewer: Viewer, ctx: Context, *,
                estimate: float | None, shown_historical: bool) -> SeatOption:
    """An option or a move, with what `viewer` may see of its effects and its lock."""
    hidden = privacy.hidden_metrics(viewer, ctx)
    labels = {m: x.label for m, x in graph.scenario.metrics.items()}
    effects: list[tuple[str, float | None]] = [(labels[m], v) for m, v in view.effects if m not in hidden]
    if any(m in hidden for m, _ in view.effects):
        effects.append((HIDDEN_CHANGE, None))
    reason = view.lock_reason
    if reason is not None and hidden:
        used = {m.name for m in expressions.metrics_used(graph.parsed_requires[view.action.key])}
        if used & hidden:
            reason = HIDDEN_CONDITION
    option = view.action.option
    return SeatOption(view.number, option.label, view.available, reason, tuple(effects), estimate,
                      shown_historical and option.historical, tuple(option.indicators),
                      bool(getattr(option, "covert", False)))


def round_view(session: GameSession, viewer: Viewer, ctx: Context, moves: tuple[ActorMoves, ...] | None = None,
               lines: tuple[OrderLine, ...] | None = None) -> RoundView:
    """The round in progress; `moves`: the walk's `round_moves()`, `lines`: its `order_lines`, when
    the caller has them."""
    graph, walk, table = session.graph, session.state.walk, session.state.table
    from explorer.game.estimates import move_estimates

    moves = walk.round_moves() if moves is None else moves
    lines = order_lines(session, moves) if lines is None else lines
    estimates = move_estimates(walk) if table.estimates_shown else {}
    forms = []
    for actor in moves:
        team = session.teams.team_of(actor.actor)
        mine = (viewer.team is not None and team == viewer.team) or (viewer.facilitator and team is None)
        if not mine or actor.sits_out:
            continue
        order = session.state.order_of(actor.actor)
        given = estimates.get(actor.actor)
        options = tuple(seat_option(graph, m, viewer, ctx, estimate=given[m.index] if given else None,
                                    shown_historical=table.historical_shown) for m in actor.moves)
        current = CurrentOrder(order.move + 1, order.label, order.rationale, order.revision) if order else None
        forms.append(OrderForm(actor.actor, session.actor_name(actor.actor), session.turn, options,
                               None if actor.default is None else actor.default + 1, current))
    node = session.node
    return RoundView(node.title, getattr(node, "turn", None), lines, tuple(forms),
                     sum(1 for line in lines if not line.submitted and not line.sits_out))


def order_lines(session: GameSession, moves: tuple[ActorMoves, ...]) -> tuple[OrderLine, ...]:
    """Who gives each acting actor's orders and whether they are in (public: never what)."""
    return tuple(order_line(session, actor) for actor in moves)


def order_line(session: GameSession, actor: ActorMoves) -> OrderLine:
    order = session.state.order_of(actor.actor)
    return OrderLine(session.actor_name(actor.actor), team_title(session.teams.team_of(actor.actor)),
                     order is not None, bool(order and order.revision > 1), actor.sits_out)


def last_reveal(session: GameSession) -> Entry | None:
    """The entry of the last round revealed on the path."""
    return next((e for e in reversed(session.state.entries) if isinstance(e.event.body, Revealed)), None)


def reveal_view(session: GameSession, viewer: Viewer, ctx: Context, entry: Entry | None = None) -> RevealView | None:
    """The last round revealed on the path (or `entry`'s), as `viewer` may see it."""
    entry = last_reveal(session) if entry is None else entry
    if entry is None:
        return None
    body, step, graph = entry.event.body, entry.step, session.graph
    assert isinstance(body, Revealed)
    moves = []
    for move in body.moves:
        actor = move["actor"]
        secret = bool(move.get("covert")) and not privacy.sees_actor_secrets(viewer, actor, ctx)
        sat_out = move.get("move") is None
        moves.append(RevealedMove(session.actor_name(actor), team_title(session.teams.team_of(actor)),
                                  None if secret or sat_out else move["label"],
                                  None if secret or sat_out else move["move"] + 1, secret, sat_out,
                                  move.get("entered") == ENTERED_AS_DEFAULT))
    hidden = privacy.hidden_metrics(viewer, ctx)
    changes: list[MetricChange] = []
    hidden_change = False
    for metric, before, after in zip(graph.metric_ids, step.before, step.after, strict=True):
        if before == after:
            continue
        if metric in hidden:
            hidden_change = True
        else:
            changes.append(MetricChange(graph.scenario.metrics[metric].label, before, after))
    if hidden_change:
        changes.append(MetricChange(HIDDEN_CHANGE, None, None))
    return RevealView(entry.event.turn, graph.node(step.node_id).title, tuple(moves), body.label, body.rule + 1,
                      graph.node(step.to).title, tuple(changes))


def bulletins(session: GameSession, viewer: Viewer, ctx: Context) -> tuple[Bulletin, ...]:
    """The news this viewer received, oldest first."""
    out = []
    withheld = privacy.hidden_metrics(viewer, ctx)
    from explorer.game.narration import Withheld

    words = Withheld(metrics=withheld, names={m: x.label for m, x in session.graph.scenario.metrics.items()})
    for event in session.state.events:
        body = event.body
        if not isinstance(body, NewsFired) or not privacy.sees_news(viewer, body, ctx):
            continue
        audience = ", ".join(session.actor_name(a) for a in body.audience) if body.audience else "everyone"
        moved = f"; the game moves to “{session.graph.node(body.to).title}”" if body.to in session.graph else ""
        bulletin = Bulletin(event.seq, event.turn, body.title, body.text, audience,
                            effects_text(body.effects, words).strip(" ()") + moved)
        out.append(bulletin)
    return tuple(out)


def arguments(session: GameSession, viewer: Viewer, ctx: Context) -> tuple[ArgumentView, ...]:
    """Every argued move (they are public), with its target as it stands and its ruling."""
    from explorer.game.narration import Withheld

    words = Withheld(metrics=privacy.hidden_metrics(viewer, ctx),
                     names={m: x.label for m, x in session.graph.scenario.metrics.items()})
    out = []
    mine = viewer == session.viewer
    for number, argument in session.state.table.arguments.items():
        body = argument.body
        counters = tuple((team_title(c.team), tuple(getattr(c.body, "reasons", ()))) for c in argument.counters)
        ruling = argument.ruling.body if argument.ruling is not None else None
        out.append(ArgumentView(
            number, team_title(argument.proposal.team), session.actor_name(body.actor), body.action, body.result,
            tuple(body.reasons), counters, session.argument_odds(number).words(),
            ruling_text(ruling, words) if isinstance(ruling, Ruled) else None,
            session.can(Act.COUNTER, number) if mine else no("not this seat"),
            argue.check_command(ruling.seed, number) if isinstance(ruling, Ruled) and ruling.seed is not None
            and privacy.sees_seed(viewer, ctx) else None,
        ))
    return tuple(out)


def forecast_view(session: GameSession, viewer: Viewer) -> ForecastView | None:
    """The open forecast, or else the last one closed (its spread)."""
    table = session.state.table
    forecast = table.open_forecast or next(reversed(table.forecasts.values()), None)
    if forecast is None:
        return None
    body = forecast.body
    closed = forecast.closed.body if forecast.closed is not None else None
    yours = forecast.probabilities(viewer.team) if viewer.team else None
    entered = tuple(team_title(t) for t in forecast.entries)
    spread = tuple((team_title(t), tuple(p)) for t, p in closed.entries.items()) if closed is not None else ()
    show_analyst = closed is not None or table.estimates_shown
    return ForecastView(
        body.number, body.question, tuple(body.branches), forecast.open, tuple(yours) if yours else None, entered,
        spread, tuple(closed.median) if closed is not None else (),
        tuple(body.analyst) if show_analyst and body.analyst is not None else None,
        session.can(Act.FORECAST) if viewer == session.viewer else no("not this seat"),
    )


def indicators(session: GameSession, viewer: Viewer, ctx: Context, *,
               moves: tuple[ActorMoves, ...] | None = None,
               taken_of: Callable[[Entry], Sequence[Signpost]] | None = None) -> Indicators:
    """Signposts of the branches taken so far and of those open from here; `moves`: the round's
    moves, `taken_of(entry)`: a step's `taken_posts`, when the caller has them."""
    graph = session.graph
    taken: list[Signpost] = []
    for entry in session.state.entries:
        taken += taken_posts(session, viewer, ctx, entry) if taken_of is None else taken_of(entry)
    here = session.node.title
    open_: list[Signpost] = []
    if session.kind in (NodeKind.DECISION, NodeKind.CHANCE):
        for action in graph.actions(session.node_id):
            open_ += _posts(here, action.option.label, action.option.indicators)
    elif session.kind == NodeKind.ROUND:
        for actor in session.round_moves() if moves is None else moves:
            for move in actor.moves:
                if move.option.covert and not privacy.sees_actor_secrets(viewer, actor.actor, ctx):
                    continue
                open_ += _posts(here, f"{session.actor_name(actor.actor)}: {move.option.label}", move.option.indicators)
    return Indicators(tuple(taken), tuple(open_))


def taken_posts(session: GameSession, viewer: Viewer, ctx: Context, entry: Entry) -> list[Signpost]:
    """The signposts of one step taken, as `viewer` may see them (covert moves withheld)."""
    graph = session.graph
    step, body = entry.step, entry.event.body
    where = graph.node(step.node_id).title
    taken: list[Signpost] = []
    if isinstance(body, Revealed):
        compiled = graph.round(step.node_id)
        assert compiled is not None and step.play is not None
        for actor, index in zip(step.play.actors, step.play.moves, strict=True):
            if index is None:
                continue
            move = compiled.moves[compiled.actors.index(actor)][index].option
            if getattr(move, "covert", False) and not privacy.sees_actor_secrets(viewer, actor, ctx):
                continue
            taken += _posts(where, f"{session.actor_name(actor)}: {move.label}", move.indicators)
    elif not step.jump and step.index >= 0 and graph.actions(step.node_id):
        option = graph.actions(step.node_id)[step.index].option
        taken += _posts(where, option.label, option.indicators)
    return taken


def _posts(where: str, branch: str, signs: Iterable[str]) -> list[Signpost]:
    signs = tuple(signs)
    return [Signpost(where, branch, signs)] if signs else []


def own_orders(session: GameSession, team: str) -> list[tuple[int, str, str, str, str | None]]:
    """(turn, actor name, round title, move label, rationale) of the team's orders in revealed rounds."""
    actors = set(session.teams.members.get(team, ()))
    revealed = {e.event.turn: e for e in session.state.entries if isinstance(e.event.body, Revealed)}
    latest: dict[tuple[int, str], Ordered] = {}
    for event in session.state.events:
        if isinstance(event.body, Ordered) and event.body.actor in actors and event.turn in revealed:
            latest[(event.turn, event.body.actor)] = event.body
    return [(turn, session.actor_name(actor), session.graph.node(revealed[turn].step.node_id).title, order.label,
             order.rationale) for (turn, actor), order in latest.items()]


def odds_words(p: float) -> str:
    return describe(p)
