"""What a debrief shows, as plain data: the class's path — each step with how it was made, what else
could have been, the odds as the class saw them then, and what the equilibrium would have done at
that very position — the forecasts scored, the moves off the tree, the signposts, the metrics over
the turns, payoffs and the explored part of the tree.

It is built as the shared screen may see it (`explorer.game.privacy`): at the debrief (the game
reached an outcome or the facilitator ended it) that is everything; before, a report of the game
in progress withholds rationales, covert moves, hidden metrics, the analyst's estimates not shown
and the historical marks. The equilibrium comes from an `explorer.game.advice.Advisor` passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from explorer.actions import State
from explorer.format.citation_words import CitedSource, cite
from explorer.format.models import NodeKind
from explorer.game import privacy
from explorer.game.advice import Advice, Advisor
from explorer.game.class_events import ENTERED_AS_DEFAULT, NewsFired, Ordered, Revealed, Ruled
from explorer.game.commitment import commitment
from explorer.game.debrief_parts import (
    HOW,
    OFF_TREE,
    ArgumentSummary,
    EndingOdds,
    ForecastScore,
    Line,
    arguments_of,
    ending_odds,
    forecasts_of,
    historical_line,
    move_numbers,
    news_of,
)
from explorer.game.dice import DiceRoll
from explorer.game.events import Decided, Event, Injected, Overridden, Rolled, TimerExpired, Undone
from explorer.game.privacy import SHARED_VIEW, Context
from explorer.game.state import Entry
from explorer.game.teams import team_title
from explorer.game.view_models import Indicators
from explorer.graph import ScenarioGraph
from explorer.walk import Walk

if TYPE_CHECKING:
    from explorer.game.session import GameSession

__all__ = ["Debrief", "Edge", "Line", "PlayedStep", "Road", "debrief_of", "historical_line", "roads",
           "step_sources"]



@dataclass(frozen=True, slots=True)
class Road:
    """An option at a node of the path, with its odds as the class saw them (when it saw any)."""

    index: int
    label: str
    probability: float | None
    """As recorded when the move was made (renormalised over the available options); None when the
    scenario gives no estimate, or the class was not shown it (a report before the debrief)."""
    lock_reason: str | None
    historical: bool


@dataclass(frozen=True, slots=True)
class RoundMove:
    """One actor's move at a revealed round, as the reader may see it."""

    actor_name: str
    team: str
    label: str | None
    """None: moved in secret (a covert move, before the debrief), or sat the round out."""
    number: int | None
    covert: bool
    """A covert move, shown (at the debrief, or to nobody else before)."""
    secret: bool
    """Moved in secret: the reader may not know the move yet."""
    sat_out: bool
    default: bool
    """No order came: the facilitator confirmed the actor's default move."""
    rationale: str | None
    rationale_withheld: bool
    estimate: float | None = None
    actor: str = ""
    """The actor's id."""


@dataclass(frozen=True, slots=True)
class PlayedStep:
    """One step of the class's path, with how it was made and what else could have been."""

    number: int | None
    """The move's number as the class saw it (1, 2, …); None for news and rulings, told between moves."""
    turn: int
    time: str
    node_id: str
    node_title: str
    kind: NodeKind
    actor: str | None
    actor_name: str
    team: str
    how: str
    """'decided', 'rolled', 'overridden', 'injected', 'revealed', 'news' or 'ruled'."""
    index: int
    label: str
    to: str
    to_title: str
    rationale: str | None = None
    rationale_withheld: bool = False
    reason: str | None = None
    roll: DiceRoll | None = None
    roads: tuple[Road, ...] = ()
    """Every option of the node (the one taken too), in file order."""
    moves: tuple[RoundMove, ...] = ()
    """At a round: every actor's move."""
    before: dict[str, float] = field(default_factory=dict)
    after: dict[str, float] = field(default_factory=dict)
    """The metrics the reader may see (a hidden one changing shows as `hidden_change`)."""
    hidden_change: bool = False
    sources: tuple[CitedSource, ...] = ()
    """What the node and the option taken cite, each with the kind of claim it supports."""
    estimates_shown: bool = False
    """The class was shown the analyst's estimates when it moved here."""
    advice: Advice | None = None
    """What the equilibrium would have done at this position (None: the dice decide, or not analysed)."""
    off_tree: str = ""
    """News or a ruling on an argued move, in words."""
    agrees: bool | None = None
    """The class did what the equilibrium does here (None: nothing to compare)."""

    @property
    def marker(self) -> str:
        """What heads the step: '3.' for the third move; 'News ·' or 'Argued move ·' between moves."""
        if self.number is not None:
            return f"{self.number}."
        return "News ·" if self.how == "news" else "Argued move ·"

    @property
    def taken(self) -> Road | None:
        return next((r for r in self.roads if r.index == self.index), None)

    @property
    def not_taken(self) -> list[Road]:
        return [r for r in self.roads if r.index != self.index]


