"""Outcome odds under a policy: probability mass pushed down the positions, what it reaches, and the
most likely path. A policy's move probabilities are one array over the edges (`policies.policy_weights`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

import numpy as np

from explorer.analysis.layout import total
from explorer.analysis.outcome_odds import OutcomeIndex, OutcomeOdds
from explorer.analysis.unfolding import Unfolding
from explorer.gc_pause import paused_gc

TOLERANCE = 1e-9
"""Relative margin by which a path must be more likely than an earlier one to be preferred."""


@dataclass(eq=False, slots=True)
class Flow:
    """How probability mass flows from a start position under one policy."""

    mass: np.ndarray
    """Position → probability of passing through it."""
    outcomes: OutcomeOdds
    """Outcome id → probability of ending there (every reached outcome, in topological order)."""
    stuck: float
    """Probability of ending at a dead end (every option locked)."""


def push(u: Unfolding, weights: np.ndarray, start: int = 0) -> np.ndarray:
    """Position → the probability of passing through it from `start`: wave by wave, what flows into a
    position added in ascending order of its parents (as a scalar pass over them in order adds it)."""
    inflow = u.arrays.inflow
    mass = np.zeros(len(u))
    mass[start] = 1.0
    bounds = inflow.bounds.tolist()
    for w in range(int(u.arrays.wave[start]) + 1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        if a < b:
            np.add.at(mass, inflow.kid[a:b], mass[inflow.src[a:b]] * weights[inflow.edge[a:b]])
    return mass


def flow(u: Unfolding, weights: np.ndarray, start: int = 0) -> Flow:
    """Push probability 1 from `start` down the positions; `weights`: a policy's move probabilities."""
    with paused_gc():
        return flow_of(u, push(u, weights, start))


def flow_of(u: Unfolding, mass: np.ndarray) -> Flow:
    """The flow of a mass already pushed (`push`)."""
    return Flow(mass, outcome_odds(u, mass), total(mass[u.dead]))


def outcome_odds(u: Unfolding, mass: np.ndarray) -> OutcomeOdds:
    """`outcome_totals` as an array-backed mapping: no Python float per outcome until one is read."""
    lay = u.arrays
    sums = np.zeros(len(lay.outcome_nodes))
    np.add.at(sums, lay.final_group, mass[lay.finals])
    if lay.outcome_index is None:
        lay.outcome_index = OutcomeIndex(lay.outcome_ids, list(u.graph.outcomes))
    return OutcomeOdds(lay.outcome_index, sums)


def outcome_totals(u: Unfolding, mass: np.ndarray) -> dict[str, float]:
    """Outcome id → the mass at its positions, for outcomes reached with positive mass, in topological order."""
    lay = u.arrays
    sums = np.zeros(len(lay.outcome_nodes))
    np.add.at(sums, lay.final_group, mass[lay.finals])
    reached = sums > 0
    return dict(zip(compress(lay.outcome_ids, reached.tolist()), sums[reached].tolist(), strict=True))


def node_reach(u: Unfolding, f: Flow) -> dict[str, float]:
    """Node id → probability that a walk passes through it."""
    sums = np.zeros(len(u.table.ids))
    np.add.at(sums, u.pos_node, f.mass)
    ids, at = u.table.ids, u.at
    return {ids[n]: float(sums[n]) for n in u.topo if at[n]}


def option_reach(u: Unfolding, f: Flow, table: np.ndarray) -> dict[tuple[str, int], float]:
    """(node id, option index) → probability that a walk takes that option (at a round: that rule fires)."""
    lay = u.arrays
    sums = np.zeros(int(lay.option_start[-1]))
    np.add.at(sums, lay.option_row, f.mass[lay.src] * table)
    touched = np.zeros(len(sums), dtype=bool)
    touched[lay.option_row[f.mass[lay.src] != 0]] = True
    rows = np.flatnonzero(touched)
    node_of = np.searchsorted(lay.option_start, rows, side="right") - 1
    ids = u.table.ids
    return {(ids[n], r - int(lay.option_start[n])): float(sums[r]) for n, r in zip(node_of.tolist(), rows.tolist(), strict=True)}


def most_likely_path(u: Unfolding, table: np.ndarray, start: int = 0) -> tuple[list[int], float]:
    """The single most probable sequence of moves from `start` to an end, and its probability (the first
    of paths within a relative 1e-9 of each other)."""
    lay = u.arrays
    best = np.zeros(len(u))
    best[lay.ends] = 1.0
    step = np.full(len(u), -1, dtype=np.int64)
    for groups in lay.down:
        for g in groups:
            prod = table[g.edges] * best[g.kids]
            chosen = prod.argmax(axis=1)
            rows = np.arange(len(chosen))
            top = prod[rows, chosen]
            near = ((prod < top[:, None]) & (prod * (1 + 4 * TOLERANCE) >= top[:, None])).any(axis=1)
            for r in np.flatnonzero(near).tolist():
                chosen[r] = _scan(prod[r].tolist())
            step[g.pos] = chosen
            best[g.pos] = prod[rows, chosen]
    path = [start]
    while step[path[-1]] >= 0:
        path.append(int(u.kid[u.first[path[-1]] + step[path[-1]]]))
    return path, float(best[start])


def _scan(products: list[float]) -> int:
    top, chosen = -1.0, 0
    for i, x in enumerate(products):
        if x > top * (1 + TOLERANCE):
            top, chosen = x, i
    return chosen
