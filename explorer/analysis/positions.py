"""The game as positions: the unfolding of the scenario graph over metric states.

A position is (node, key). Only metrics that some `requires` can still read can tell positions
apart: the key at node n holds the values of the metrics *live* at n — those read by a
`requires` at n or at any node below it (effects and clamping act on each metric alone, so
dropping the others is exact). Positions are numbered as they are found; `at[n]` lists a node's
positions, and `topo` orders the nodes so that a forward pass (odds) walks it and a backward pass
(values) walks it reversed, without recursion and without enumerating paths.

Everything is kept in flat lists indexed by node number or position number, for speed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from explorer.analysis.steps import GATED, PLAIN, Effect, Key, Step, StepCompiler, live_slots, topological
from explorer.graph import ScenarioGraph

DECISION, CHANCE, OUTCOME = 0, 1, 2
_KINDS = {"decision": DECISION, "chance": CHANCE, "outcome": OUTCOME}

MAX_POSITIONS = 2_000_000
"""Most (node, state) positions an unfolding may hold before it stops with `UnfoldingTooLarge`."""

class UnfoldingTooLarge(Exception):
    """The scenario has more (node, state) positions than the limit."""


@dataclass(eq=False, slots=True)
class Unfolding:
    """The positions reachable from the start, their children, and per-node game data."""

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
    """Every (node, key) position reachable from the start; raise `UnfoldingTooLarge` past the limit."""
    with paused_gc():
        return _unfold(graph, max_positions)


def _unfold(graph: ScenarioGraph, max_positions: int) -> Unfolding:
    u, steps, hows = _compile(graph)
    start = u.number[graph.start]
    at: list[dict[Key, int] | None] = [None] * len(u.node_ids)
    start_key = tuple(graph.initial_state[i] for i in u.live[start])
    at[start] = {start_key: 0}
    pos_node, pos_key, pos_kids, pos_opts = [start], [start_key], [[]], [()]
    new_node, new_key, new_kids, new_opts = pos_node.append, pos_key.append, pos_kids.append, pos_opts.append
    ranges: dict[int, tuple[int, ...]] = {}
    kinds, actor_of, counts = u.kinds, u.actor_of, u.option_count
    plan, dead = [], []
    add_plan = plan.append
    for n in u.topo:
        here = at[n]
        if here is None:
            continue
        moves = steps[n]
        if not moves:
            if kinds[n] != OUTCOME:
                dead.extend(here.values())
            continue
        tag = actor_of[n] if kinds[n] == DECISION else -1 - n
        if len(pos_node) > max_positions:
            raise UnfoldingTooLarge(
                f"the scenario has more than {max_positions:,} (node, metric state) positions; "
                "its metrics take too many different values to analyse exactly"
            )
        count = counts[n]
        full = ranges.get(count)
        if full is None:
            full = ranges[count] = tuple(range(count))
        how = hows[n]
        if how != GATED:  # every option is open at every position
            opts = full if len(moves) == count else tuple([m[0] for m in moves])
            for key, pid in here.items():
                kids = []
                for _, child, proj, eff, _ in moves:
                    if how:
                        after = key if proj is None else proj(key)
                        if eff:
                            after = _apply(after, eff)
                    else:
                        after = key
                    table = at[child]
                    if table is None:
                        table = at[child] = {}
                    cid = table.get(after)
                    if cid is None:
                        cid = table[after] = len(pos_node)
                        new_node(child)
                        new_key(after)
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
            for index, child, proj, eff, req in moves:
                if req is not None:
                    test, read, memo = req
                    seen = read(key)
                    ok = memo.get(seen)
                    if ok is None:
                        ok = memo[seen] = test(key)
                    if not ok:
                        continue
                after = key if proj is None else proj(key)
                if eff:
                    after = _apply(after, eff)
                table = at[child]
                if table is None:
                    table = at[child] = {}
                cid = table.get(after)
                if cid is None:
                    cid = table[after] = len(pos_node)
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
                dead.append(pid)
    u.at, u.pos_node, u.pos_key, u.pos_kids, u.pos_opts = at, pos_node, pos_key, pos_kids, pos_opts
    u.plan, u.dead = plan, dead
    return u


def _apply(key: Key, effects: tuple[Effect, ...]) -> Key:
    if len(key) == 1:  # one live metric, so one effect on it: the common case
        (_, amount, low, high), = effects
        x = key[0] + amount
        return (low if x < low else high if x > high else x,)
    values = list(key)
    for slot, amount, low, high in effects:
        x = values[slot] + amount
        values[slot] = low if x < low else high if x > high else x
    return tuple(values)


def _compile(graph: ScenarioGraph) -> tuple[Unfolding, list[tuple[Step, ...]], list[int]]:
    """Per-node arrays, the live metrics of every node, and each node's options as steps over keys
    with how much they do (see `steps.PLAIN`)."""
    scenario = graph.scenario
    actors = tuple(scenario.actors)
    actor_index = {a: i for i, a in enumerate(actors)}
    nodes = scenario.nodes
    node_ids = list(nodes)
    number = dict(zip(node_ids, range(len(node_ids)), strict=True))
    size = len(node_ids)
    none: tuple = ()
    # Filled for outcomes up front; decisions and chance nodes overwrite their entries below.
    kinds, actor_of, counts, chance = [OUTCOME] * size, [-1] * size, [0] * size, [none] * size
    beliefs, payoffs = [False] * size, [None] * size
    children: list = [none] * size
    moves: list = [none] * size
    zero = (0.0,) * len(actors)
    node_moves = graph.moves
    n = -1
    for node_id, node in nodes.items():
        n += 1
        kind = _KINDS[node.kind]
        if kind == OUTCOME:
            given = node.payoffs
            payoffs[n] = tuple([float(given.get(x, 0.0)) for x in actors]) if given else zero
            continue
        probs, kids = [], []
        for option in node.options:
            probs.append(option.probability or 0.0)
            kids.append(number[option.to])
        p = tuple(probs)
        kinds[n] = kind
        if kind == DECISION:
            actor_of[n] = actor_index.get(node.actor, -1)
            beliefs[n] = any(p)
        counts[n] = len(kids)
        chance[n] = p
        children[n] = kids
        moves[n] = node_moves(node_id)
    u = Unfolding(graph, actors, node_ids, number, kinds, actor_of, counts, chance, beliefs, payoffs)
    u.topo = topological(children, number[graph.start], size)
    u.live = live_slots(graph, u.topo, children, moves)
    compiler = StepCompiler(graph, u.live, children)
    steps: list[tuple[Step, ...]] = [()] * size
    hows = [PLAIN] * size
    make = compiler.steps
    for n in u.topo:
        if counts[n]:
            steps[n], hows[n] = make(n, node_ids[n], moves[n])
    return u, steps, hows
