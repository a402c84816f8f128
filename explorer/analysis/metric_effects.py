"""What every move does to every metric, and how each metric's expectation is carried (see
`expectations`): built once per unfolding, with its arrays."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Protocol

import numpy as np

from explorer.analysis.layout import Layout
from explorer.analysis.round_positions import StagePosition
from explorer.analysis.steps import Key
from explorer.graph import ROUND, NodeTable, ScenarioGraph

UNCHANGED, MEAN, VALUES = 0, 1, 2
"""How a metric's expectation is carried: no move changes it; linearly; or value by value."""


@dataclass(eq=False, slots=True)
class MetricEffects:
    """What every move does to every metric, and how each metric's expectation is carried."""

    row: np.ndarray
    """(option rows, metrics): each option's effect (0 at rounds; see `rounds`)."""
    how: list[int]
    """Metric slot → UNCHANGED, MEAN or VALUES."""
    rounds: dict[int, tuple[np.ndarray, np.ndarray]]
    """Metric slot changed at some round → per edge, (the moves' effects summed, the rule's effect); at
    edges that are not a round's the option's effect and 0."""
    keyed: dict[int, np.ndarray]
    """Metric slot carried value by value → per position, its value where it is part of the position's
    key (every walk there has that value), NaN where it is not."""


class Unfolded(Protocol):
    """What the metric effects are read from: an unfolding with its layout."""

    graph: ScenarioGraph
    table: NodeTable
    topo: list[int]
    at: list[dict[Key, int] | None]
    live: list[tuple[int, ...]]
    pos_node: np.ndarray
    pos_key: list[Key]
    first: np.ndarray
    kid: np.ndarray
    stages: dict[int, StagePosition]

    @property
    def arrays(self) -> Layout: ...

    def __len__(self) -> int: ...


def metric_effects(u: Unfolded) -> MetricEffects:
    """Each option's effects and each metric's way of carrying (built once, with the unfolding)."""
    t, lay, graph = u.table, u.arrays, u.graph
    width = len(graph.metric_ids)
    row = np.zeros((int(lay.option_start[-1]), width))
    changed = np.zeros(width, dtype=bool)
    if width:
        row_node = np.repeat(np.arange(len(t.ids)), np.diff(lay.option_start))
        rows = np.flatnonzero(lay.kinds[row_node] != ROUND)
        codes: dict[int, int] = {}
        distinct: list[tuple[tuple[int, float], ...]] = []
        index = []
        for action in chain.from_iterable(t.actions):
            effects = action.effects  # interned by the graph: equal effects are one tuple
            code = codes.get(id(effects))
            if code is None:
                code = codes[id(effects)] = len(distinct)
                distinct.append(effects)
            index.append(code)
        amounts = np.zeros((len(distinct), width))
        mentions = np.zeros((len(distinct), width), dtype=bool)
        for code, effects in enumerate(distinct):
            for s, x in effects:
                amounts[code, s] = x
                mentions[code, s] = True
        coded = np.array(index, dtype=np.int64)
        row[rows] = amounts[coded]
        reached = lay.node_wave[row_node[rows]] >= 0
        changed = mentions[np.unique(coded[reached])].any(axis=0) if reached.any() else changed
    in_rounds = {s for r in t.rounds if r is not None
                 for e in [*(m.effects for ms in r.moves for m in ms), *(rule.effects for rule in r.rules)] for s, _ in e}
    clamps = _may_clamp(u, row, [s for s in range(width) if changed[s] and s not in in_rounds])
    how = [VALUES if s in in_rounds or s in clamps else MEAN if changed[s] else UNCHANGED for s in range(width)]
    rounds = {s: _round_edges(u, row[:, s], s) for s in sorted(in_rounds)}
    return MetricEffects(row, how, rounds, _keyed(u, [s for s in range(width) if how[s] == VALUES]))


