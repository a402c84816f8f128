"""What a debrief shows, as plain data: the class's path and the roads not taken, other paths
through the tree to set beside it, metrics over the turns, payoffs and the explored part.

The equilibrium and most-likely paths come from the analysis layer through `PathSource`
functions passed in; this module does no solving of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from explorer.actions import State
from explorer.format.citation_words import CitedSource, cite
from explorer.format.models import NodeKind
from explorer.game.dice import DiceRoll
from explorer.game.events import Decided, Injected, Overridden, Rolled, TimerExpired, Undone
from explorer.game.narration import log_line
from explorer.game.state import Entry
from explorer.game.teams import team_title
from explorer.graph import ScenarioGraph
from explorer.walk import Walk

if TYPE_CHECKING:
    from explorer.game.session import GameSession

PathSource = Callable[[ScenarioGraph], Sequence[tuple[str, int]]]
"""A path from the start: (node id, option index) pairs, e.g. the equilibrium path of an analysis."""


@dataclass(frozen=True, slots=True)
class Road:
    """An option at a node of the path, with its odds where the scenario gives them."""

    index: int
    label: str
    probability: float | None
    """Renormalised over the available options; None at a decision without estimates."""
    lock_reason: str | None
    historical: bool


@dataclass(frozen=True, slots=True)
class PlayedStep:
    """One step of the class's path, with how it was made and what else could have been."""

    number: int
    turn: int
    time: str
    node_id: str
    node_title: str
    kind: NodeKind
    actor: str | None
    actor_name: str
    team: str
    how: str
    """'decided', 'rolled', 'overridden' or 'injected'."""
    index: int
    label: str
    to: str
    to_title: str
    rationale: str | None = None
    reason: str | None = None
    roll: DiceRoll | None = None
    roads: tuple[Road, ...] = ()
    """Every option of the node (the one taken too), in file order."""
    before: dict[str, float] = field(default_factory=dict)
    after: dict[str, float] = field(default_factory=dict)
    sources: tuple[CitedSource, ...] = ()
    """What the node and the option taken cite, each with the kind of claim it supports."""

    @property
    def taken(self) -> Road | None:
        return next((r for r in self.roads if r.index == self.index), None)

    @property
    def not_taken(self) -> list[Road]:
        return [r for r in self.roads if r.index != self.index]


@dataclass(frozen=True, slots=True)
class Line:
    """A path through the tree to compare with the class's."""

    name: str
    moves: tuple[tuple[str, int], ...]
    """(node id, option index); index -1 is the facilitator's inject to the next node."""
    end: str
    note: str = ""


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
    seed: int
    timer: float | None
    teams: list[tuple[str, list[str]]]
    facilitator_actors: list[str]
    steps: list[PlayedStep]
    finished: bool
    end: str
    series: list[dict[str, float]]
    """The metrics at the start and after every step."""
    payoffs: list[tuple[str, str, float]]
    """(actor name, who played it, payoff) at the final outcome; empty while the game is on."""
    lines: list[Line]
    interventions: list[str]
    log: list[str]
    explored: list[str]
    edges: list[Edge]


def analysis_sources(graph: ScenarioGraph) -> dict[str, PathSource]:
    """`equilibrium` and `most_likely` (under the analyst's estimates) from `explorer.analysis`.

    Empty when the scenario is too large to solve; the report then says they were not computed.
    """
    from explorer.analysis.summary import analyse
    from explorer.analysis.unfolding import UnfoldingTooLarge

    try:
        result = analyse(graph)
    except UnfoldingTooLarge:
        return {}
    eq = [(s.node_id, s.option) for s in result.eq_path if s.option is not None]
    likely = [(s.node_id, s.option) for s in result.likely_path if s.option is not None]
    return {"equilibrium": lambda _graph: eq, "most_likely": lambda _graph: likely}


