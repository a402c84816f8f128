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

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from explorer.analysis.steps import PLAIN, Key, StepCompiler, live_slots
from explorer.graph import CHANCE, DECISION, OUTCOME, ScenarioGraph
from explorer.position_bound import QUICK_POSITIONS, position_bound, topological

__all__ = ["CHANCE", "DECISION", "OUTCOME", "Unfolding", "UnfoldingTooLarge", "paused_gc", "unfold"]

MAX_POSITIONS = 2_000_000
"""Most (node, state) positions an unfolding may hold before it stops with `UnfoldingTooLarge`."""

class UnfoldingTooLarge(Exception):
    """The scenario has more (node, state) positions than the limit."""


@dataclass(eq=False, slots=True)
class Unfolding:
    """The positions reachable from the start, their children, and per-node game data (the per-node
    lists are the graph's `NodeTable` lists, shared: never mutate them)."""

    graph: ScenarioGraph
    actors: tuple[str, ...]
    """Every actor, in declaration order: the order of payoff vectors."""
    node_ids: list[str]
    number: dict[str, int]
    """Node id → node number."""
    kinds: list[int]
    actor_of: list[int]
    """Node number → index into `actors` of the deciding actor (-1 unless a decision)."""
    option_count: list[int]
    chance: list[tuple[float, ...]]
    """Node number → each option's `probability` (0.0 where none), for chance and decision nodes."""
    has_beliefs: list[bool]
    """Node number → whether a decision node gives the analyst's probabilities."""
    payoffs: list[tuple[float, ...] | None]
    """Node number → payoff per actor at an outcome (missing payoffs are 0), else None."""
    live: list[tuple[int, ...]] = field(default_factory=list)
    """Node number → the metric slots that make up its positions' keys, in metric order."""
    topo: list[int] = field(default_factory=list)
    """Numbers of the nodes reachable from the start, in topological order."""
    at: list[dict[Key, int] | None] = field(default_factory=list)
    """Node number → {key: position} for that node's positions (None if never reached)."""
    pos_node: list[int] = field(default_factory=list)
    pos_key: list[Key] = field(default_factory=list)
    pos_kids: list[list[int]] = field(default_factory=list)
    """Position → its children, one per *available* option, in option order."""
    pos_opts: list[tuple[int, ...]] = field(default_factory=list)
    """Position → the option index behind each child."""
    plan: list[tuple[int, int, list[int]]] = field(default_factory=list)
    """(position, actor index at a decision or -1 - node number at a chance node, children) for every
    position with a move, in topological order: the backward pass walks it reversed."""
    dead: list[int] = field(default_factory=list)
    """Positions of decision and chance nodes where every option is locked (dead ends)."""

    @property
    def root(self) -> int:
        return 0

    def __len__(self) -> int:
        return len(self.pos_node)

    def key(self, node_id: str, state: tuple[float, ...]) -> Key:
        """The key of `node_id` with full metric `state`."""
        return tuple(state[i] for i in self.live[self.number[node_id]])

    def find(self, node_id: str, state: tuple[float, ...]) -> int | None:
        """The position of `node_id` with full metric `state`, if it is reachable."""
        n = self.number.get(node_id)
        table = None if n is None else self.at[n]
        return None if table is None else table.get(tuple(state[i] for i in self.live[n]))

    def positions_of(self, node_id: str) -> list[int]:
        n = self.number.get(node_id)
        table = None if n is None else self.at[n]
        return list(table.values()) if table else []

    def node_id(self, pos: int) -> str:
        return self.node_ids[self.pos_node[pos]]

    def kind(self, pos: int) -> int:
        return self.kinds[self.pos_node[pos]]

    def state(self, pos: int) -> dict[str, float]:
        """The key metrics' values at a position (metrics no `requires` below can read are not kept)."""
        ids = self.graph.metric_ids
        return {ids[s]: v for s, v in zip(self.live[self.pos_node[pos]], self.pos_key[pos], strict=True)}

    def groups(self) -> list[tuple[int, list[int]]]:
        """(node number, its positions) for reached nodes, in topological order."""
        at = self.at
        return [(n, list(at[n].values())) for n in self.topo if at[n]]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: passes over positions allocate many small acyclic
    objects, and with a large scenario in memory each collection costs more than the pass."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
                f"(over {QUICK_POSITIONS:,} found, and its metrics combine into many more); "
                "its metrics take too many different values to analyse exactly"
            )
        return _unfold(graph, max_positions)


def _compile(graph: ScenarioGraph) -> tuple[Unfolding, StepCompiler]:
    """The unfolding's per-node arrays (the graph's `NodeTable`, shared), topological order and live
    metrics, and the compiler of options into steps over keys (it runs as the unfolding reaches nodes)."""
    t = graph.table
    if not t.complete:
        raise ValueError("the scenario has options that lead to unknown nodes")
    u = Unfolding(graph, tuple(graph.scenario.actors), t.ids, t.number, t.kinds, t.actor_of, t.counts, t.chance, t.beliefs, t.payoffs)
    u.topo = topological(t.children, t.number[graph.start], t.indegree)
    u.live = live_slots(graph, u.topo, t.children, t.reads)
    return u, StepCompiler(graph, u.live, t.children)


