"""The scenario as a graph, with the lookups every later layer needs.

Checking, walking and solving read the flat `NodeTable`; `digraph`, the same graph as a
`networkx.DiGraph`, is built (and networkx imported) the first time something asks for it:
cycle reports, exports, the map. Its nodes carry `node` (the model) and `kind`; an edge u → v
carries `options`, the indices of u's options that lead to v (two options may share a target).
Metric state is a tuple of floats in the order of `metric_ids`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from explorer.format import expressions
from explorer.format.models import Metric, Option, Scenario

if TYPE_CHECKING:
    import networkx as nx

State = tuple[float, ...]
Node = object  # DecisionNode | ChanceNode | OutcomeNode; kept loose for speed of lookup


@dataclass(frozen=True, slots=True)
class Move:
    """One option of a node, resolved: where it leads and how it changes the state."""

    node_id: str
    index: int
    option: Option
    effects: tuple[tuple[int, float], ...]
    """(metric slot, amount) pairs."""
    requires: Callable[[State], bool] | None


DECISION, CHANCE, OUTCOME = 0, 1, 2
"""Node kind codes in `NodeTable.kinds`."""
KIND_CODES = {"decision": DECISION, "chance": CHANCE, "outcome": OUTCOME}


@dataclass(eq=False, slots=True)
class NodeTable:
    """The graph in flat lists indexed by node number (declaration order), recorded while the graph
    is built so that the analysis never reads the models again. Shared: never mutate."""

    ids: list[str]
    number: dict[str, int]
    """Node id → node number."""
    kinds: list[int]
    actor_of: list[int]
    """Index into the scenario's actors of the deciding actor (-1 unless a decision with a known actor)."""
    counts: list[int]
    """Number of options."""
    chance: list[tuple[float, ...]]
    """Each option's `probability` (0.0 where none); () at outcomes."""
    beliefs: list[bool]
    """Whether a decision node gives the analyst's probabilities."""
    payoffs: list[tuple[float, ...] | None]
    """Payoff per actor at an outcome (missing payoffs are 0), else None."""
    children: list[list[int]]
    """Each option's target node number (-1 for an unknown id: see `complete`)."""
    moves: list[tuple[Move, ...]]
    reads: list[int]
    """Bit mask of the metric slots read by the node's `requires`."""
    indegree: list[int]
    """Number of options (of any node) that lead to the node."""
    complete: bool
    """Whether every option leads to a known node (always so in a valid scenario)."""