def _keyed(u: Unfolded, slots: list[int]) -> dict[int, np.ndarray]:
    """Per slot, each position's value of it where its key holds it (NaN elsewhere)."""
    out = {s: np.full(len(u), np.nan) for s in slots}
    if not slots:
        return out
    by_layout: dict[tuple[int, ...], list[int]] = {}
    for n in u.topo:
        if u.at[n]:
            by_layout.setdefault(u.live[n], []).append(n)
    node = u.pos_node
    for layout, nodes in by_layout.items():
        wanted = [(s, layout.index(s)) for s in slots if s in layout]
        if not wanted:
            continue
        positions = np.flatnonzero(np.isin(node, nodes))
        keys = u.pos_key
        flat = np.fromiter(chain.from_iterable(keys[p] for p in positions.tolist()), dtype=float,
                           count=len(positions) * len(layout)).reshape(len(positions), len(layout))
        for s, column in wanted:
            out[s][positions] = flat[:, column]
    return out


def _may_clamp(u: Unfolded, row: np.ndarray, slots: list[int]) -> set[int]:
    """The slots whose bounds can bite: the unclamped range over the graph (every path of nodes the
    start reaches, `requires` ignored) leaves the bounds."""
    metrics = u.graph.metrics
    bounded = [s for s in slots if metrics[s].min is not None or metrics[s].max is not None]
    if not bounded:
        return set()
    t, lay = u.table, u.arrays
    counts = np.diff(lay.option_start)
    row_node = np.repeat(np.arange(len(t.ids)), counts)
    child = np.fromiter(chain.from_iterable(t.children), dtype=np.int64, count=int(lay.option_start[-1]))
    reached = lay.node_wave[row_node] >= 0
    step = row[:, bounded] * (lay.kinds[row_node] != ROUND)[:, None]
    order = np.flatnonzero(reached)
    order = order[np.argsort(lay.node_wave[row_node[order]], kind="stable")]
    cut = np.searchsorted(lay.node_wave[row_node[order]], np.arange(int(lay.node_wave.max()) + 2))
    low = np.full((len(t.ids), len(bounded)), np.inf)
    high = np.full((len(t.ids), len(bounded)), -np.inf)
    start = int(u.pos_node[0])
    low[start] = high[start] = [metrics[s].initial for s in bounded]
    for w in range(len(cut) - 1):
        rows = order[cut[w]:cut[w + 1]]
        if len(rows):
            np.minimum.at(low, child[rows], low[row_node[rows]] + step[rows])
            np.maximum.at(high, child[rows], high[row_node[rows]] + step[rows])
    out = set()
    for i, s in enumerate(bounded):
        m = metrics[s]
        if (m.min is not None and (low[:, i] < m.min).any()) or (m.max is not None and (high[:, i] > m.max).any()):
            out.add(s)
    return out


def _round_edges(u: Unfolded, option_effect: np.ndarray, slot: int) -> tuple[np.ndarray, np.ndarray]:
    """Per edge: the metric's change by the moves (summed over the acting actors, first to last) and by
    the rule; at other edges the option's effect and 0."""
    lay = u.arrays
    move = option_effect[lay.option_row]
    rule = np.zeros(len(u.kid))
    cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    for p, stage in u.stages.items():
        n = int(u.pos_node[p])
        key = (n, stage.actors, stage.moves, stage.rules)
        found = cache.get(key)
        if found is None:
            compiled = u.table.rounds[n]
            assert compiled is not None
            acc: np.ndarray | float = 0.0
            for a, moves in zip(stage.actors, stage.moves, strict=True):
                amounts = np.array([sum(x for s, x in compiled.moves[a][m].effects if s == slot) for m in moves], dtype=float)
                acc = np.add.outer(acc, amounts) if isinstance(acc, np.ndarray) else acc + amounts
            by_rule = [sum(x for s, x in rule_.effects if s == slot) for rule_ in compiled.rules]
            found = cache[key] = (np.ravel(acc) + np.zeros(len(stage.rules)), np.array([by_rule[r] for r in stage.rules], dtype=float))
        a, b = int(u.first[p]), int(u.first[p + 1])
        move[a:b], rule[a:b] = found
    return move, rule