@dataclass(frozen=True, slots=True)
class Edge:
    """A move made during the game, kept or not."""

    source: str
    target: str
    label: str
    how: str
    kept: bool
    """On the final path."""
    fate: str = ""
    """Why it is not kept: 'undone' or 'overridden'."""


@dataclass
class Debrief:
    """Everything the debrief report and screen show."""

    graph: ScenarioGraph
    title: str
    store: str
    created: str
    seed: int | None
    """None until the debrief (sealed): only its `commitment` is told."""
    timer: float | None
    teams: list[tuple[str, list[str]]]
    facilitator_actors: list[str]
    steps: list[PlayedStep]
    finished: bool
    over: bool
    """The debrief proper: nothing is withheld. False: a report of a game in progress."""
    end: str
    metric_ids: tuple[str, ...]
    """The metrics the reader may see."""
    series: list[dict[str, float]]
    """Those metrics at the start and after every step."""
    payoffs: list[tuple[str, str, float]]
    lines: list[Line]
    """The equilibrium path from the start and the historical path, for reference."""
    interventions: list[str]
    log: list[str]
    explored: list[str]
    edges: list[Edge]
    forecasts: list[ForecastScore] = field(default_factory=list)
    arguments: list[ArgumentSummary] = field(default_factory=list)
    news: list[str] = field(default_factory=list)
    indicators: Indicators | None = None
    analysed: bool = False
    """The equilibrium was worked out (the scenario is small enough, and it was asked for)."""
    commitment: str = ""
    """The commitment to the dice seed, told during the game (`explorer.game.commitment`)."""
    ending_odds: tuple[EndingOdds, ...] = ()
    """At the debrief, with the analysis: each ending's odds from the start (analysts' estimates and
    equilibrium play), the class's and the historical ending marked."""

    @property
    def moves(self) -> int:
        """The moves on the final path (news and rulings, between them, are not moves)."""
        return sum(1 for step in self.steps if step.number is not None)


def debrief_of(session: GameSession, *, advisor: Advisor | None = None) -> Debrief:
    """The debrief of `session`'s game as it stands (finished or not), as the shared screen may see it."""
    from explorer.game.view_parts import indicators

    graph, meta, teams = session.graph, session.meta, session.teams
    ctx = Context.of(session)
    over = ctx.over
    hidden = privacy.hidden_metrics(SHARED_VIEW, ctx)
    visible = tuple(m for m in graph.metric_ids if m not in hidden)
    orders = _orders(session.events)
    steps = [_step(session, n, entry, ctx, orders, advisor if over else None, visible)
             for n, entry in zip(move_numbers(session.entries), session.entries, strict=True)]
    start = {m: v for m, v in session.state.walk.graph.state_dict(graph.initial_state).items() if m in visible}
    series = [start] + [s.after for s in steps]
    if not steps:
        series = [{m: v for m, v in session.metrics.items() if m in visible}]
    names = session.actor_names
    payoffs = [(names[a], team_title(teams.team_of(a)), p) for a, p in session.payoffs().items()]
    lines = [historical_line(graph)] if over else []
    odds: tuple[EndingOdds, ...] = ()
    if over and advisor is not None:
        lines.insert(0, _equilibrium_line(advisor))
        history = lines[-1]
        odds = ending_odds(advisor, session.node_id if session.finished else None,
                           None if history.note else history.end)
    events = session.events
    return Debrief(
        graph, graph.scenario.title, str(session.store.path), meta.created,
        meta.seed if privacy.sees_seed(SHARED_VIEW, ctx) else None, meta.timer,
        [(team_title(t), [names.get(a, a) for a in actors]) for t, actors in teams.members.items()],
        [names[a] for a in teams.unassigned(graph.deciding_actors)], steps, session.finished, over, session.node_id,
        visible, series, payoffs, lines,
        [privacy.describe_for(SHARED_VIEW, e, ctx) for e in events if _intervention(e.body)],
        [privacy.log_line_for(SHARED_VIEW, e, ctx) for e in events], _explored(session), _edges(session),
        forecasts_of(session, over), arguments_of(session, ctx), news_of(session, ctx),
        indicators(session, SHARED_VIEW, ctx), over and advisor is not None, commitment(meta.seed), odds,
    )


