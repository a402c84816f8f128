"""How many (node, metric state) positions a scenario can have at most, found without visiting them.

Exploring positions is the only exact count, and a scenario whose metrics combine freely (40 on/off
metrics: 2^40 states) would explore millions before stopping at the limit. `position_bound` finds a
bound in one pass over the nodes instead: at each node, the positions are no more than the paths
that reach it, and no more than the product, over the metrics that make up its key, of the values
each metric can have there (propagated from the start through every option's clamped effects,
each on its own; at a round, through every combination of the actors' moves and every rule).
`requires` only removes positions, so the bound holds with them too. It may be
far above the true count when metrics move together; callers explore first within a small budget
and use the bound only to decide, at once, whether exploring further can succeed.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.format.models import Metric
from explorer.graph import ScenarioGraph
from explorer.node_order import topological
from explorer.resolution import Round

QUICK_POSITIONS = 100_000
"""Positions explored before the bound is asked: most scenarios are counted exactly within it."""
_MANY = None
"""A metric's value set once it holds more than `_VALUES_KEPT` values: as good as unbounded."""
_VALUES_KEPT = 64


def position_bound(graph: ScenarioGraph, slots: Sequence[Sequence[int]], cap: int) -> int:
    """At most how many positions are reachable, a node's key holding the metric slots `slots[n]`;
    `cap + 1` as soon as the bound passes `cap`."""
    t = graph.table
    start = t.number[graph.start]
    order = topological(t.children, start, t.indegree)
    needed = sorted({s for n in order for s in slots[n]})
    metrics = graph.metrics
    values: list[dict[int, frozenset[float] | None] | None] = [None] * len(t.ids)
    values[start] = {s: frozenset([float(metrics[s].initial)]) for s in needed}
    paths = [0] * len(t.ids)
    paths[start] = 1
    total = 0
    for n in order:
        here = values[n]
        values[n] = None  # a node's values are needed only while its options are followed
        if here is None:
            continue
        count = min(paths[n], cap + 1)
        product = 1
        for s in slots[n]:
            found = here[s]
            product = cap + 1 if found is _MANY else product * len(found)
            if product > cap:
                break
        total += min(count, product)
        if total > cap:
            return cap + 1
        compiled = t.rounds[n]
        if compiled is not None:
            joints = count
            for moves in compiled.moves:
                joints = min(joints * len(moves), cap + 1)
            middle = _apply_round(here, compiled, metrics)
            for rule in compiled.rules:
                child = rule.target
                if child < 0:
                    continue
                paths[child] = min(paths[child] + joints, cap + 1)
                after = _apply(middle, rule.effects, metrics) if rule.effects else middle
                values[child] = after if values[child] is None else _union(values[child], after)
            continue
        for move, child in zip(t.actions[n], t.children[n], strict=True):
            if child < 0:
                continue
            paths[child] = min(paths[child] + count, cap + 1)
            after = _apply(here, move.effects, metrics) if move.effects else here
            values[child] = after if values[child] is None else _union(values[child], after)
    return total


def live_slots(graph: ScenarioGraph, topo: list[int], children: list[list[int]], reads: list[int]) -> list[tuple[int, ...]]:
    """Per node, the metric slots read by a `requires` there or anywhere below (the only ones that can
    still tell two of its states apart: effects and clamping act on each metric alone); `reads[n]` is
    the bit mask of the slots node n's own conditions read (`NodeTable.reads`). Masks are ORed bottom up."""
    if not any(reads):
        return [()] * len(reads)
    mask = list(reads)
    for n in reversed(topo):
        kids = children[n]
        if kids:
            m = mask[n]
            for c in kids:
                if c >= 0:
                    m |= mask[c]
            mask[n] = m
    layouts: dict[int, tuple[int, ...]] = {}
    width = len(graph.metric_ids)
    for m in set(mask):
        layouts[m] = tuple(i for i in range(width) if m >> i & 1)
    return [layouts[m] for m in mask]


def _apply_round(values: dict[int, frozenset[float] | None], compiled: Round,
                 metrics: Sequence[Metric]) -> dict[int, frozenset[float] | None]:
    """The value sets after a round's moves: each metric changed by the sum of one move's effect per
    actor (or none: an actor may sit the round out), clamped once."""
    changed = dict(values)
    for slot, found in values.items():
        if found is _MANY:
            continue
        totals: frozenset[float] | None = frozenset([0.0])
        for moves in compiled.moves:
            amounts = {0.0} | {sum(x for s, x in m.effects if s == slot) for m in moves}
            if totals is _MANY or len(amounts) == 1:
                continue
            totals = frozenset(t + a for t in totals for a in amounts)
            if len(totals) > _VALUES_KEPT:
                totals = _MANY
        if totals is _MANY:
            changed[slot] = _MANY
        elif totals != {0.0}:
            after = frozenset(metrics[slot].clamp(v + x) for v in found for x in totals)
            changed[slot] = _MANY if len(after) > _VALUES_KEPT else after
    return changed


def _apply(values: dict[int, frozenset[float] | None], effects: tuple[tuple[int, float], ...],
           metrics: Sequence[Metric]) -> dict[int, frozenset[float] | None]:
    """The value sets after an option's effects (only on the metrics followed; clamped)."""
    changed = dict(values)
    for slot, amount in effects:
        found = changed.get(slot, _MANY)
        if found is not _MANY:
            changed[slot] = frozenset(metrics[slot].clamp(v + amount) for v in found)
    return changed


def _union(a: dict[int, frozenset[float] | None], b: dict[int, frozenset[float] | None]) -> dict[int, frozenset[float] | None]:
    if a is b:
        return a
    merged: dict[int, frozenset[float] | None] = {}
    for slot, left in a.items():
        right = b[slot]
        if left is _MANY or right is _MANY:
            merged[slot] = _MANY
            continue
        both = left | right
        merged[slot] = _MANY if len(both) > _VALUES_KEPT else both
    return merged
