"""`game_view(session)`: the `GameView` of the session's viewer — the facilitator, a team, or the
shared screen. Build a new one after every refresh; a screen shows nothing else."""

from __future__ import annotations

from itertools import groupby

from explorer.format.models import NodeKind
from explorer.format.probability_words import describe as describe_probability
from explorer.game import commitment, privacy
from explorer.game.answers import Act
from explorer.game.estimates import option_estimates
from explorer.game.events import Decided
from explorer.game.privacy import Context, Viewer
from explorer.game.session import MAX_TEXT, GameSession
from explorer.game.state import Entry
from explorer.game.teams import team_title
from explorer.game.view_cache import ViewCache
from explorer.game.view_models import (
    GameView,
    Indicators,
    InjectLine,
    MetricValue,
    Odds,
    OrderLine,
    OwnDecision,
    PrivateNote,
    RationaleBox,
    RevealView,
    Signpost,
    WhiteCell,
)
from explorer.game.view_parts import (
    arguments,
    bulletins,
    forecast_view,
    indicators,
    last_reveal,
    order_line,
    own_orders,
    reveal_view,
    round_view,
    seat_option,
    taken_posts,
)
from explorer.walk import ActorMoves


def game_view(session: GameSession, *, fresh: bool = False) -> GameView:
    """What the session's seat may see now (see `explorer.game.privacy`). What did not change since
    the last view is taken from the session's `ViewCache`; `fresh`: build every part anew (the view
    is the same either way)."""
    viewer = session.viewer
    cache = (ViewCache() if fresh else session.view_cache).own(session.graph, session.state, viewer)
    ctx = cache.context(session)
    graph, scenario, table = session.graph, session.graph.scenario, session.state.table
    over = session.ended
    deciding = session.kind == NodeKind.DECISION and bool(session.can(Act.DECIDE))
    estimates = option_estimates(session.state.walk) if table.estimates_shown else None
    options = tuple(
        seat_option(graph, o, viewer, ctx, estimate=estimates[o.index] if estimates else None,
                    shown_historical=table.historical_shown)
        for o in session.options()
    ) if deciding else ()
    box = RationaleBox(session.turn, session.actor_name(session.actor),
                       "Why this choice? (a sentence or two; you may skip it)", MAX_TEXT,
                       session.timer_remaining()) if deciding and session.actor else None
    at_round = session.kind == NodeKind.ROUND and not over
    moves = cache.round_moves(session.state.walk) if session.kind == NodeKind.ROUND else None
    rounds = round_view(session, viewer, ctx, moves, _lines(session, cache, moves)) if at_round and moves is not None else None
    your_move = (deciding and (viewer.team is not None or session.to_move == session.seat)) or bool(
        rounds and any(form.current is None for form in rounds.forms))
    odds = tuple(
        Odds(graph.actions(session.node_id)[i].option.label, p, describe_probability(p))
        for i, p in session.odds().items()
    ) if session.kind == NodeKind.CHANCE and not over and table.estimates_shown else ()
    hidden = privacy.hidden_metrics(viewer, ctx)
    path = tuple(entry.event.seq for entry in session.state.entries)  # the steps taken, by their events
    metrics = scenario.metrics
    teams = session.teams
    mine = teams.members.get(viewer.team, ()) if viewer.team else ()
    return GameView(
        viewer=viewer, scenario_title=scenario.title, team=viewer.team,
        team_title=team_title(viewer.team) if viewer.team else ("Facilitator" if viewer.facilitator else "Shared screen"),
        briefings=tuple(session.briefing(a) for a in (mine if viewer.team else
                                                      scenario.actors if viewer.facilitator else ())),
        turn=session.turn, banner=session.banner, node_id=session.node_id, node_title=session.node.title,
        node_text=session.node.text or "", kind=session.kind,
        private=tuple(PrivateNote(session.actor_name(a), text) for a, text in session.node.private.items()
                      if privacy.sees_actor_secrets(viewer, a, ctx)),
        your_move=your_move, options=options, rationale=box, round=rounds,
        reveal=_reveal(session, viewer, ctx, cache), odds=odds,
        estimates_shown=table.estimates_shown, historical_shown=table.historical_shown,
        metrics=tuple(MetricValue(m, metrics[m].label, None if m in hidden else v, metrics[m].min, metrics[m].max,
                                  m in hidden or (viewer.facilitator and metrics[m].visible_to is not None))
                      for m, v in session.metrics.items()),
        path=tuple(graph.node(n).title for n, _ in groupby(session.state.walk.path)),  # news stays in place
        log=cache.log(session.state.events, viewer, ctx),
        own_decisions=cache.part(("own", path), lambda: _own(session, viewer)),
        indicators=_signposts(session, viewer, ctx, cache, path, moves),
        news=bulletins(session, viewer, ctx), arguments=arguments(session, viewer, ctx),
        forecast=forecast_view(session, viewer), timer_seconds=session.timer_remaining(),
        finished=session.finished, ended=over,
        payoffs=tuple((session.actor_name(a), v) for a, v in session.payoffs().items()),
        last_seq=session.state.last_seq,
        white_cell=_white_cell(session) if viewer.facilitator else None,
        dice_commitment=commitment.short(session.meta.seed),
        dice_seed=session.meta.seed if privacy.sees_seed(viewer, ctx) else None,
    )


