"""Options as steps over keys: how a parent's key becomes
a child's key (projection, clamped effects, `requires`), memoised per transition. Used by `positions.unfold`."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from explorer.actions import Action
from explorer.format import expressions
from explorer.format.models import Metric
from explorer.graph import ScenarioGraph

Key = tuple[float, ...]
Effect = tuple[int, float, float, float]
"""(key slot, amount, lowest, highest): one effect on a metric that is part of the child's key."""
Locked = bool
"""`False` in a transition's memo: the option's `requires` does not hold for that parent key."""
Transition = tuple[dict[Key, "Key | Locked"], Callable[[Key], "Key | Locked"]]
"""A memo parent key → child key (or `False` where locked), and the function that fills it. Shared by
every option with the same parent layout, child layout, effects and `requires`."""
KeyStep = tuple[int, int, dict[Key, "Key | Locked"], Callable[[Key], "Key | Locked"]]
"""(option index, child node number, the transition's memo, its function)."""
PLAIN, UNGATED, GATED = 0, 1, 2
"""How much a node's steps do: keep keys as they are; change them; or also test a `requires`."""


class StepCompiler:
    """Turns options into steps over keys, sharing one transition (and its memo) between all options
    that move keys the same way."""

    def __init__(self, graph: ScenarioGraph, live: list[tuple[int, ...]], children: list[list[int]]) -> None:
        self.graph, self.live, self.children = graph, live, children
        self.bounds = [_bounds(m) for m in graph.metrics]
        self.tests: dict[tuple[Any, int], Callable[[Key], bool] | bool] = {}
        self.transitions: dict[tuple[int, int, int, Any], tuple[Transition | None, int]] = {}
        """(id of parent layout, id of child layout, id of effects, compiled `requires`) → the
        transition (None: never available) and how much it does (PLAIN, UNGATED or GATED)."""

    def steps(self, n: int, node_id: str, moves: tuple[Action, ...]) -> tuple[tuple[KeyStep, ...], int]:
        """Node `n`'s options over keys (options whose `requires` can never hold are left out), and
        how much they do: PLAIN (keys pass unchanged), UNGATED (no `requires`) or GATED."""
        live = self.live
        mine = live[n]
        mid = id(mine)
        known = self.transitions
        out = []
        how = PLAIN
        for move, child in zip(moves, self.children[n]):  # noqa: B905 (one child per move)
            effects = move.effects  # the graph interns them: equal effects are one tuple
            theirs = live[child]
            found = known.get((mid, id(theirs), id(effects), move.requires))
            if found is None:
                found = self.transition(mine, theirs, move, node_id)
            transition, does = found
            if transition is None:
                continue
            if does > how:
                how = does
            out.append((move.index, child, *transition))
        return tuple(out), how

    def transition(self, mine: tuple[int, ...], theirs: tuple[int, ...], move: Action, node_id: str) -> tuple[Transition | None, int]:
        """Compile and remember how `move` takes keys of layout `mine` to keys of layout `theirs`."""
        proj = None if theirs is mine else _projection([mine.index(s) for s in theirs])
        place = {s: i for i, s in enumerate(theirs)}
        bounds = self.bounds
        effects = tuple([(place[s], x, *bounds[s]) for s, x in move.effects if s in place])
        test = None
        if move.requires is not None:
            test = self.tests.get((move.requires, id(mine)))
            if test is None:
                test = self._requires(move.requires, (node_id, move.index), mine)
            if test is True:
                test = None
        does = GATED if test is not None else UNGATED if proj is not None or effects else PLAIN
        transition = None if test is False else ({}, _mover(proj, effects, test))
        found = self.transitions[(id(mine), id(theirs), id(move.effects), move.requires)] = (transition, does)
        return found

    def _requires(self, compiled: Any, where: tuple[str, int], mine: tuple[int, ...]) -> Callable[[Key], bool] | bool:
        """The test over keys of layout `mine`, shared by every option with the same compiled
        condition (the graph compiles equal conditions once) and layout; a bool if it reads no metric."""
        expr = self.graph.parsed_requires[where]
        here = {self.graph.metric_ids[s]: i for i, s in enumerate(mine)}
        reads = any(m.name in here for m in expressions.metrics_used(expr))
        test = expressions.compile_predicate(expr, here)
        cached = test if reads else bool(test(()))
        self.tests[(compiled, id(mine))] = cached
        return cached


def _mover(proj: Callable[[Key], Key] | None, effects: tuple[Effect, ...], test: Callable[[Key], bool] | None) -> Callable[[Key], Key | Locked]:
    """Parent key → child key, or False where `test` fails; the result is memoised by the caller."""

    def move(key: Key) -> Key | Locked:
        if test is not None and not test(key):
            return False
        after = key if proj is None else proj(key)
        if not effects:
            return after
        values = list(after)
        for slot, amount, low, high in effects:
            x = values[slot] + amount
            values[slot] = low if x < low else high if x > high else x
        return tuple(values)

    return move


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