def _orders(events: list[Event]) -> dict[tuple[int, str], Event]:
    """(turn, actor) → the last order given, for the rationales of revealed rounds."""
    latest: dict[tuple[int, str], Event] = {}
    for event in events:
        if isinstance(event.body, Ordered):
            latest[(event.turn, event.body.actor)] = event
    return latest


def _step(session: GameSession, number: int, entry: Entry, ctx: Context, orders: dict[tuple[int, str], Event],
          advisor: Advisor | None, visible: tuple[str, ...]) -> PlayedStep:
    graph = session.graph
    step, event, body = entry.step, entry.event, entry.event.body
    node = graph.node(step.node_id)
    how = HOW[type(body)]
    before, after = graph.state_dict(step.before), graph.state_dict(step.after)
    hidden_change = any(before[m] != after[m] for m in before if m not in visible)
    shown = getattr(body, "shown", False)
    advice = advisor.at(step.node_id, step.before) if advisor is not None and how in ("decided", "revealed") else None
    agrees = None
    if advice is not None:
        played = {m["actor"]: m.get("move") for m in body.moves} if isinstance(body, Revealed) else None
        agrees = advice.agrees(step.index if how == "decided" else None, played)
    base = PlayedStep(
        number=number, turn=event.turn, time=event.time, node_id=step.node_id, node_title=node.title,
        kind=node.KIND, actor=node.actor, actor_name=session.actor_name(node.actor),
        team=team_title(session.teams.team_of(node.actor)) if node.actor else "Facilitator", how=how,
        index=step.index, label=step.label, to=step.to, to_title=graph.node(step.to).title,
        before={m: v for m, v in before.items() if m in visible}, after={m: v for m, v in after.items() if m in visible},
        hidden_change=hidden_change, estimates_shown=bool(shown),
        advice=advice, agrees=agrees,
    )
    if how == "injected":
        return replace(base, label=f"inject: {graph.node(step.to).title}", reason=body.reason,
                       sources=step_sources(graph, step.node_id, None))
    if how in OFF_TREE:
        words = privacy.describe_for(SHARED_VIEW, event, ctx)
        return replace(base, off_tree=words)
    if how == "revealed":
        return replace(base, moves=_round_moves(session, event, body, ctx, orders),
                       sources=step_sources(graph, step.node_id, None))
    withheld = isinstance(body, Decided) and body.rationale is not None and not privacy.sees_rationale(
        SHARED_VIEW, event, ctx)
    recorded = body.estimates if isinstance(body, Decided) else None
    if entry.roll is not None:
        recorded = [entry.roll.odds.get(i) for i in range(len(graph.actions(step.node_id)))]
    show_odds = ctx.over or shown or entry.roll is not None
    return replace(
        base,
        rationale=None if withheld or not isinstance(body, Decided) else body.rationale,
        rationale_withheld=withheld,
        reason=body.reason if isinstance(body, Overridden) else None,
        roll=entry.roll.sealed_for(privacy.sees_seed(SHARED_VIEW, ctx)) if entry.roll is not None else None,
        roads=roads(graph, step.node_id, step.before, recorded if show_odds else [], ctx.over),
        sources=step_sources(graph, step.node_id, step.index),
    )


