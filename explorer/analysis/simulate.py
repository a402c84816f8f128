"""Seeded Monte Carlo walks, confidence intervals, and a coverage report of content never reached.

The walks move through the scenario graph itself — `graph.actions`, `graph.apply`, the compiled
`requires` over the full metric state — not through the unfolded positions, so comparing their
frequencies with the exact odds checks the unfolding too. Only the `equilibrium` policy asks the
solved game which option to take.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from explorer.actions import Action, State
from explorer.analysis.equilibrium import Equilibrium
from explorer.analysis.odds import flow, node_reach, option_reach, weight_table
from explorer.analysis.policies import POLICIES, policy_weights
from explorer.analysis.unfolding import Unfolding
from explorer.format.models import NodeKind
from explorer.gc_pause import paused_gc
from explorer.graph import ScenarioGraph
from explorer.resolution import Joint, Round

STUCK = "(dead end)"
"""The name under which walks that ended with every option locked are counted."""


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
    """Walk from the start `runs` times with one seeded generator; `progress(done)` is called now and then."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "equilibrium" and eq is None:
        raise ValueError("the equilibrium policy needs a solved equilibrium")
    rng = random.Random(seed)
    result = Simulation(runs, seed, policy)
    ends, visits, taken = result.ends, result.visits, result.taken
    nodes = graph.scenario.nodes
    every = max(1, runs // 200)
    for run in range(runs):
        node_id, state = graph.start, graph.initial_state
        while True:
            visits[node_id] = visits.get(node_id, 0) + 1
            node = nodes[node_id]
            if node.KIND == NodeKind.OUTCOME:
                ends[node_id] = ends.get(node_id, 0) + 1
                break
            if node.KIND == NodeKind.ROUND:
                compiled = graph.round(node_id)
                assert compiled is not None
                rule, _, state = compiled.resolve(graph.metrics, state, _play_round(graph, compiled, state, policy, eq, rng))
                assert rule is not None
                taken[(node_id, rule.index)] = taken.get((node_id, rule.index), 0) + 1
                node_id = rule.to
                continue
            open_moves = [m for m in graph.actions(node_id) if m.requires is None or m.requires(state)]
            if not open_moves:
                ends[STUCK] = ends.get(STUCK, 0) + 1
                break
            move = _choose(graph, node, open_moves, state, policy, eq, rng)
            taken[(node_id, move.index)] = taken.get((node_id, move.index), 0) + 1
            state = graph.apply(state, move)
            node_id = move.option.to
        if progress is not None and (run + 1) % every == 0:
            progress(run + 1)
    return result


def _play_round(graph: ScenarioGraph, compiled: Round, state: State, policy: str, eq: Equilibrium | None,
                rng: random.Random) -> Joint:
    """Each actor's move in a round, drawn independently by `policy` (actors in `moves` order)."""
    available = compiled.available(state)
    profile = None
    if policy == "equilibrium":
        assert eq is not None
        pos = eq.unfolding.find(compiled.node_id, state)
        if pos is None:
            raise RuntimeError(f"walk reached a position the solver did not: {compiled.node_id} {state}")
        profile = iter(eq.stages[pos].profile)
    joint: list[int | None] = []
    for a, moves in enumerate(available):
        if not moves:
            joint.append(None)
            continue
        if profile is not None:
            weights = list(next(profile))
        elif policy == "beliefs":
            weights = [compiled.moves[a][m].option.probability or 0.0 for m in moves]
        else:
            weights = [1.0] * len(moves)
        joint.append(moves[_draw(weights, rng)])
    return tuple(joint)


def _draw(weights: list[float], rng: random.Random) -> int:
    """An index drawn with probability proportional to `weights` (uniform when they are all 0)."""
    total = sum(weights)
    if total <= 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    draw = rng.random() * total
    for i, w in enumerate(weights):
        draw -= w
        if draw < 0:
            return i
    return len(weights) - 1


def _choose(graph: ScenarioGraph, node: Any, moves: list[Action], state: State, policy: str, eq: Equilibrium | None, rng: random.Random) -> Action:
    if node.KIND == NodeKind.DECISION and policy == "equilibrium":
        assert eq is not None
        u = eq.unfolding
        pos = u.find(moves[0].node_id, state)
        if pos is None:
            raise RuntimeError(f"walk reached a position the solver did not: {moves[0].node_id} {state}")
        index = eq.option(pos)
        return next(m for m in moves if m.index == index)
    if node.KIND == NodeKind.CHANCE or (policy == "beliefs" and any(m.option.probability for m in moves)):
        weights = [m.option.probability or 0.0 for m in moves]
    else:
        weights = [1.0] * len(moves)
    return moves[_draw(weights, rng)]


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
    weights = policy_weights(u, sim.policy, eq)
    table = weight_table(u, weights)
    f = flow(u, table)
    reach = node_reach(u, f)
    take = option_reach(u, f, table)
    graph = u.graph
    nodes = [(n, reach.get(n, 0.0)) for n in graph.scenario.nodes if n not in sim.visits]
    options = []
    for node_id, node in graph.scenario.nodes.items():
        positions = u.positions_of(node_id)
        for index in range(len(node.then) if node.KIND == NodeKind.ROUND else len(node.options)):
            if (node_id, index) in sim.taken:
                continue
            locked = bool(positions) and all(index not in u.pos_opts[p] for p in positions)
            options.append((node_id, index, take.get((node_id, index), 0.0), locked))
    return Coverage(nodes, options)
