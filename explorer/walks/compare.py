"""Walks side by side: the walk marked for comparison, the current walk, and the historical path —
where they split, the state after each step, where each ends and each actor's payoff there.

The historical path follows the options marked `historical: true` from the start (at a round, each
actor's move marked historical; an actor with none plays its default move) as far as they are marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.walk import Step, Walk, WalkError


@dataclass(frozen=True)
class Line:
    """One walk as compared: its steps, where it is, the state there, and the payoffs if it ended."""

    name: str
    steps: tuple[Step, ...]
    node_id: str
    state: tuple[float, ...]
    payoffs: dict[str, float] | None
    """Each actor's payoff at the ending; None when the line has not reached one."""
    note: str = ""
    """Why the line stops where it does, when that is not an ending (the historical path)."""

    @property
    def over(self) -> bool:
        return self.payoffs is not None


@dataclass(frozen=True)
class Comparison:
    """Lines side by side; `shared[i]`: how many first steps line i has in common with the first line."""

    lines: tuple[Line, ...]
    shared: tuple[int, ...]

    @property
    def split(self) -> int:
        """How many first steps every line shares (where the first split happens)."""
        return min(self.shared, default=0)


def line_of(name: str, walk: Walk, note: str = "") -> Line:
    payoffs = walk.payoffs() if walk.is_over else None
    return Line(name, tuple(walk.history), walk.node_id, tuple(walk.state), payoffs, note)


def snapshot_line(graph: ScenarioGraph, name: str, steps: Sequence[Step], node_id: str,
                  state: Sequence[float]) -> Line:
    """A line from a kept walk (the marked one): its steps, where it stood and its state."""
    over = graph.node(node_id).KIND == NodeKind.OUTCOME
    payoffs = None
    if over:
        values = graph.payoffs_at(node_id, tuple(state))
        payoffs = dict(zip(graph.scenario.actors, values, strict=True))
    return Line(name, tuple(steps), node_id, tuple(state), payoffs)


def historical_line(graph: ScenarioGraph, name: str = "Historical") -> Line:
    """From the start along the moves marked historical, as far as they are marked (and open)."""
    walk = Walk(graph, seed=0)
    for _ in range(len(graph) + 1):
        if walk.is_over:
            break
        try:
            if walk.kind == NodeKind.ROUND:
                actors = walk.round_moves()
                picks = {a.actor: next(m.index for m in a.moves if m.option.historical and m.available)
                         for a in actors if any(m.option.historical and m.available for m in a.moves)}
                if not picks:
                    break
                walk.resolve(picks)
                continue
            marked = [v for v in walk.options() if v.option.historical and v.available]
            if not marked:
                break
            walk.take(marked[0].index)
        except WalkError:
            break
    note = "" if walk.is_over else f"the scenario marks no historical move after “{walk.node.title}”"
    return line_of(name, walk, note)


def shared_steps(a: Sequence[Step], b: Sequence[Step]) -> int:
    """How many first steps two walks have in common (the same move from the same node to the same node)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if (x.node_id, x.route_key, x.to, x.jump) != (y.node_id, y.route_key, y.to, y.jump):
            break
        n += 1
    return n


def compare(lines: Sequence[Line]) -> Comparison:
    """The lines, each with the steps it shares with the first."""
    first = lines[0].steps if lines else ()
    return Comparison(tuple(lines), tuple(shared_steps(first, line.steps) for line in lines))
