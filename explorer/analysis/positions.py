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

from explorer.analysis.steps import Effect, Key, Step, StepCompiler, live_slots, topological
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
    u, steps = _compile(graph)
    start = u.number[graph.start]
    at: list[dict[Key, int] | None] = [None] * len(u.node_ids)
    start_key = tuple(graph.initial_state[i] for i in u.live[start])
    at[start] = {start_key: 0}
    pos_node, pos_key, pos_kids, pos_opts = [start], [start_key], [[]], [()]
    all_opts = [tuple(range(c)) for c in u.option_count]
    plan, dead = [], []
    for n in u.topo:
        here = at[n]
        moves = steps[n]
        if here is None:
            continue
        if not moves:
            if u.kinds[n] != OUTCOME:
                dead.extend(here.values())
            continue
        tag = u.actor_of[n] if u.kinds[n] == DECISION else -1 - n
        if len(pos_node) > max_positions:
            raise UnfoldingTooLarge(
                f"the scenario has more than {max_positions:,} (node, metric state) positions; "
                "its metrics take too many different values to analyse exactly"
            )
        if all(proj is None and not eff and req is None for _, _, proj, eff, req in moves):
            opts = all_opts[n] if len(moves) == u.option_count[n] else tuple(m[0] for m in moves)
            for key, pid in here.items():
                kids = []
                for _, child, _, _, _ in moves:
                    table = at[child]
                    if table is None:
                        table = at[child] = {}
                    cid = table.get(key)
                    if cid is None:
                        cid = table[key] = len(pos_node)
                        pos_node.append(child)
                        pos_key.append(key)
                        pos_kids.append([])
                        pos_opts.append(())
                    kids.append(cid)
                pos_kids[pid] = kids
                pos_opts[pid] = opts
                plan.append((pid, tag, kids))
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
                    pos_node.append(child)
                    pos_key.append(after)
                    pos_kids.append([])
                    pos_opts.append(())
                kids.append(cid)
                opts.append(index)
            pos_kids[pid] = kids
            pos_opts[pid] = all_opts[n] if len(opts) == u.option_count[n] else tuple(opts)
            if kids:
                plan.append((pid, tag, kids))
            else:
                dead.append(pid)
    u.at, u.pos_node, u.pos_key, u.pos_kids, u.pos_opts = at, pos_node, pos_key, pos_kids, pos_opts
    u.plan, u.dead = plan, dead
    return u


def _apply(key: Key, effects: tuple[Effect, ...]) -> Key:
    values = list(key)
    for slot, amount, low, high in effects:
        x = values[slot] + amount
        values[slot] = low if x < low else high if x > high else x
    return tuple(values)


def _compile(graph: ScenarioGraph) -> tuple[Unfolding, list[tuple[Step, ...]]]:
    """Per-node arrays, the live metrics of every node, and each node's options as steps over keys."""
    scenario = graph.scenario
    actors = tuple(scenario.actors)
    actor_index = {a: i for i, a in enumerate(actors)}
    node_ids = list(scenario.nodes)
    number = {n: i for i, n in enumerate(node_ids)}
    kinds, actor_of, counts, chance, beliefs, payoffs, children = [], [], [], [], [], [], []
    zero = (0.0,) * len(actors)
    none: tuple[float, ...] = ()
    for node in scenario.nodes.values():
        kind = _KINDS[node.kind]
        kinds.append(kind)
        if kind == OUTCOME:
            actor_of.append(-1)
            counts.append(0)
            chance.append(none)
            beliefs.append(False)
            given = node.payoffs
            payoffs.append(tuple([float(given.get(a, 0.0)) for a in actors]) if given else zero)
            children.append([])
            continue
        options = node.options
        actor_of.append(actor_index.get(node.actor, -1) if kind == DECISION else -1)
        counts.append(len(options))
        probs = tuple([o.probability or 0.0 for o in options])
        chance.append(probs)
        beliefs.append(kind == DECISION and any(probs))
        payoffs.append(None)
        children.append([number[o.to] for o in options])
    u = Unfolding(graph, actors, node_ids, number, kinds, actor_of, counts, chance, beliefs, payoffs)
    u.topo = topological(children, number[graph.start], len(node_ids))
    u.live = live_slots(graph, u, children)
    compiler = StepCompiler(graph, u, children)
    steps: list[tuple[Step, ...]] = [()] * len(node_ids)
    for n in u.topo:
        if counts[n]:
            steps[n] = compiler.steps(n)
    return u, steps
