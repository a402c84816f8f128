"""Seeded Monte Carlo walks, confidence intervals, and a coverage report of content never reached.

The walks move through the unfolded positions in lockstep: every walk takes one step per round of
array operations, drawing its move from the policy's move probabilities at its position (the same
`policies.policy_weights` the exact odds use), so `simulate` costs a few array operations per step
of the longest walk. That the unfolding itself is right — its positions, `requires`, effects and
rounds against the scenario graph — is checked by the tests against an independent reference that
resolves the graph on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np

from explorer.analysis.equilibrium import Equilibrium
from explorer.analysis.odds import flow, node_reach, option_reach
from explorer.analysis.policies import POLICIES, policy_weights
from explorer.analysis.unfolding import Unfolding, unfold
from explorer.format.models import NodeKind
from explorer.gc_pause import paused_gc
from explorer.graph import CHANCE, DECISION, OUTCOME, ROUND, ScenarioGraph

STUCK = "(dead end)"
"""The name under which walks that ended with every option locked are counted."""
CHUNK = 1 << 16
"""Walks taken together: memory stays bounded however many are asked for."""


@dataclass(eq=False)
class Simulation:
    """What seeded walks did."""

    runs: int
    seed: int
    policy: str
    ends: dict[str, int] = field(default_factory=dict)
    """Outcome id (or `STUCK`) → number of walks that ended there."""
    visits: dict[str, int] = field(default_factory=dict)
    """Node id → number of walks that passed through it."""
    taken: dict[tuple[str, int], int] = field(default_factory=dict)
    """(node id, option index) → number of walks that took it; at a round, (node id, rule index) → the
    number of walks in which that rule fired."""


def wilson(hits: int, runs: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a proportion `hits`/`runs`."""
    if runs <= 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = hits / runs
    denominator = 1 + z * z / runs
    centre = (p + z * z / (2 * runs)) / denominator
    half = z * math.sqrt(p * (1 - p) / runs + z * z / (4 * runs * runs)) / denominator
    low = 0.0 if hits == 0 else max(0.0, centre - half)
    high = 1.0 if hits == runs else min(1.0, centre + half)
    return low, high


