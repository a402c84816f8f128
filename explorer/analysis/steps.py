"""Options as steps over keys: which metrics are live at each node, and how a parent's key becomes
a child's key (projection, clamped effects, a memoised `requires`). Used by `positions.unfold`."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from explorer.format import expressions
from explorer.format.models import Metric
from explorer.graph import Move, ScenarioGraph

Key = tuple[float, ...]
Effect = tuple[int, float, float, float]
"""(key slot, amount, lowest, highest): one effect on a metric that is part of the child's key."""
Requires = tuple[Callable[[Key], bool], Callable[[Key], Any], dict[Any, bool]]
"""A compiled `requires` over the parent's key, the getter of the values it reads, its memo."""
Step = tuple[int, int, Callable[[Key], Key] | None, tuple[Effect, ...], Requires | None]
"""(option index, child node number, parent key → child key (None: same layout), effects, requires)."""
PLAIN, UNGATED, GATED = 0, 1, 2
"""How much a node's steps do: keep keys as they are; change them; or also test a `requires`."""


def live_slots(
    graph: ScenarioGraph, topo: list[int], children: list[list[int]], moves: list[tuple[Move, ...]]
) -> list[tuple[int, ...]]:
    """Per node, the metric slots read by a `requires` there or anywhere below (bit masks, bottom up).
    `moves[n]` are node n's moves; each distinct compiled `requires` is examined once."""
    slot = graph.metric_slot
    size = len(moves)
    if not graph.parsed_requires:
        return [()] * size
    own = [0] * size
    reads: dict[Any, int] = {}
    ids = None
    for n in range(size):
        for move in moves[n]:
            test = move.requires
            if test is None:
                continue
            bits = reads.get(test)
            if bits is None:
                if ids is None:
                    ids = list(graph.scenario.nodes)
                expr = graph.parsed_requires[(ids[n], move.index)]
                bits = reads[test] = sum({1 << slot[m.name] for m in expressions.metrics_used(expr) if m.name in slot})
            own[n] |= bits
    if not any(own):
        return [()] * size
    mask = own
    for n in reversed(topo):
        kids = children[n]
        if kids:
            m = mask[n]
            for c in kids:
                m |= mask[c]
            mask[n] = m
    layouts: dict[int, tuple[int, ...]] = {}
    width = len(graph.metric_ids)
    for m in set(mask):
        layouts[m] = tuple(i for i in range(width) if m >> i & 1)
    return [layouts[m] for m in mask]


class StepCompiler:
    """Turns options into steps over keys, sharing work between nodes with the same layouts."""

    def __init__(self, graph: ScenarioGraph, live: list[tuple[int, ...]], children: list[list[int]]) -> None:
        self.graph, self.live, self.children = graph, live, children
        self.bounds = [_bounds(m) for m in graph.metrics]
        self.pairs: dict[tuple[int, int], tuple[Any, dict[int, int]]] = {}
        self.tests: dict[tuple[Any, int], Requires | bool] = {}

    def steps(self, n: int, node_id: str, moves: tuple[Move, ...]) -> tuple[tuple[Step, ...], int]:
        """Node `n`'s options over keys (options whose `requires` can never hold are left out), and
        how much they do: PLAIN (keys pass unchanged), UNGATED (no `requires`) or GATED."""
        live = self.live
        mine = live[n]
        kids = self.children[n]
        if not mine and not any(move.requires for move in moves):  # keys are all () here and below
            return tuple([(move.index, kids[i], None, (), None) for i, move in enumerate(moves)]), PLAIN
        bounds, tests = self.bounds, self.tests
        same = self._pair(mine, mine)[1] if mine else None
        out = []
        how = PLAIN
        for move, child in zip(moves, kids, strict=True):
            theirs = live[child]
            if theirs is mine:
                proj, place = None, same
            elif not theirs:
                proj, place = _EMPTY, None
            else:
                proj, place = self._pair(mine, theirs)
            effects = ()
            if place and move.effects:
                effects = tuple([(place[s], x, *bounds[s]) for s, x in move.effects if s in place])
            requires = None
            if move.requires is not None:
                requires = tests.get((move.requires, id(mine)))
                if requires is None:
                    requires = self._requires(move.requires, (node_id, move.index), mine)
                if requires is False:
                    continue  # a `requires` that reads no metric and is false: never available
                if requires is True:
                    requires = None
            if requires is not None:
                how = GATED
            elif how == PLAIN and (proj is not None or effects):
                how = UNGATED
            out.append((move.index, child, proj, effects, requires))
        return tuple(out), how

    def _pair(self, mine: tuple[int, ...], theirs: tuple[int, ...]) -> tuple[Any, dict[int, int]]:
        """How a parent key becomes a child key, and where each metric sits in the child key."""
        pair = self.pairs.get((id(mine), id(theirs)))  # layouts are shared tuples: their id names them
        if pair is None:
            proj = None if theirs is mine else _projection([mine.index(s) for s in theirs])
            pair = self.pairs[(id(mine), id(theirs))] = (proj, {s: i for i, s in enumerate(theirs)})
        return pair

    def _requires(self, compiled: Any, where: tuple[str, int], mine: tuple[int, ...]) -> Requires | bool:
        """The test over keys of layout `mine`, shared (with its memo) by every option with the same
        compiled condition (the graph compiles equal conditions once) and layout."""
        expr = self.graph.parsed_requires[where]
        here = {self.graph.metric_ids[s]: i for i, s in enumerate(mine)}
        read = sorted({here[m.name] for m in expressions.metrics_used(expr) if m.name in here})
        test = expressions.compile_predicate(expr, here)
        cached = (test, itemgetter(*read), {}) if read else bool(test(()))
        self.tests[(compiled, id(mine))] = cached
        return cached


def _EMPTY(key: Key) -> Key:
    return ()


def _projection(indices: list[int]) -> Callable[[Key], Key]:
    if not indices:
        return _EMPTY
    if len(indices) == 1:
        i = indices[0]
        return lambda key: (key[i],)
    return itemgetter(*indices)


def _bounds(m: Metric) -> tuple[float, float]:
    return (-float("inf") if m.min is None else m.min, float("inf") if m.max is None else m.max)


def topological(children: list[list[int]], start: int, size: int) -> list[int]:
    """Nodes reachable from `start`, parents before children (Kahn's algorithm, iterative)."""
    indegree = [0] * size
    stack = [start]
    push, pop = stack.append, stack.pop
    while stack:
        for child in children[pop()]:
            d = indegree[child]
            indegree[child] = d + 1
            if not d and child != start:  # reached for the first time
                push(child)
    order = []
    ready = [start]
    keep, push, pop = order.append, ready.append, ready.pop
    while ready:
        n = pop()
        keep(n)
        for child in children[n]:
            d = indegree[child] - 1
            indegree[child] = d
            if not d:
                push(child)
    return order
