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
from explorer.analysis.settled import EdgeEffects, settled

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
    metric. Policies whose moves have the same zero probabilities reach the same positions with the
    same values (only the masses differ), so they share a lane: one distribution of values with a
    column of masses per policy. Lanes are taken in batches of at most `LANE_CELLS` cells."""
    sharing: list[list[int]] = []
    for i, table in enumerate(tables):
        same = next((g for g in sharing if np.array_equal(tables[g[0]] != 0, table != 0)), None)
        if same is None:
            sharing.append([i])
        else:
            same.append(i)
    width = max(len(g) for g in sharing)
    lanes = [([*g, *[g[0]] * (width - len(g))], j) for g in sharing for j in range(len(slots))]
    per_batch = max(1, LANE_CELLS // max(len(u) * width, 1))
    out: list[list[float]] = [[0.0] * len(slots) for _ in tables]
    moves = EdgeEffects(u, slots)
    values = settled(u, moves)
    mass = np.stack(masses)
    for k in range(0, len(lanes), per_batch):
        batch = lanes[k:k + per_batch]
        cols = np.array([c for c, _ in batch], dtype=np.int64)
        found = _distributions(u, tables, mass, cols, np.array([j for _, j in batch], dtype=np.int64), values, moves)
        for (policies, j), xs in zip(batch, found, strict=True):
            for i, x in zip(policies, xs, strict=True):
                out[i][j] = x
    return out


def _distributions(u: Unfolding, tables: list[np.ndarray], mass: np.ndarray, lane_cols: np.ndarray,
                   lane_slot: np.ndarray, key: np.ndarray, moves: EdgeEffects) -> list[list[float]]:
    """One lane per (policies, slot): the expected value of the slot's metric at the ends, under each
    of the policies' move probabilities (`tables`) and flows (`mass`, (policies, positions)); the
    policies of a lane (`lane_cols`, a row per lane) have the same zero probabilities.

    `key` (slots, positions): the slot's value where it is settled (`settled`): every walk there has
    that value, so the position's distribution is that one value with the position's mass (the flow
    adds the same products in the same order); only the other positions — below the last `requires`
    that reads the metric, where walks with different values meet — keep a distribution, in a store
    of (value, masses) pairs."""
    lay = u.arrays
    inflow = lay.inflow
    size, lanes, width = len(u), len(lane_slot), lane_cols.shape[1]
    keyed = ~np.isnan(key)
    open_ = ~keyed[np.unique(lane_slot)].all(axis=0)  # positions some lane keeps a distribution at
    start = np.zeros(lanes * size, dtype=np.int64)  # cell (lane, p) = lane * size + p: its pairs are
    count = np.zeros(lanes * size, dtype=np.int64)  # store[start[cell]:start[cell] + count[cell]]
    store = _Store(1024, width)
    lane_of = np.arange(lanes)[:, None]
    bounds = inflow.bounds.tolist()
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        pick = np.flatnonzero(open_[inflow.kid[a:b]])
        if not len(pick):
            continue
        edge, src, kid = inflow.edge[a:b][pick], inflow.src[a:b][pick], inflow.kid[a:b][pick]
        wanted = ~keyed[:, kid][lane_slot]  # only children whose metric is not settled keep distributions
        from_key = keyed[:, src][lane_slot]
        flowing = (mass[:, src] > 0)[lane_cols].any(axis=1)
        reached = np.where(from_key, flowing, count[lane_of * size + src[None, :]] > 0)
        weight = np.stack([t[edge] for t in tables])  # (policies, edges of the wave)
        keep = wanted & reached & (weight != 0)[lane_cols[:, 0]]  # (lanes, edges): lane by lane, edges in order
        if not keep.any():
            continue
        lane, at = np.nonzero(keep)
        v, m, per = _pairs(store, start, count, key, mass, lane, src[at], size, from_key[lane, at], lane_slot, lane_cols)
        lane, at = np.repeat(lane, per), np.repeat(at, per)
        after = moves.after_pairs(v, moves.at(edge), lane_slot[lane], at)
        into = lane * size + kid[at]
        m = weight[lane_cols[lane], at[:, None]] * m
        if not inflow.merges[w] and len(after) == len(per):  # one pair into each position: nothing to merge
            start[into] = store.add(after, m) + np.arange(len(into))
            count[into] = 1
            continue
        codes, spread = _codes(after)  # group the pairs by (cell, value): sums in arrival order, first arrivals
        first, group = _groups(into * spread + codes)
        sums = _sums(group, m, len(first))  # in the order the pairs arrive, from 0.0
        ranked = first[np.argsort(into[first] * len(into) + first)]  # by cell, then first arrival
        owners = into[ranked]
        at_store = store.add(after[ranked], sums[group[ranked]])
        heads = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
        start[owners[heads]] = at_store + heads
        count[owners[heads]] = np.diff(np.append(heads, len(owners)))
    if keyed[:, lay.ends][lane_slot].all():  # one value at every end: lane by lane, end by end
        at_end = mass[:, lay.ends][lane_cols]  # (lanes, width, ends)
        hit = at_end > 0
        found = np.where(hit, key[:, lay.ends][lane_slot][:, None, :] * at_end, 0.0)
        sums = np.cumsum(found, axis=2)[:, :, -1] if found.shape[2] else np.zeros((lanes, width))
        return _totals(sums, hit.any(axis=2))
    ends = np.tile(lay.ends, lanes)
    lane = np.repeat(np.arange(lanes), len(lay.ends))
    from_key = keyed[lane_slot[lane], ends]
    flowing = mass[lane_cols[lane], ends[:, None]] > 0  # (lane and end, width)
    reached = np.where(from_key[:, None], flowing, (count[lane * size + ends] > 0)[:, None])
    hit = np.zeros((lanes, width), dtype=bool)
    np.logical_or.at(hit, lane, reached)
    chosen = reached.any(axis=1)
    lane, ends, from_key = lane[chosen], ends[chosen], from_key[chosen]
    v, m, per = _pairs(store, start, count, key, mass, lane, ends, size, from_key, lane_slot, lane_cols)
    sums = _sums(np.repeat(lane, per), v[:, None] * m, lanes)  # end by end, each end's values in the order reached
    return _totals(sums, hit)


def _totals(sums: np.ndarray, hit: np.ndarray) -> list[list[float]]:
    """Per lane and column: the sum, or 0 where no end is reached (as the scalar passes' empty sum)."""
    return [[x + 0.0 if any_end else 0 for x, any_end in zip(xs, hits, strict=True)]
            for xs, hits in zip(sums.tolist(), hit.tolist(), strict=True)]


def _pairs(store: _Store, start: np.ndarray, count: np.ndarray, key: np.ndarray, mass: np.ndarray, lane: np.ndarray,
           positions: np.ndarray, size: int, from_key: np.ndarray, lane_slot: np.ndarray,
           lane_cols: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (value, masses) pairs of each (lane, position) in turn, and how many each has: one (the
    settled value, the position's masses) where the lane's metric is settled, else the stored distribution."""
    cell = lane * size + positions
    per = np.where(from_key, 1, count[cell])
    offset = np.cumsum(per) - per
    n = int(per.sum())
    v, m = np.empty(n), np.empty((n, lane_cols.shape[1]))
    settled_lane, settled_at = lane[from_key], positions[from_key]
    v[offset[from_key]] = key[lane_slot[settled_lane], settled_at]
    m[offset[from_key]] = mass[lane_cols[settled_lane], settled_at[:, None]]
    stored = ~from_key
    if stored.any():
        into = _spans(offset[stored], per[stored])
        pick = _spans(start[cell[stored]], per[stored])
        v[into], m[into] = store.values[pick], store.masses[pick]
    return v, m, per


class _Store:
    """(value, masses) pairs, appended in blocks: a mass per policy of the lane."""

    def __init__(self, capacity: int, width: int) -> None:
        self.values, self.masses, self.size = np.zeros(capacity), np.zeros((capacity, width)), 0

    def add(self, values: np.ndarray, masses: np.ndarray) -> int:
        """Append the pairs; return where the first one went."""
        at, grown = self.size, self.size + len(values)
        if grown > len(self.values):
            more = max(grown, 2 * len(self.values)) - len(self.values)
            self.values = np.concatenate((self.values, np.zeros(more)))
            self.masses = np.concatenate((self.masses, np.zeros((more, self.masses.shape[1]))))
        self.values[at:grown], self.masses[at:grown] = values, masses
        self.size = grown
        return at


def _sums(group: np.ndarray, masses: np.ndarray, groups: int) -> np.ndarray:
    """(groups, columns): each group's masses added in index order from 0.0, column by column (as
    `np.add.at`: `np.bincount` adds its weights one after another, in order)."""
    return np.stack([np.bincount(group, weights=column, minlength=groups) for column in masses.T], axis=1)


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Equal keys form a group: (each group's first index, each key's group), the groups in key order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=change[1:])
    group = np.empty(len(keys), dtype=np.int64)
    group[order] = np.cumsum(change) - 1
    return order[change], group


def _codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Small integer codes for the values (equal values, equal codes), and how many codes there may be."""
    low, high = values.min(), values.max()
    if high - low < 1 << 20 and (values == np.rint(values)).all():
        return (values - low).astype(np.int64), int(high - low) + 1
    found, codes = np.unique(values, return_inverse=True)
    return codes.reshape(-1), len(found)


def _spans(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices starts[i], starts[i] + 1, … starts[i] + counts[i] - 1, for each i in turn."""
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return np.arange(int(counts.sum())) + offsets
