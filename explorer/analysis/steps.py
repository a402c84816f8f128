"""Options as steps over keys: which metrics are live at each node, and how a parent's key becomes
a child's key (projection, clamped effects, a memoised `requires`). Used by `positions.unfold`."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from explorer.format import expressions
from explorer.format.models import Metric
from explorer.graph import ScenarioGraph

if TYPE_CHECKING:
    from explorer.analysis.positions import Unfolding

Key = tuple[float, ...]
Effect = tuple[int, float, float, float]
"""(key slot, amount, lowest, highest): one effect on a metric that is part of the child's key."""
Requires = tuple[Callable[[Key], bool], Callable[[Key], Any], dict[Any, bool]]
"""A compiled `requires` over the parent's key, the getter of the values it reads, its memo."""
Step = tuple[int, int, Callable[[Key], Key] | None, tuple[Effect, ...], Requires | None]
"""(option index, child node number, parent key → child key (None: same layout), effects, requires)."""


def live_slots(graph: ScenarioGraph, u: Unfolding, children: list[list[int]]) -> list[tuple[int, ...]]:
    """Per node, the metric slots read by a `requires` there or anywhere below (bit masks, bottom up)."""
    slot = graph.metric_slot
    own = [0] * len(u.node_ids)
    reads: dict[str, int] = {}
    for (node_id, index), expr in graph.parsed_requires.items():
        text = graph.node(node_id).options[index].requires or ""
        bits = reads.get(text)
        if bits is None:
            bits = reads[text] = sum({1 << slot[m.name] for m in expressions.metrics_used(expr) if m.name in slot})
        own[u.number[node_id]] |= bits
    mask = own[:]
    for n in reversed(u.topo):
        for c in children[n]:
            mask[n] |= mask[c]
    layouts: dict[int, tuple[int, ...]] = {}
    width = len(graph.metric_ids)
    out = []
    for m in mask:
        layout = layouts.get(m)
        if layout is None:
            layout = layouts[m] = tuple(i for i in range(width) if m >> i & 1)
        out.append(layout)
    return out


class StepCompiler:
    """Turns options into steps over keys, sharing work between nodes with the same layouts."""

    def __init__(self, graph: ScenarioGraph, u: Unfolding, children: list[list[int]]) -> None:
        self.graph, self.u, self.children = graph, u, children
        self.bounds = [_bounds(m) for m in graph.metrics]
        self.pairs: dict[tuple[int, int], tuple[Any, dict[int, int]]] = {}
        self.tests: dict[tuple[str, int], Requires | bool] = {}

    def steps(self, n: int) -> tuple[Step, ...]:
        """Node `n`'s options over keys; options whose `requires` can never hold are left out."""
        u = self.u
        node_id = u.node_ids[n]
        mine = u.live[n]
        live, bounds, tests = u.live, self.bounds, self.tests
        same = self._pair(mine, mine)[1] if mine else None
        out = []
        for move, child in zip(self.graph.moves(node_id), self.children[n], strict=True):
            option = move.option
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
            if option.requires is not None:
                requires = tests.get((option.requires, id(mine)))
                if requires is None:
                    requires = self._requires(option.requires, (node_id, move.index), mine)
                if requires is False:
                    continue  # a `requires` that reads no metric and is false: never available
                if requires is True:
                    requires = None
            out.append((move.index, child, proj, effects, requires))
        return tuple(out)

    def _pair(self, mine: tuple[int, ...], theirs: tuple[int, ...]) -> tuple[Any, dict[int, int]]:
        """How a parent key becomes a child key, and where each metric sits in the child key."""
        pair = self.pairs.get((id(mine), id(theirs)))  # layouts are shared tuples: their id names them
        if pair is None:
            proj = None if theirs is mine else _projection([mine.index(s) for s in theirs])
            pair = self.pairs[(id(mine), id(theirs))] = (proj, {s: i for i, s in enumerate(theirs)})
        return pair

    def _requires(self, text: str, where: tuple[str, int], mine: tuple[int, ...]) -> Requires | bool:
        """The compiled test, shared (with its memo) by every option with the same text and layout."""
        cached = self.tests.get((text, id(mine)))
        if cached is None:
            expr = self.graph.parsed_requires[where]
            here = {self.graph.metric_ids[s]: i for i, s in enumerate(mine)}
            read = sorted({here[m.name] for m in expressions.metrics_used(expr) if m.name in here})
            test = expressions.compile_predicate(expr, here)
            cached = (test, itemgetter(*read), {}) if read else bool(test(()))
            self.tests[(text, id(mine))] = cached
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
    seen = [False] * size
    seen[start] = True
    stack = [start]
    while stack:
        n = stack.pop()
        for child in children[n]:
            indegree[child] += 1
            if not seen[child]:
                seen[child] = True
                stack.append(child)
    order = []
    ready = [start]
    while ready:
        n = ready.pop()
        order.append(n)
        for child in children[n]:
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return order