def simulate(
    graph: ScenarioGraph,
    runs: int,
    seed: int,
    policy: str = "beliefs",
    eq: Equilibrium | None = None,
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    """Walk from the start `runs` times with one seeded generator; `progress(done)` is called as walks
    end. The walks use `eq.unfolding` when an equilibrium is given, else they unfold the graph."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "equilibrium" and eq is None:
        raise ValueError("the equilibrium policy needs a solved equilibrium")
    u = eq.unfolding if eq is not None else unfold(graph)
    with paused_gc():
        walker = _Walker(u, policy_weights(u, policy, eq))
        rng = np.random.default_rng(seed)
        visited, taken, ended = [], [], []
        done = 0
        while done < runs:
            count = min(CHUNK, runs - done)
            chunk_done = done

            def step_done(finished: int, base: int = chunk_done) -> None:
                if progress is not None:
                    progress(base + finished)

            positions, edges, ends = walker.walk(count, rng, step_done)
            visited += positions
            taken += edges
            ended.append(ends)
            done += count
        return _tally(u, runs, seed, policy, visited, taken, ended)


class _Walker:
    """Lockstep walks over the positions with fixed move probabilities."""

    def __init__(self, u: Unfolding, weights: np.ndarray) -> None:
        self.u = u
        first, src = u.first, u.arrays.src
        # Per edge: its position's number plus the cumulative probability up to and including it, as a
        # share of the position's total; a walk at p draws r in [0, 1) and takes the first edge whose
        # key exceeds p + r (never one of weight 0), at most the position's last edge of weight > 0.
        cumulative = np.zeros(len(weights))
        for kind in (DECISION, CHANCE, ROUND):
            for _, edges in u.arrays.widths.get(kind, []):
                c = np.cumsum(weights[edges], axis=1)
                stuck = c[:, -1] <= 0  # no move with weight (never so in a policy's table): uniform
                c[stuck] = np.arange(1, edges.shape[1] + 1)
                cumulative[edges] = c / c[:, -1:]
        self.keys = src + cumulative
        self.last = first[1:] - 1
        positive = np.flatnonzero(weights > 0)
        self.last[src[positive]] = positive  # ascending: the last write is the last positive edge
        self.open = first[1:] > first[:-1]

    def walk(self, count: int, rng: np.random.Generator, progress: Callable[[int], None]) -> tuple[list, list, np.ndarray]:
        """`count` walks from the start: the positions they passed, the edges they took, where they ended."""
        kid = self.u.kid
        here = np.zeros(count, dtype=np.int64)
        walking = np.arange(count)
        ends = np.empty(count, dtype=np.int64)
        positions, edges = [], []
        while len(walking):
            at = here[walking]
            positions.append(at)
            moving = self.open[at]
            if not moving.all():
                ends[walking[~moving]] = at[~moving]
                walking, at = walking[moving], at[moving]
                progress(count - len(walking))
                if not len(walking):
                    break
            edge = np.searchsorted(self.keys, at + rng.random(len(at)), side="right")
            edge = np.minimum(edge, self.last[at])
            edges.append(edge)
            here[walking] = kid[edge]
        return positions, edges, ends


def _tally(u: Unfolding, runs: int, seed: int, policy: str, visited: list, taken: list, ended: list) -> Simulation:
    """Counts by node, by option and by end, from every walk's positions, edges and ends."""
    lay, ids = u.arrays, u.table.ids
    result = Simulation(runs, seed, policy)
    per_node = np.bincount(u.pos_node[np.concatenate(visited)], minlength=len(ids)) if visited else np.zeros(len(ids))
    result.visits = {ids[n]: int(per_node[n]) for n in u.topo if per_node[n]}
    if taken:
        rows = np.bincount(lay.option_row[np.concatenate(taken)], minlength=int(lay.option_start[-1]))
        node_of = np.searchsorted(lay.option_start, np.flatnonzero(rows), side="right") - 1
        for n, r in zip(node_of.tolist(), np.flatnonzero(rows).tolist(), strict=True):
            result.taken[(ids[n], r - int(lay.option_start[n]))] = int(rows[r])
    at_end = np.bincount(np.concatenate(ended), minlength=len(u))
    kinds = u.table.kinds
    for p in np.flatnonzero(at_end).tolist():
        n = int(u.pos_node[p])
        name = ids[n] if kinds[n] == OUTCOME else STUCK
        result.ends[name] = result.ends.get(name, 0) + int(at_end[p])
    return result


@dataclass(frozen=True, slots=True)
class Coverage:
    """Nodes and options no walk reached, with their exact chance under the policy."""

    nodes: list[tuple[str, float]]
    """(node id, exact probability a walk reaches it); 0 means no walk under this policy can."""
    options: list[tuple[str, int, float, bool]]
    """(node id, option index, exact probability a walk takes it, whether it is locked in every
    reachable position of its node)."""


def coverage(sim: Simulation, u: Unfolding, eq: Equilibrium | None = None) -> Coverage:
    """What the walks never reached, beside the exact odds of reaching it."""
    with paused_gc():
        return _coverage(sim, u, eq)


def _coverage(sim: Simulation, u: Unfolding, eq: Equilibrium | None) -> Coverage:
    table = policy_weights(u, sim.policy, eq)
    f = flow(u, table)
    reach = node_reach(u, f)
    take = option_reach(u, f, table)
    graph, lay = u.graph, u.arrays
    nodes = [(n, reach.get(n, 0.0)) for n in graph.scenario.nodes if n not in sim.visits]
    offered = np.zeros(int(lay.option_start[-1]), dtype=bool)
    offered[lay.option_row] = True
    options = []
    for node_id, node in graph.scenario.nodes.items():
        n = u.table.number[node_id]
        reached = bool(u.at[n])
        row = int(lay.option_start[n])
        for index in range(len(node.then) if node.KIND == NodeKind.ROUND else len(node.options)):
            if (node_id, index) in sim.taken:
                continue
            locked = reached and not offered[row + index]
            options.append((node_id, index, take.get((node_id, index), 0.0), locked))
    return Coverage(nodes, options)