def debrief_of(session: GameSession, *, equilibrium: PathSource | None = None,
          most_likely: PathSource | None = None) -> Debrief:
    """The debrief of `session`'s game as it stands (finished or not).

    `equilibrium` and `most_likely` give the paths to set beside the class's (see
    `analysis_sources`); without them the report says they were not computed.
    """
    graph, meta, teams = session.graph, session.meta, session.teams
    names = {a: actor.name for a, actor in graph.scenario.actors.items()}
    steps = [_step(graph, n, entry, names, teams.team_of)
             for n, entry in enumerate(session.entries, 1)]
    series = [steps[0].before if steps else session.metrics] + [s.after for s in steps]
    payoffs = [(names[a], team_title(teams.team_of(a)), p) for a, p in session.payoffs().items()]
    class_line = Line("Your class", tuple((s.node_id, s.index if s.how != "injected" else -1) for s in steps),
                      session.node_id)
    lines = [class_line]
    for name, source in (("Equilibrium", equilibrium), ("Most likely", most_likely)):
        if source is None:
            lines.append(Line(name, (), graph.start, "not computed (the scenario is too large to solve, or no analysis was asked for)"))
        else:
            lines.append(follow(graph, name, source(graph)))
    lines.append(historical_line(graph))
    events = session.events
    return Debrief(
        graph, graph.scenario.title, str(session.store.path), meta.created, meta.seed, meta.timer,
        [(team_title(t), [names.get(a, a) for a in actors]) for t, actors in teams.members.items()],
        [names[a] for a in teams.unassigned(graph.deciding_actors)], steps, session.finished, session.node_id,
        series, payoffs, lines, [session.describe(e) for e in events if _intervention(e.body)],
        [log_line(e, names) for e in events], _explored(session), _edges(session),
    )


def follow(graph: ScenarioGraph, name: str, moves: Sequence[tuple[str, int]], note: str = "") -> Line:
    """A line from (node, option) pairs; it ends where the last move leads."""
    end = graph.start
    for node_id, index in moves:
        end = graph.actions(node_id)[index].option.to
    return Line(name, tuple((n, i) for n, i in moves), end, note)


def historical_line(graph: ScenarioGraph) -> Line:
    """From the start along the options marked `historical: true`, as far as they are marked."""
    moves: list[tuple[str, int]] = []
    node_id = graph.start
    for _ in range(len(graph)):
        marked = [m for m in graph.actions(node_id) if m.option.historical]
        if not marked:
            break
        moves.append((node_id, marked[0].index))
        node_id = marked[0].option.to
    over = graph.node(node_id).KIND == NodeKind.OUTCOME
    note = "" if over else f"the scenario marks no historical option after “{graph.node(node_id).title}”"
    return Line("Historical", tuple(moves), node_id, note)


def roads(graph: ScenarioGraph, node_id: str, state: State) -> tuple[Road, ...]:
    """Every option of `node_id` in `state`: its odds (as a walk there computes them) and locks."""
    walk = Walk(graph, seed=0, node_id=node_id, state=state)
    views = walk.options()
    estimated = walk.kind == NodeKind.CHANCE or any(v.option.probability for v in views)
    odds = walk.odds() if estimated else {}
    return tuple(Road(v.index, v.option.label, odds.get(v.index, 0.0 if estimated else None), v.lock_reason,
                      v.option.historical) for v in views)


def _step(graph: ScenarioGraph, number: int, entry: Entry, names: dict[str, str],
          team_of: Callable[[str | None], str | None]) -> PlayedStep:
    step, event, body = entry.step, entry.event, entry.event.body
    node = graph.node(step.node_id)
    how = {Decided: "decided", Rolled: "rolled", Overridden: "overridden", Injected: "injected"}[type(body)]
    return PlayedStep(
        number, event.turn, event.time, step.node_id, node.title, node.KIND, node.actor,
        names.get(node.actor or "", ""), team_title(team_of(node.actor)) if node.actor else "Facilitator", how,
        step.index, step.label if how != "injected" else f"inject: {graph.node(step.to).title}", step.to,
        graph.node(step.to).title,
        rationale=body.rationale if isinstance(body, Decided) else None,
        reason=body.reason if isinstance(body, (Overridden, Injected)) else None,
        roll=entry.roll, roads=() if how == "injected" else roads(graph, step.node_id, step.before),
        before=graph.state_dict(step.before), after=graph.state_dict(step.after),
        sources=step_sources(graph, step.node_id, None if how == "injected" else step.index),
    )


def step_sources(graph: ScenarioGraph, node_id: str, index: int | None) -> tuple[CitedSource, ...]:
    """The citations of a node and, when one was taken, of its option `index`."""
    node = graph.node(node_id)
    citations = list(node.sources)
    if index is not None and 0 <= index < len(node.options):
        citations += node.options[index].sources
    return tuple(cite(graph.scenario.sources, c) for c in citations)


def _intervention(body: object) -> bool:
    skipped = isinstance(body, Decided) and body.rationale is None
    return skipped or isinstance(body, (Overridden, Injected, Undone, TimerExpired))


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
        if isinstance(body, (Decided, Rolled, Overridden, Injected)):
            label = body.label if not isinstance(body, Injected) else f"inject: {body.reason}"
            kept_here = event.seq in kept
            edges.append(Edge(source, body.to, label, event.kind, kept_here, "" if kept_here else "undone"))
    return edges