def _round_moves(session: GameSession, event: Event, body: Revealed, ctx: Context,
                 orders: dict[tuple[int, str], Event]) -> tuple[RoundMove, ...]:
    out = []
    for move in body.moves:
        actor = move["actor"]
        secret = bool(move.get("covert")) and not privacy.sees_actor_secrets(SHARED_VIEW, actor, ctx)
        order = orders.get((event.turn, actor))
        withheld = order is not None and isinstance(order.body, Ordered) and order.body.rationale is not None and (
            not privacy.sees_rationale(SHARED_VIEW, order, ctx))
        rationale = order.body.rationale if order is not None and isinstance(order.body, Ordered) and not withheld else None
        given = body.estimates.get(actor) if (ctx.over or body.shown) else None
        estimate = given[move["move"]] if given and move.get("move") is not None and not secret else None
        out.append(RoundMove(session.actor_name(actor), team_title(session.teams.team_of(actor)),
                             None if secret or move.get("move") is None else move["label"],
                             None if secret or move.get("move") is None else move["move"] + 1,
                             bool(move.get("covert")) and not secret, secret, move.get("move") is None,
                             move.get("entered") == ENTERED_AS_DEFAULT,
                             rationale, withheld, estimate, actor))
    return tuple(out)


def roads(graph: ScenarioGraph, node_id: str, state: State, recorded: list[float | None] | None = None,
          historical: bool = True) -> tuple[Road, ...]:
    """Every option of `node_id` in `state`, with locks; their odds as `recorded` when the move was
    made (an empty list: none shown), else as a walk there computes them (games from before they
    were recorded)."""
    walk = Walk(graph, seed=0, node_id=node_id, state=state)
    views = walk.options()
    if recorded is None:
        estimated = walk.kind == NodeKind.CHANCE or any(v.option.probability for v in views)
        odds = walk.odds() if estimated else {}
        recorded = [odds.get(v.index, 0.0 if estimated else None) for v in views]
    return tuple(Road(v.index, v.option.label, recorded[v.index] if v.index < len(recorded) else None, v.lock_reason,
                      historical and v.option.historical) for v in views)


def step_sources(graph: ScenarioGraph, node_id: str, index: int | None) -> tuple[CitedSource, ...]:
    """The citations of a node and, when one was taken, of its option `index`."""
    node = graph.node(node_id)
    citations = list(node.sources)
    if index is not None and 0 <= index < len(node.options):
        citations += node.options[index].sources
    return tuple(cite(graph.scenario.sources, c) for c in citations)


def _equilibrium_line(advisor: Advisor) -> Line:
    steps = []
    for s in advisor.analysis.eq_path:
        if s.option is None:
            continue
        if s.moves:
            steps.append("; ".join(_move_words(advisor.graph, s.node_id, a, m) for a, m in s.moves) + f" → {s.label}")
        else:
            steps.append(s.label or "")
    end = advisor.analysis.eq_path[-1].node_id if advisor.analysis.eq_path else advisor.graph.start
    return Line("Equilibrium from the start", tuple(steps), end)


def _move_words(graph: ScenarioGraph, node_id: str, actor: str, move_id: str) -> str:
    """'DPRK: Sign a phased deal': an actor's short name and its move's label at a round."""
    who = graph.scenario.actors[actor]
    moves = getattr(graph.node(node_id), "moves", {}).get(actor, ())
    label = next((m.label for m in moves if m.id == move_id), move_id)
    return f"{who.short or who.name}: {label}"


def _intervention(body: object) -> bool:
    skipped = isinstance(body, Decided) and body.rationale is None
    defaulted = isinstance(body, Ordered) and body.entered != "team"
    return skipped or defaulted or isinstance(body, (Overridden, Injected, Undone, TimerExpired, NewsFired, Ruled))


def _explored(session: GameSession) -> list[str]:
    seen = [session.graph.start]
    for edge in _edges(session):
        for node_id in (edge.source, edge.target):
            if node_id not in seen:
                seen.append(node_id)
    return seen


def _edges(session: GameSession) -> list[Edge]:
    kept = {entry.event.seq for entry in session.entries}
    edges: list[Edge] = []
    for event in session.events:
        body = event.body
        source = event.node
        if isinstance(body, Overridden) and edges and edges[-1].how == "roll":
            source = edges[-1].source  # the override replaces the roll made there
            edges[-1] = replace(edges[-1], kept=False, fate="overridden")
        if isinstance(body, NewsFired) and not body.to:
            continue
        if isinstance(body, (Decided, Rolled, Overridden, Injected, Revealed, NewsFired)):
            label = {Injected: lambda b: f"inject: {b.reason}", NewsFired: lambda b: f"news: {b.title}"}.get(
                type(body), lambda b: b.label)(body)  # type: ignore[no-untyped-call]
            kept_here = event.seq in kept
            edges.append(Edge(source, body.to, label, event.kind, kept_here, "" if kept_here else "undone"))
    return edges

