"""The game as positions: the unfolding of the scenario graph over metric states.

A position is (node, key). Only metrics that some `requires` can still read can tell positions
apart: the key at node n holds the values of the metrics *live* at n — those read by a
`requires` at n or at any node below it (effects and clamping act on each metric alone, so
dropping the others is exact). Positions are numbered as they are found; `at[n]` lists a node's
positions, and `topo` orders the nodes so that a forward pass (odds) walks it and a backward pass
(values) walks it reversed, without recursion and without enumerating paths.

Everything is kept in flat lists indexed by node number or position number, for speed; the per-node
lists are the graph's `NodeTable`, recorded when the graph was built, so a solve never reads the models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import overload

import numpy as np

from explorer.analysis.layout import Layout, build_layout
from explorer.analysis.metric_effects import MetricEffects, metric_effects
from explorer.analysis.round_positions import MAX_STAGE_JOINT_MOVES, RoundExpander, StagePosition, StageTooLarge
from explorer.analysis.steps import PLAIN, Key, StepCompiler
from explorer.format.models import NodeKind
from explorer.gc_pause import paused_gc
from explorer.graph import CHANCE, DECISION, OUTCOME, ROUND, NodeTable, ScenarioGraph
from explorer.position_bound import QUICK_POSITIONS, live_slots, position_bound, topological
from explorer.resolution import joint_moves_text

__all__ = ["CHANCE", "DECISION", "OUTCOME", "ROUND", "Unfolding", "UnfoldingTooLarge", "unfold"]

MAX_POSITIONS = 2_000_000
"""Most (node, state) positions an unfolding may hold before it stops with `UnfoldingTooLarge`."""

class UnfoldingTooLarge(Exception):
    """The scenario has more (node, state) positions than the limit."""


@dataclass(eq=False, slots=True)
class Unfolding:
    """The positions reachable from the start, their children, and per-node game data (the per-node
    lists are the graph's `NodeTable` lists, shared: never mutate them)."""

    graph: ScenarioGraph
    table: NodeTable
    """The graph's per-node lists (node number → kind, actor, odds, payoffs, children …)."""
    actors: tuple[str, ...]
    """Every actor, in declaration order: the order of payoff vectors."""
    live: list[tuple[int, ...]] = field(default_factory=list)
    """Node number → the metric slots that make up its positions' keys, in metric order."""
    topo: list[int] = field(default_factory=list)
    """Numbers of the nodes reachable from the start, in topological order."""
    at: list[dict[Key, int] | None] = field(default_factory=list)
    """Node number → {key: position} for that node's positions (None if never reached)."""
    pos_node: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    """Position → its node number."""
    pos_key: list[Key] = field(default_factory=list)
    first: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    """Position p's children are the edges first[p] … first[p + 1] - 1 (length: positions + 1)."""
    kid: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    """Edge → the child position: one edge per *available* option, in option order."""
    opt: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    """Edge → the option index behind it (at a round: the rule its joint move fires)."""
    dead: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    """Positions of decision and chance nodes where every option is locked (dead ends), ascending."""
    stages: dict[int, StagePosition] = field(default_factory=dict)
    """Round positions → the stage game there (their children are its joint moves, in order; their
    `pos_opts` the rule each joint move fires)."""
    layout: Layout | None = None
    """The waves and groups the array passes walk (built with the positions)."""
    metrics: MetricEffects | None = None
    """What every move does to every metric, and how each metric's expectation is carried."""

    @property
    def pos_kids(self) -> _Rows:
        """Position → its children as a list, one per available option (a view of `kid`)."""
        return _Rows(self.first, self.kid, list)

    @property
    def pos_opts(self) -> _Rows:
        """Position → the option index behind each child, as a tuple (a view of `opt`)."""
        return _Rows(self.first, self.opt, tuple)

    @property
    def arrays(self) -> Layout:
        assert self.layout is not None
        return self.layout

    @property
    def root(self) -> int:
        return 0

    def __len__(self) -> int:
        return len(self.pos_node)

    def key(self, node_id: str, state: tuple[float, ...]) -> Key:
        """The key of `node_id` with full metric `state`."""
        return tuple(state[i] for i in self.live[self.table.number[node_id]])

    def find(self, node_id: str, state: tuple[float, ...]) -> int | None:
        """The position of `node_id` with full metric `state`, if it is reachable."""
        n = self.table.number.get(node_id)
        table = None if n is None else self.at[n]
        return None if table is None else table.get(tuple(state[i] for i in self.live[n]))

    def positions_of(self, node_id: str) -> list[int]:
        n = self.table.number.get(node_id)
        table = None if n is None else self.at[n]
        return list(table.values()) if table else []

    def node_id(self, pos: int) -> str:
        return self.table.ids[self.pos_node[pos]]

    def kind(self, pos: int) -> NodeKind:
        return self.table.kinds[self.pos_node[pos]]

    def state(self, pos: int) -> dict[str, float]:
        """The key metrics' values at a position (metrics no `requires` below can read are not kept)."""
        ids = self.graph.metric_ids
        return {ids[s]: v for s, v in zip(self.live[self.pos_node[pos]], self.pos_key[pos], strict=True)}

    def groups(self) -> list[tuple[int, list[int]]]:
        """(node number, its positions) for reached nodes, in topological order."""
        at = self.at
        return [(n, list(at[n].values())) for n in self.topo if at[n]]


class _Rows(Sequence):
    """Per-position slices of a flat edge array, as lists or tuples of ints."""

    __slots__ = ("_first", "_flat", "_make")

    def __init__(self, first: np.ndarray, flat: np.ndarray, make: type) -> None:
        self._first, self._flat, self._make = first, flat, make

    def __len__(self) -> int:
        return len(self._first) - 1

    @overload
    def __getitem__(self, pos: int) -> list[int] | tuple[int, ...]: ...
    @overload
    def __getitem__(self, pos: slice) -> list: ...
    def __getitem__(self, pos):  # type: ignore[no-untyped-def]
        if isinstance(pos, slice):
            return [self[p] for p in range(*pos.indices(len(self)))]
        if pos < 0:
            pos += len(self)
        if not 0 <= pos < len(self):
            raise IndexError(pos)
        return self._make(self._flat[self._first[pos]:self._first[pos + 1]].tolist())


def unfold(graph: ScenarioGraph, max_positions: int = MAX_POSITIONS) -> Unfolding:
    """Every (node, key) position reachable from the start; raise `UnfoldingTooLarge` past the limit.

    Unfolded first within `QUICK_POSITIONS`; past that, only when `position_bound` shows that the
    limit can hold them, so that a scenario far beyond it is refused at once, not after millions."""
    with paused_gc():
        if max_positions <= QUICK_POSITIONS:
            return _unfold(graph, max_positions)
        try:
            return _unfold(graph, QUICK_POSITIONS)
        except UnfoldingTooLarge:
            pass
        u, _ = _compile(graph)
        bound = position_bound(graph, u.live, max_positions)
        if bound > max_positions:
            raise UnfoldingTooLarge(
                f"the scenario can have more than {max_positions:,} (node, metric state) positions "
                f"(over {QUICK_POSITIONS:,} found, and its metrics combine into many more); its metrics take too "
                "many different values, or its rounds too many combinations of moves, to analyse exactly"
            )
        return _unfold(graph, max_positions)


def _too_large(limit: int) -> str:
    return (f"the scenario has more than {limit:,} (node, metric state) positions; its metrics take too many "
            "different values, or its rounds too many combinations of moves, to analyse exactly")


def _too_many_joint_moves(exc: StageTooLarge, max_positions: int) -> str:
    where = f"round '{exc.node_id}' has {joint_moves_text(exc.joint_moves)} of its {exc.acting} acting actors"
    if exc.joint_moves > MAX_STAGE_JOINT_MOVES:
        return (f"{where} in a reachable state, more than the {MAX_STAGE_JOINT_MOVES:,} of the largest stage game the "
                "analysis solves (every joint move is a branch of the game); it does not approximate — give the round "
                "fewer actors (split it into rounds in a row) or its actors fewer moves")
    return (f"{where} in a reachable state, and with the rounds before it that is more than {max_positions:,} joint "
            "moves in all, the most the analysis holds; give rounds fewer actors or their actors fewer moves")


def _compile(graph: ScenarioGraph) -> tuple[Unfolding, StepCompiler]:
    """The unfolding with its topological order and live metrics, and the compiler of options into
    steps over keys (it runs as the unfolding reaches nodes)."""
    t = graph.table
    if not t.complete:
        raise ValueError("the scenario has options that lead to unknown nodes")
    u = Unfolding(graph, t, tuple(graph.scenario.actors))
    u.topo = topological(t.children, t.number[graph.start], t.indegree)
    u.live = live_slots(graph, u.topo, t.children, t.reads)
    return u, StepCompiler(graph, u.live, t.children)


def _unfold(graph: ScenarioGraph, max_positions: int) -> Unfolding:
    u, compiler = _compile(graph)
    table = u.table
    start = table.number[graph.start]
    at: list[dict[Key, int] | None] = [None] * len(table.ids)
    live = u.live
    start_key = tuple(graph.initial_state[i] for i in live[start])
    at[start] = {start_key: 0}
    pos_node = [start]  # by the number a position is found with (renumbered at the end)
    new_node = pos_node.append

    def place(child: int, key: Key) -> int:
        """The position of node `child` with `key`, added if it is new."""
        within = at[child]
        if within is None:
            within = at[child] = {}
        cid = within.get(key)
        if cid is None:
            cid = within[key] = len(pos_node)
            new_node(child)
        return cid

    # What each position leads to, in the order positions are expanded: node by node in `topo` order
    order: list[int] = []
    flat_kids: list[int] = []
    flat_opts: list[int] = []
    counts: list[int] = []
    expanded, add_kids, add_opts, add_count = order.append, flat_kids.extend, flat_opts.extend, counts.append
    ranges: dict[int, tuple[int, ...]] = {}
    kinds, ids = table.kinds, table.ids
    children, node_actions = table.children, table.actions
    known, transition, make = compiler.transitions, compiler.transition, compiler.steps
    expand = RoundExpander(graph, live).expand
    stages: dict[int, StagePosition] = {}
    joints_left = max_positions  # every joint move is a branch, held like a position
    for n in u.topo:
        here = at[n]
        if here is None:
            continue
        targets = children[n]
        if not targets:
            order.extend(here.values())
            counts.extend([0] * len(here))
            continue
        if len(pos_node) > max_positions:
            raise UnfoldingTooLarge(_too_large(max_positions))
        if kinds[n] == ROUND:
            for key, pid in here.items():
                try:
                    stage, results = expand(n, key, min(MAX_STAGE_JOINT_MOVES, joints_left))
                except StageTooLarge as exc:
                    raise UnfoldingTooLarge(_too_many_joint_moves(exc, max_positions)) from None
                joints_left -= len(results)
                stages[pid] = stage
                kids = [place(child, after) for child, after in results]
                expanded(pid)
                add_kids(kids)
                add_opts(stage.rules)
                add_count(len(kids))
                if len(pos_node) > max_positions:
                    raise UnfoldingTooLarge(_too_large(max_positions))
            continue
        count = len(targets)
        full = ranges.get(count)
        if full is None:
            full = ranges[count] = tuple(range(count))
        if len(here) == 1:  # one position (always so in a tree): options taken directly, no steps built
            ((key, pid),) = here.items()
            mine = live[n]
            mid = id(mine)
            kids = []
            taken = None  # the options taken, once one is found locked
            for index, action, child in zip(full, node_actions[n], targets):  # noqa: B905 (one of each per option)
                theirs = live[child]
                effects = action.effects
                if action.requires is None and not theirs:  # the child keeps no metric: its key is ()
                    after = theirs
                elif action.requires is None and theirs is mine and not effects:
                    after = key
                else:
                    found = known.get((mid, id(theirs), id(effects), action.requires))
                    if found is None:
                        found = transition(mine, theirs, action, ids[n])
                    step = found[0]
                    if step is None:
                        after = False
                    else:
                        memo = step[0]
                        after = memo.get(key)
                        if after is None:
                            after = memo[key] = step[1](key)
                    if after is False:
                        if taken is None:
                            taken = list(full[:index])
                        continue
                kids.append(place(child, after))
                if taken is not None:
                    taken.append(index)
            expanded(pid)
            add_kids(kids)
            add_opts(full if taken is None else taken)
            add_count(len(kids))
            continue
        steps, how = make(n, ids[n], node_actions[n])
        if not steps:
            order.extend(here.values())
            counts.extend([0] * len(here))
            continue
        if how == PLAIN:  # keys pass unchanged, every open option open at every position
            opts = full if len(steps) == count else tuple([s[0] for s in steps])
            for key, pid in here.items():
                kids = [place(child, key) for _, child, _, _ in steps]
                expanded(pid)
                add_kids(kids)
                add_opts(opts)
                add_count(len(kids))
            continue
        for key, pid in here.items():
            kids = []
            taken = []
            for index, child, memo, step in steps:
                after = memo.get(key)
                if after is None:
                    after = memo[key] = step(key)
                if after is not False:
                    kids.append(place(child, after))
                    taken.append(index)
            expanded(pid)
            add_kids(kids)
            add_opts(taken)
            add_count(len(kids))
    _number(u, at, pos_node, order, flat_kids, flat_opts, counts, stages)
    return u


def _number(u: Unfolding, at: list[dict[Key, int] | None], found_node: list[int], order: list[int],
            flat_kids: list[int], flat_opts: list[int], counts: list[int], stages: dict[int, StagePosition]) -> None:
    """Renumber the positions in the order they were expanded (`order`: the numbers they were found
    with) and store the flat arrays."""
    size = len(found_node)
    expanded = np.array(order, dtype=np.int64)
    renumber = np.empty(size, dtype=np.int64)
    renumber[expanded] = np.arange(size, dtype=np.int64)
    u.pos_node = np.array(found_node, dtype=np.int64)[expanded]
    u.first = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.array(counts, dtype=np.int64), out=u.first[1:])
    u.kid = renumber[np.array(flat_kids, dtype=np.int64)]
    u.opt = np.array(flat_opts, dtype=np.int64)
    u.stages = {int(renumber[p]): stage for p, stage in stages.items()}
    done = 0
    for n in u.topo:
        found = at[n]
        if found:
            at[n] = dict(zip(found, range(done, done + len(found)), strict=True))
            done += len(found)
    u.at = at
    u.pos_key = list(chain.from_iterable(found for n in u.topo if (found := at[n])))
    kinds = np.array([int(k) for k in u.table.kinds], dtype=np.int8)
    empty = u.first[1:] == u.first[:-1]
    u.dead = np.flatnonzero(empty & (kinds[u.pos_node] != int(OUTCOME)))
    u.layout = build_layout(u, kinds)
    u.metrics = metric_effects(u)