class ScenarioGraph:
    """A validated scenario with its graph, metric slots and compiled `requires`."""

    def __init__(self, scenario: Scenario, parsed_requires: Mapping[tuple[str, int], expressions.Expr]) -> None:
        self.scenario = scenario
        self.metric_ids: tuple[str, ...] = tuple(scenario.metrics)
        self.metric_slot: dict[str, int] = {m: i for i, m in enumerate(self.metric_ids)}
        self.metrics: tuple[Metric, ...] = tuple(scenario.metrics.values())
        self.parsed_requires = dict(parsed_requires)
        self.table = self._build()

    def _build(self) -> NodeTable:
        """The moves and the flat `NodeTable`, in one walk over the nodes."""
        slot = self.metric_slot
        nodes = self.scenario.nodes
        parsed = self.parsed_requires
        # Each distinct condition compiled once, with the bit mask of the metric slots it reads; by
        # value, and by id of the parsed condition (options often share one: no hashing it then).
        compiled: dict[expressions.Expr, tuple[Callable[[State], bool], int]] = {}
        seen: dict[int, tuple[Callable[[State], bool], int]] = {}
        interned: dict[tuple[tuple[int, float], ...], tuple[tuple[int, float], ...]] = {}
        shared: dict[tuple[float, ...], tuple[float, ...]] = {}  # payoff and probability tuples: few distinct ones
        actors = self.scenario.actors
        actor_index = {a: i for i, a in enumerate(actors)}
        ids = list(nodes)
        size = len(ids)
        number = dict(zip(ids, range(size), strict=True))
        none: tuple = ()
        zero = (0.0,) * len(actors)
        kinds, actor_of, counts, chance = [OUTCOME] * size, [-1] * size, [0] * size, [none] * size
        beliefs, payoffs, reads, indegree = [False] * size, [None] * size, [0] * size, [0] * size
        children: list[list[int]] = [[] for _ in range(size)]
        all_moves: list[tuple[Move, ...]] = [none] * size
        complete = True
        kind_codes = KIND_CODES
        n = -1
        for node_id, node in nodes.items():
            n += 1
            kind = node.kind
            code = kind_codes[kind]
            if code == OUTCOME:
                given = node.payoffs
                if given:
                    vector = tuple([v if (v := given.get(x, 0.0)).__class__ is float else float(v) for x in actors])
                    payoffs[n] = shared.setdefault(vector, vector)
                else:
                    payoffs[n] = zero
                continue
            moves, probs, kids = [], [], []
            bits = 0
            index = -1
            for option in node.options:
                index += 1
                to = option.to
                given = option.effects
                if given:  # interned: equal effects are one tuple, which the analysis relies on for speed
                    effects = tuple([(slot[m], float(v)) for m, v in given.items() if m in slot])
                    effects = interned.setdefault(effects, effects)
                else:
                    effects = none
                expr = parsed.get((node_id, index)) if option.requires is not None else None
                if expr is None:
                    test = None
                else:
                    entry = seen.get(id(expr))
                    if entry is None:
                        entry = compiled.get(expr)
                        if entry is None:
                            used = {1 << slot[m.name] for m in expressions.metrics_used(expr) if m.name in slot}
                            entry = compiled[expr] = (expressions.compile_predicate(expr, slot), sum(used))
                        seen[id(expr)] = entry
                    test = entry[0]
                    bits |= entry[1]
                moves.append(Move(node_id, index, option, effects, test))
                probs.append(option.probability or 0.0)
                c = number.get(to, -1)
                kids.append(c)
                if c < 0:
                    complete = False
                    continue
                indegree[c] += 1
            p = tuple(probs)
            p = shared.setdefault(p, p)
            kinds[n] = code
            if code == DECISION:
                actor_of[n] = actor_index.get(node.actor, -1)
                beliefs[n] = any(p)
            counts[n] = len(kids)
            chance[n] = p
            children[n] = kids
            reads[n] = bits
            all_moves[n] = tuple(moves)
        return NodeTable(ids, number, kinds, actor_of, counts, chance, beliefs, payoffs, children, all_moves, reads, indegree, complete)

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The graph as a `networkx.DiGraph`: nodes in the order written, edges as options name them."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from((node_id, {"node": node, "kind": node.kind}) for node_id, node in self.scenario.nodes.items())
        g.add_edges_from(self._edges())
        return g

    def _edges(self) -> Iterator[tuple[str, str, dict[str, list[int]]]]:
        """(u, v, {"options": indices}) for each node u and each node v its options lead to."""
        t = self.table
        for n, kids in enumerate(t.children):
            targets: dict[int, list[int]] = {}
            for index, c in enumerate(kids):
                if c >= 0:
                    targets.setdefault(c, []).append(index)
            for c, where in targets.items():
                yield t.ids[n], t.ids[c], {"options": where}

    # --- lookups -----------------------------------------------------------------------
    @property
    def start(self) -> str:
        return self.scenario.start

    def node(self, node_id: str):
        return self.scenario.nodes[node_id]

    def moves(self, node_id: str) -> tuple[Move, ...]:
        n = self.table.number.get(node_id)
        return () if n is None else self.table.moves[n]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.scenario.nodes

    def __len__(self) -> int:
        return len(self.scenario.nodes)

    @cached_property
    def outcomes(self) -> tuple[str, ...]:
        return tuple(n for n, node in self.scenario.nodes.items() if node.kind == "outcome")

    @cached_property
    def deciding_actors(self) -> tuple[str, ...]:
        """Actors that decide somewhere, in the order they are declared."""
        deciding = {node.actor for node in self.scenario.nodes.values() if node.kind == "decision"}
        return tuple(a for a in self.scenario.actors if a in deciding)

    @cached_property
    def topological_order(self) -> tuple[str, ...]:
        import networkx as nx

        return tuple(nx.topological_sort(self.digraph))

    # --- state -------------------------------------------------------------------------
    @cached_property
    def initial_state(self) -> State:
        return tuple(float(m.initial) for m in self.metrics)

    def apply(self, state: State, move: Move) -> State:
        """The state after taking `move`: effects added, each clamped to its metric's bounds."""
        if not move.effects:
            return state
        values = list(state)
        metrics = self.metrics
        for slot, amount in move.effects:
            values[slot] = metrics[slot].clamp(values[slot] + amount)
        return tuple(values)

    def is_available(self, move: Move, state: State) -> bool:
        return move.requires is None or move.requires(state)

    def state_dict(self, state: State) -> dict[str, float]:
        return dict(zip(self.metric_ids, state, strict=True))

    def lock_reason(self, move: Move, state: State) -> str | None:
        """Why a move is locked in this state, in words; None when it is available."""
        if self.is_available(move, state):
            return None
        expr = self.parsed_requires[(move.node_id, move.index)]
        labels = {m: metric.label for m, metric in self.scenario.metrics.items()}
        return expressions.explain(expr, self.state_dict(state), labels)

    def children(self, node_id: str) -> Iterator[str]:
        """The nodes `node_id`'s options lead to, each once, in the order they are first named."""
        t = self.table
        return iter(dict.fromkeys(t.ids[c] for c in t.children[t.number[node_id]] if c >= 0))