def _unfold(graph: ScenarioGraph, max_positions: int) -> Unfolding:
    u, compiler = _compile(graph)
    start = u.number[graph.start]
    at: list[dict[Key, int] | None] = [None] * len(u.node_ids)
    live = u.live
    start_key = tuple(graph.initial_state[i] for i in live[start])
    at[start] = {start_key: 0}
    pos_node, pos_key, pos_kids, pos_opts = [start], [start_key], [[]], [()]
    new_node, new_key, new_kids, new_opts = pos_node.append, pos_key.append, pos_kids.append, pos_opts.append
    ranges: dict[int, tuple[int, ...]] = {}
    kinds, actor_of, ids = u.kinds, u.actor_of, u.node_ids
    table = graph.table
    children, node_moves = table.children, table.moves
    known, transition, make = compiler.transitions, compiler.transition, compiler.steps
    plan: list[tuple[int, int, list[int]]] = []
    dead: list[int] = []
    add_plan, add_dead = plan.append, dead.append
    for n in u.topo:
        here = at[n]
        if here is None:
            continue
        targets = children[n]
        if not targets:
            if kinds[n] != OUTCOME:
                dead.extend(here.values())
            continue
        tag = actor_of[n] if kinds[n] == DECISION else -1 - n
        if len(pos_node) > max_positions:
            raise UnfoldingTooLarge(
                f"the scenario has more than {max_positions:,} (node, metric state) positions; "
                "its metrics take too many different values to analyse exactly"
            )
        count = len(targets)
        full = ranges.get(count)
        if full is None:
            full = ranges[count] = tuple(range(count))
        if len(here) == 1:  # one position (always so in a tree): no steps to build, options taken directly
            ((key, pid),) = here.items()
            mine = live[n]
            mid = id(mine)
            kids = []
            taken = None  # the options taken, once one is found locked
            for index, move, child in zip(full, node_moves[n], targets):  # noqa: B905 (one of each per option)
                theirs = live[child]
                effects = move.effects
                if move.requires is None and not theirs:  # the child keeps no metric: its key is ()
                    after = theirs
                elif move.requires is None and theirs is mine and not effects:
                    after = key
                else:
                    found = known.get((mid, id(theirs), id(effects), move.requires))
                    if found is None:
                        found = transition(mine, theirs, move, ids[n])
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
                within = at[child]
                if within is None:
                    within = at[child] = {}
                cid = within.get(after)
                if cid is None:
                    cid = within[after] = len(pos_node)
                    new_node(child)
                    new_key(after)
                    new_kids([])
                    new_opts(())
                kids.append(cid)
                if taken is not None:
                    taken.append(index)
            pos_kids[pid] = kids
            pos_opts[pid] = full if taken is None else tuple(taken)
            if kids:
                add_plan((pid, tag, kids))
            else:
                add_dead(pid)
            continue
        moves, how = make(n, ids[n], node_moves[n])
        if not moves:
            dead.extend(here.values())
            continue
        if how == PLAIN:  # keys pass unchanged, every option open
            opts = full if len(moves) == count else tuple([m[0] for m in moves])
            for key, pid in here.items():
                kids = []
                for _, child, _, _ in moves:
                    within = at[child]
                    if within is None:
                        within = at[child] = {}
                    cid = within.get(key)
                    if cid is None:
                        cid = within[key] = len(pos_node)
                        new_node(child)
                        new_key(key)
                        new_kids([])
                        new_opts(())
                    kids.append(cid)
                pos_kids[pid] = kids
                pos_opts[pid] = opts
                add_plan((pid, tag, kids))
            continue
        for key, pid in here.items():
            kids = []
            opts = []
            for index, child, memo, step in moves:
                after = memo.get(key)
                if after is None:
                    after = memo[key] = step(key)
                if after is False:
                    continue
                within = at[child]
                if within is None:
                    within = at[child] = {}
                cid = within.get(after)
                if cid is None:
                    cid = within[after] = len(pos_node)
                    new_node(child)
                    new_key(after)
                    new_kids([])
                    new_opts(())
                kids.append(cid)
                opts.append(index)
            pos_kids[pid] = kids
            pos_opts[pid] = full if len(opts) == count else tuple(opts)
            if kids:
                add_plan((pid, tag, kids))
            else:
                add_dead(pid)
    u.at, u.pos_node, u.pos_key, u.pos_kids, u.pos_opts = at, pos_node, pos_key, pos_kids, pos_opts
    u.plan, u.dead = plan, dead
    return u
