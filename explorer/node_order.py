"""Nodes in order, parents before children, over a graph given as lists of child numbers."""

from __future__ import annotations


def topological(children: list[list[int]], start: int, indegree: list[int] | None = None) -> list[int]:
    """Nodes reachable from `start`, parents before children (Kahn's algorithm, iterative). With the
    graph's `indegree` (options leading to each node), one pass suffices when every node turns out
    reachable; otherwise, or without it, the in-degrees are first counted over the reachable nodes."""
    if indegree is not None and not indegree[start]:
        order = _kahn(children, start, list(indegree))
        if len(order) == len(children):
            return order
    counts = [0] * len(children)
    stack = [start]
    push, pop = stack.append, stack.pop
    while stack:
        for child in children[pop()]:
            d = counts[child]
            counts[child] = d + 1
            if not d and child != start:  # reached for the first time
                push(child)
    return _kahn(children, start, counts)


def _kahn(children: list[list[int]], start: int, indegree: list[int]) -> list[int]:
    """The nodes that `start` reaches once every parent counted in `indegree` (consumed) is placed."""
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