def _lines(session: GameSession, cache: ViewCache, moves: tuple[ActorMoves, ...]) -> tuple[OrderLine, ...]:
    orders = session.state.table.orders

    def line(actor: ActorMoves) -> OrderLine:
        order = orders.get(actor.actor)
        key = ("line", actor.actor, order.seq if order is not None else 0, actor.sits_out)
        return cache.part(key, lambda: order_line(session, actor))

    return tuple(line(actor) for actor in moves)


def _signposts(session: GameSession, viewer: Viewer, ctx: Context, cache: ViewCache, path: tuple[int, ...],
               moves: tuple[ActorMoves, ...] | None) -> Indicators:
    """The signpost board, kept while the path, the node and its metrics stay; each step's signposts kept."""

    def taken(entry: Entry) -> list[Signpost]:
        return cache.part(("taken", entry.event.seq, ctx.over), lambda: taken_posts(session, viewer, ctx, entry))

    key = ("signposts", path, session.node_id, session.state.walk.state, ctx.over)
    return cache.part(key, lambda: indicators(session, viewer, ctx, moves=moves, taken_of=taken))


def _reveal(session: GameSession, viewer: Viewer, ctx: Context, cache: ViewCache) -> RevealView | None:
    entry = last_reveal(session)
    if entry is None:
        return None
    return cache.part(("reveal", entry.event.seq, ctx.over), lambda: reveal_view(session, viewer, ctx, entry))


def _own(session: GameSession, viewer: Viewer) -> tuple[OwnDecision, ...]:
    if viewer.team is None:
        return ()
    graph = session.graph
    decided = [
        OwnDecision(e.turn, session.actor_name(e.actor), graph.node(e.node).title, e.body.label, e.body.rationale)
        for e in (x.event for x in session.state.entries)
        if isinstance(e.body, Decided) and e.team == viewer.team
    ]
    ordered = [OwnDecision(*row) for row in own_orders(session, viewer.team)]
    return tuple(sorted(decided + ordered, key=lambda d: d.turn))


def _white_cell(session: GameSession) -> WhiteCell:
    graph = session.graph
    labels = {m: x.label for m, x in graph.scenario.metrics.items()}
    lines = []
    for inject_id, inject in graph.scenario.injects.items():
        fired = sum(1 for e in session.state.entries if getattr(e.event.body, "inject", None) == inject_id)
        everyone = not inject.audience or set(graph.scenario.actors) <= set(inject.audience)
        audience = "everyone" if everyone else ", ".join(session.actor_name(a) for a in inject.audience)
        effects = ", ".join(f"{labels.get(m, m)} {v:+g}" for m, v in inject.effects.items())
        lines.append(InjectLine(inject_id, inject.title, inject.cue or "", audience, effects,
                                graph.node(inject.to).title if inject.to else None, fired, inject.repeatable,
                                session.can(Act.NEWS, inject_id)))
    return WhiteCell(tuple(lines), session.can(Act.CLOSE_ROUND), session.can(Act.NEWS),
                     session.can(Act.OPEN_FORECAST), session.can(Act.CLOSE_FORECAST), session.can(Act.ROLL_ON_MEDIAN))


__all__ = ["GameView", "Viewer", "game_view"]
