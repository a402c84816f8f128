"""Expected metrics where walks end (an outcome or a dead end), under policies' move probabilities.

A metric no move changes ends where it began. One whose bounds can never bite — its unclamped range
over the scenario graph stays within them — is carried as E[value · 1{reach}], linear in the
effects. Otherwise (bounds may bite, or a round changes it) each position carries the distribution
of the metric's values, value by value. Every (policy, metric) pair is a *lane*, and all lanes go
down the waves together; sums run in the order the scalar passes added: parents in ascending order,
each parent's values in the order they were first reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from explorer.analysis.layout import total
from explorer.analysis.metric_effects import MEAN, UNCHANGED

if TYPE_CHECKING:
    from explorer.analysis.odds import Flow
    from explorer.analysis.unfolding import Unfolding

LANE_CELLS = 1 << 22
"""Most (lane, position) cells one pass over the distributions holds: lanes are split to stay within."""


def expected_metrics(u: Unfolding, table: np.ndarray, f: Flow) -> dict[str, float]:
    """Each metric's expected value where the walk ends under one policy's move probabilities."""
    return expected_metrics_of(u, [table], [f.mass])[0]


def expected_metrics_of(u: Unfolding, tables: list[np.ndarray], masses: list[np.ndarray]) -> list[dict[str, float]]:
    """`expected_metrics` for several policies at once (their tables and flows' masses)."""
    effects = u.metrics
    assert effects is not None
    graph, lay = u.graph, u.arrays
    how = effects.how
    mean = [s for s, h in enumerate(how) if h == MEAN]
    valued = [s for s, h in enumerate(how) if h not in (MEAN, UNCHANGED)]
    means = _carry_mean(u, tables, masses, mean) if mean else None
    values = _carry_values(u, tables, masses, valued) if valued else None
    out = []
    for i, mass in enumerate(masses):
        result = {}
        for slot, metric_id in enumerate(graph.metric_ids):
            if how[slot] == UNCHANGED:
                result[metric_id] = graph.metrics[slot].initial * total(mass[lay.ends])
            elif how[slot] == MEAN:
                assert means is not None
                result[metric_id] = means[i][mean.index(slot)]
            else:
                assert values is not None
                result[metric_id] = values[i][valued.index(slot)]
        out.append(result)
    return out


def _effect(u: Unfolding, slot: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Per edge: (the metric's change by the option, or by a round's moves; by a round's rule or None)."""
    effects = u.metrics
    assert effects is not None
    found = effects.rounds.get(slot)
    return found if found is not None else (effects.row[:, slot][u.arrays.option_row], None)


def _carry_mean(u: Unfolding, tables: list[np.ndarray], masses: list[np.ndarray], slots: list[int]) -> list[list[float]]:
    """E[metric at the end] when no bound bites: carry E[value · 1{reach}], linear in the effects —
    per policy, per metric."""
    lay = u.arrays
    inflow = lay.inflow
    width = len(slots)
    table = np.stack(tables, axis=1)  # (edges, policies)
    mass = np.stack(masses, axis=1)  # (positions, policies)
    effect = np.stack([_effect(u, s)[0] for s in slots], axis=1)  # (edges, metrics)
    carried = np.zeros((len(u), len(tables), width))
    carried[0] = [u.graph.metrics[s].initial for s in slots]
    bounds = inflow.bounds.tolist()
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        if a < b:
            src, edge = inflow.src[a:b], inflow.edge[a:b]
            here = carried[src] + mass[src][:, :, None] * effect[edge][:, None, :]
            np.add.at(carried, inflow.kid[a:b], table[edge][:, :, None] * here)
    ended = carried[lay.ends]
    if not len(ended):
        return [[0] * width for _ in tables]
    return (np.cumsum(ended, axis=0)[-1] + 0.0).tolist()


def _carry_values(u: Unfolding, tables: list[np.ndarray], masses: list[np.ndarray], slots: list[int]) -> list[list[float]]:
    """E[metric at the end] when clamping can bite (or rounds change the metric): each position carries
    its distribution of values — (value, mass) pairs in the order first reached — per policy and
    metric; lanes are taken in batches of at most `LANE_CELLS` cells."""
    lanes = [(i, j) for i in range(len(tables)) for j in range(len(slots))]
    per_batch = max(1, LANE_CELLS // max(len(u), 1))
    out: list[list[float]] = [[0.0] * len(slots) for _ in tables]
    values = settled(u, slots)
    for k in range(0, len(lanes), per_batch):
        batch = lanes[k:k + per_batch]
        found = _distributions(u, [tables[i] for i, _ in batch], [masses[i] for i, _ in batch], [slots[j] for _, j in batch],
                               np.stack([values[j] for _, j in batch]))
        for (i, j), x in zip(batch, found, strict=True):
            out[i][j] = x
    return out


def settled(u: Unfolding, slots: list[int]) -> np.ndarray:
    """(slots, positions): the metric's value at a position where every walk there has the same one,
    NaN where walks may arrive with different values. A position is settled where the slot is part of
    its key, or where every edge into it (under any policy) brings the same value from a settled
    parent; the start is settled at the metric's initial value."""
    effects = u.metrics
    assert effects is not None
    inflow, metrics = u.arrays.inflow, u.graph.metrics
    low = np.array([-np.inf if metrics[s].min is None else float(metrics[s].min) for s in slots])[:, None]
    high = np.array([np.inf if metrics[s].max is None else float(metrics[s].max) for s in slots])[:, None]
    values = np.stack([effects.keyed[s] for s in slots])
    open_ = np.isnan(values)
    values[:, 0] = np.where(open_[:, 0], [float(metrics[s].initial) for s in slots], values[:, 0])
    ahead = open_.any(axis=0)  # positions some slot is not settled at by its key
    ahead[0] = False
    if not ahead.any():
        return values
    moves = [_effect(u, s) for s in slots]
    move = np.stack([m for m, _ in moves])
    rules = [r for _, r in moves if r is not None]
    rule = np.stack([np.zeros(len(u.kid)) if r is None else r for _, r in moves]) if rules else None
    bounds = inflow.bounds.tolist()
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        kid = inflow.kid[a:b]
        pick = np.flatnonzero(ahead[kid])
        if not len(pick):
            continue
        edge, src, kid = inflow.edge[a:b][pick], inflow.src[a:b][pick], kid[pick]
        v, shift = values[:, src], move[:, edge]
        after = np.where(shift != 0, np.clip(v + shift, low, high), v)
        if rule is not None:
            then = rule[:, edge]
            after = np.where(then != 0, np.clip(after + then, low, high), after)
        if inflow.merges[w]:  # a child with several edges in is settled if all bring one value
            order = np.argsort(kid, kind="stable")
            kid, after = kid[order], after[:, order]
            heads = np.flatnonzero(np.concatenate(([True], kid[1:] != kid[:-1])))
            least, most = np.minimum.reduceat(after, heads, axis=1), np.maximum.reduceat(after, heads, axis=1)
            kid, after = kid[heads], np.where(least == most, least, np.nan)
        values[:, kid] = np.where(open_[:, kid], after, values[:, kid])
    return values


def _distributions(u: Unfolding, tables: list[np.ndarray], masses: list[np.ndarray], slots: list[int],
                   key: np.ndarray) -> list[float]:
    """One lane per (table, its flow's mass, slot): the expected value of the slot's metric at the ends.

    `key` (lanes, positions): the slot's value where it is settled (`settled`): every walk there has
    that value, so the position's distribution is that one value with the position's mass (the flow
    adds the same products in the same order); only the other positions — below the last `requires`
    that reads the metric, where walks with different values meet — keep a distribution, in a store
    of (value, mass) pairs."""
    lay = u.arrays
    effects = u.metrics
    assert effects is not None
    inflow = lay.inflow
    size, lanes = len(u), len(slots)
    metrics = u.graph.metrics
    low = np.array([-np.inf if metrics[s].min is None else float(metrics[s].min) for s in slots])
    high = np.array([np.inf if metrics[s].max is None else float(metrics[s].max) for s in slots])
    table = np.stack(tables)  # (lanes, edges)
    mass = np.stack(masses)  # (lanes, positions)
    keyed = ~np.isnan(key)
    moves = [_effect(u, s) for s in slots]
    move = np.stack([m for m, _ in moves])
    rule = np.stack([r if r is not None else np.zeros(len(u.kid)) for _, r in moves])
    ruled = any(r is not None for _, r in moves)
    start = np.zeros(lanes * size, dtype=np.int64)  # cell (lane, p) = lane * size + p: its pairs are
    count = np.zeros(lanes * size, dtype=np.int64)  # store[start[cell]:start[cell] + count[cell]]
    store = _Store(1024)
    lane_of = np.arange(lanes)[:, None]
    bounds = inflow.bounds.tolist()
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        edge, src, kid = inflow.edge[a:b], inflow.src[a:b], inflow.kid[a:b]
        wanted = ~keyed[:, kid]  # only children whose metric is not in their key keep distributions
        if not wanted.any():
            continue
        from_key = keyed[:, src]
        cells = lane_of * size + src[None, :]
        reached = np.where(from_key, mass[:, src] > 0, count[cells] > 0)
        keep = wanted & reached & (table[:, edge] != 0)  # (lanes, edges): lane by lane, edges in order
        if not keep.any():
            continue
        lane, at = np.nonzero(keep)
        v, m, per = _pairs(store, start, count, key, mass, lane, src[at], size, from_key[lane, at])
        lane, e = np.repeat(lane, per), np.repeat(edge[at], per)
        shift = move[lane, e]
        after = np.where(shift != 0, np.clip(v + shift, low[lane], high[lane]), v)
        if ruled:
            then = rule[lane, e]
            after = np.where(then != 0, np.clip(after + then, low[lane], high[lane]), after)
        into = lane * size + np.repeat(kid[at], per)
        if not inflow.merges[w] and len(after) == len(at):  # one pair into each position: nothing to merge
            start[into] = store.add(after, table[lane, e] * m) + np.arange(len(into))
            count[into] = 1
            continue
        order = np.lexsort((after, into))
        change = np.ones(len(order), dtype=bool)
        change[1:] = (into[order][1:] != into[order][:-1]) | (after[order][1:] != after[order][:-1])
        group = np.empty(len(order), dtype=np.int64)
        group[order] = np.cumsum(change) - 1
        sums = np.zeros(int(change.sum()))
        np.add.at(sums, group, table[lane, e] * m)  # in the order the pairs arrive, from 0.0
        first = np.full(len(sums), len(order), dtype=np.int64)
        np.minimum.at(first, group, np.arange(len(order)))
        ranked = first[np.lexsort((first, into[first]))]  # by cell, then first arrival
        owners = into[ranked]
        at_store = store.add(after[ranked], sums[group[ranked]])
        heads = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
        start[owners[heads]] = at_store + heads
        count[owners[heads]] = np.diff(np.append(heads, len(owners)))
    ends = np.tile(lay.ends, lanes)
    lane = np.repeat(np.arange(lanes), len(lay.ends))
    from_key = keyed[lane, ends]
    reached = np.where(from_key, mass[lane, ends] > 0, count[lane * size + ends] > 0)
    lane, ends, from_key = lane[reached], ends[reached], from_key[reached]
    v, m, per = _pairs(store, start, count, key, mass, lane, ends, size, from_key)
    sums = np.zeros(lanes)
    np.add.at(sums, np.repeat(lane, per), v * m)  # end by end, each end's values in the order reached
    hit = np.bincount(lane, minlength=lanes) > 0
    return [x + 0.0 if found else 0 for x, found in zip(sums.tolist(), hit.tolist(), strict=True)]


def _pairs(store: _Store, start: np.ndarray, count: np.ndarray, key: np.ndarray, mass: np.ndarray, lane: np.ndarray,
           positions: np.ndarray, size: int, from_key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (value, mass) pairs of each (lane, position) in turn, and how many each has: one from the key
    where the lane's metric is in the position's key, else the stored distribution."""
    cell = lane * size + positions
    per = np.where(from_key, 1, count[cell])
    offset = np.cumsum(per) - per
    v, m = np.empty(int(per.sum())), np.empty(int(per.sum()))
    v[offset[from_key]] = key[lane[from_key], positions[from_key]]
    m[offset[from_key]] = mass[lane[from_key], positions[from_key]]
    stored = ~from_key
    if stored.any():
        into = _spans(offset[stored], per[stored])
        pick = _spans(start[cell[stored]], per[stored])
        v[into], m[into] = store.values[pick], store.masses[pick]
    return v, m, per


class _Store:
    """(value, mass) pairs, appended in blocks."""

    def __init__(self, capacity: int) -> None:
        self.values, self.masses, self.size = np.zeros(capacity), np.zeros(capacity), 0

    def add(self, values: np.ndarray, masses: np.ndarray) -> int:
        """Append the pairs; return where the first one went."""
        at, grown = self.size, self.size + len(values)
        if grown > len(self.values):
            more = max(grown, 2 * len(self.values)) - len(self.values)
            self.values = np.concatenate((self.values, np.zeros(more)))
            self.masses = np.concatenate((self.masses, np.zeros(more)))
        self.values[at:grown], self.masses[at:grown] = values, masses
        self.size = grown
        return at


def _spans(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices starts[i], starts[i] + 1, … starts[i] + counts[i] - 1, for each i in turn."""
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return np.arange(int(counts.sum())) + offsets
