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

from explorer.actions import Action, State
from explorer.format import expressions
from explorer.format.models import Metric, NodeKind, RoundNode, Scenario
from explorer.node_order import topological
from explorer.resolution import Round, RuleAction

if TYPE_CHECKING:
    import networkx as nx

Node = object  # DecisionNode | ChanceNode | OutcomeNode | RoundNode; kept loose for speed of lookup


DECISION, CHANCE, OUTCOME, ROUND = NodeKind.DECISION, NodeKind.CHANCE, NodeKind.OUTCOME, NodeKind.ROUND


@dataclass(eq=False, slots=True)
class NodeTable:
    """The graph in flat lists indexed by node number (declaration order), recorded while the graph
    is built so that the analysis never reads the models again. Shared: never mutate."""

    ids: list[str]
    number: dict[str, int]
    """Node id → node number."""
    kinds: list[NodeKind]
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
    """Each option's (at a round: each rule's) target node number (-1 for an unknown id: see `complete`)."""
    actions: list[tuple[Action, ...]]
    reads: list[int]
    """Bit mask of the metric slots read by the node's `requires` (at a round: and its rules' `if`)."""
    indegree: list[int]
    """Number of options (of any node) that lead to the node."""
    complete: bool
    """Whether every option leads to a known node (always so in a valid scenario)."""
    rounds: list[Round | None]
    """The compiled round at each round node, else None."""


class ScenarioGraph:
    """A validated scenario with its graph, metric slots and compiled `requires`."""

    def __init__(
        self,
        scenario: Scenario,
        parsed_requires: Mapping[tuple, expressions.Expr],
        parsed_conditions: Mapping[tuple[str, int], expressions.Expr] | None = None,
    ) -> None:
        """`parsed_requires`: each `requires` by `Action.key`; `parsed_conditions`: each round rule's
        `if` by (node id, rule index)."""
        self.scenario = scenario
        self.metric_ids: tuple[str, ...] = tuple(scenario.metrics)
        self.metric_slot: dict[str, int] = {m: i for i, m in enumerate(self.metric_ids)}
        self.metrics: tuple[Metric, ...] = tuple(scenario.metrics.values())
        self.parsed_requires = dict(parsed_requires)
        self.parsed_conditions = dict(parsed_conditions or {})
        self.score: tuple[tuple[tuple[int, float], ...], ...] = tuple(
            tuple((self.metric_slot[m], float(w)) for m, w in actor.score.items() if m in self.metric_slot)
            for actor in scenario.actors.values()
        )
        """Per actor (declared order): (metric slot, weight) of its `score` (format 2)."""
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
        none: tuple = ()

        def condition(expr: expressions.Expr) -> tuple[Callable[[State], bool], int]:
            """The compiled condition and the bit mask of the metric slots it reads."""
            entry = seen.get(id(expr))
            if entry is None:
                entry = compiled.get(expr)
                if entry is None:
                    used = {1 << slot[m.name] for m in expressions.metrics_used(expr) if m.name in slot}
                    entry = compiled[expr] = (expressions.compile_predicate(expr, slot), sum(used))
                seen[id(expr)] = entry
            return entry

        def intern(given: Mapping[str, float]) -> tuple[tuple[int, float], ...]:
            """Effects as (slot, amount), interned: equal effects are one tuple, which the analysis
            relies on for speed."""
            if not given:
                return none
            effects = tuple([(slot[m], float(v)) for m, v in given.items() if m in slot])
            return interned.setdefault(effects, effects)

        actors = self.scenario.actors
        actor_index = {a: i for i, a in enumerate(actors)}
        ids = list(nodes)
        size = len(ids)
        number = dict(zip(ids, range(size), strict=True))
        zero = (0.0,) * len(actors)
        scored = sum({1 << s for weights in self.score for s, _ in weights})  # outcomes read what a score reads
        kinds, actor_of, counts, chance = [OUTCOME] * size, [-1] * size, [0] * size, [none] * size
        beliefs, payoffs, reads, indegree = [False] * size, [None] * size, [0] * size, [0] * size
        children: list[list[int]] = [[] for _ in range(size)]
        all_actions: list[tuple[Action, ...]] = [none] * size
        rounds: list[Round | None] = [None] * size
        complete = True
        n = -1
        for node_id, node in nodes.items():
            n += 1
            code = node.KIND
            if code == OUTCOME:
                given = node.payoffs
                if given:
                    vector = tuple([v if (v := given.get(x, 0.0)).__class__ is float else float(v) for x in actors])
                    payoffs[n] = shared.setdefault(vector, vector)
                else:
                    payoffs[n] = zero
                reads[n] = scored
                continue
            if code == ROUND:
                compiled_round = rounds[n] = self._round(node_id, node, condition, intern, number, actor_index)
                kids = [rule.target for rule in compiled_round.rules]
                for c in kids:
                    if c < 0:
                        complete = False
                    else:
                        indegree[c] += 1
                kinds[n], counts[n], children[n], reads[n] = code, len(kids), kids, compiled_round.reads
                continue
            moves, probs, kids = [], [], []
            bits = 0
            index = -1
            for option in node.options:
                index += 1
                to = option.to
                effects = intern(option.effects)
                expr = parsed.get((node_id, index)) if option.requires is not None else None
                if expr is None:
                    test = None
                else:
                    test, used = condition(expr)
                    bits |= used
                moves.append(Action(node_id, index, option, effects, test))
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
            all_actions[n] = tuple(moves)
        return NodeTable(ids, number, kinds, actor_of, counts, chance, beliefs, payoffs, children, all_actions, reads, indegree,
                         complete, rounds)

    def _round(self, node_id: str, node: RoundNode, condition: Callable, intern: Callable,
               number: Mapping[str, int], actor_index: Mapping[str, int]) -> Round:
        """Compile a round: each actor's moves (as `Action`s), its default, and its rules."""
        parsed = self.parsed_requires
        bits = 0
        actors = tuple(node.moves)
        moves = []
        defaults = []
        for actor, listed in node.moves.items():
            mine = []
            for index, move in enumerate(listed):
                expr = parsed.get((node_id, actor, index)) if move.requires is not None else None
                test = None
                if expr is not None:
                    test, used = condition(expr)
                    bits |= used
                mine.append(Action(node_id, index, move, intern(move.effects), test, actor))
            moves.append(tuple(mine))
            defaults.append(next((i for i, m in enumerate(listed) if m.default), -1))
        count_ids: dict[str, None] = {}
        rules = []
        slot = self.metric_slot
        for index, rule in enumerate(node.then):
            expr = self.parsed_conditions.get((node_id, index)) if rule.condition is not None else None
            test = None
            if expr is not None:
                for c in expressions.counts_used(expr):
                    count_ids.setdefault(c.move, None)
                bits |= sum({1 << slot[m.name] for m in expressions.metrics_used(expr) if m.name in slot})
                test = expr  # compiled below, once every counted id is known
            picks = tuple(
                (actors.index(a), frozenset(i for i, m in enumerate(node.moves[a]) if m.id in wanted))
                for a, wanted in rule.picked().items() if a in node.moves
            )
            rules.append((index, rule, picks, test, intern(rule.effects), number.get(rule.to, -1)))
        extended = dict(slot)
        for k, move_id in enumerate(count_ids):
            extended[expressions.count_name(move_id)] = len(slot) + k
        compiled_rules = tuple(
            RuleAction(index, rule, picks, None if expr is None else expressions.compile_predicate(expr, extended), effects, target)
            for index, rule, picks, expr, effects, target in rules
        )
        counted = tuple(
            tuple(frozenset(i for i, m in enumerate(node.moves[a]) if m.id == move_id) for a in actors) for move_id in count_ids
        )
        return Round(node_id, actors, tuple(actor_index.get(a, -1) for a in actors), tuple(moves), tuple(defaults),
                     compiled_rules, tuple(count_ids), counted, bits)

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The graph as a `networkx.DiGraph`: nodes in the order written, edges as options name them."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from((node_id, {"node": node, "kind": node.kind}) for node_id, node in self.scenario.nodes.items())
        g.add_edges_from(self._edges())
        return g

    def _edges(self) -> Iterator[tuple[str, str, dict[str, list[int]]]]:
        """(u, v, {"options": indices}) for each node u and each node v its options lead to; from a round,
        {"rules": indices} of the rules that lead there."""
        t = self.table
        for n, kids in enumerate(t.children):
            targets: dict[int, list[int]] = {}
            for index, c in enumerate(kids):
                if c >= 0:
                    targets.setdefault(c, []).append(index)
            name = "options" if t.rounds[n] is None else "rules"
            for c, where in targets.items():
                yield t.ids[n], t.ids[c], {name: where}

    # --- lookups -----------------------------------------------------------------------
    @property
    def start(self) -> str:
        return self.scenario.start

    def node(self, node_id: str):
        return self.scenario.nodes[node_id]

    def kind(self, node_id: str) -> NodeKind:
        return self.scenario.nodes[node_id].KIND

    def actions(self, node_id: str) -> tuple[Action, ...]:
        """The node's options, resolved, in file order (none at an outcome or a round)."""
        n = self.table.number.get(node_id)
        return () if n is None else self.table.actions[n]

    def round(self, node_id: str) -> Round | None:
        """The compiled round at a round node, else None."""
        n = self.table.number.get(node_id)
        return None if n is None else self.table.rounds[n]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.scenario.nodes

    def __len__(self) -> int:
        return len(self.scenario.nodes)

    @cached_property
    def outcomes(self) -> tuple[str, ...]:
        return tuple(n for n, node in self.scenario.nodes.items() if node.KIND == OUTCOME)

    @cached_property
    def deciding_actors(self) -> tuple[str, ...]:
        """Actors that decide somewhere, in the order they are declared."""
        deciding = {node.actor for node in self.scenario.nodes.values() if node.KIND == DECISION}
        deciding.update(a for node in self.scenario.nodes.values() if node.KIND == ROUND for a in node.moves)
        return tuple(a for a in self.scenario.actors if a in deciding)

    @cached_property
    def reach_order(self) -> list[int]:
        """Node numbers reachable from the start, parents before children (`node_order.topological`);
        every node exactly when all are reachable and none is on a cycle. Only for a `complete` table (an
        unknown target, -1, would be taken for the last node). Shared by the checks: never mutate."""
        t = self.table
        start = t.number.get(self.start)
        return [] if start is None else topological(t.children, start, t.indegree)

    @cached_property
    def topological_order(self) -> tuple[str, ...]:
        import networkx as nx

        return tuple(nx.topological_sort(self.digraph))

    # --- state -------------------------------------------------------------------------
    @cached_property
    def initial_state(self) -> State:
        return tuple(float(m.initial) for m in self.metrics)

    def apply(self, state: State, move: Action) -> State:
        """The state after taking `move`: effects added, each clamped to its metric's bounds."""
        if not move.effects:
            return state
        values = list(state)
        metrics = self.metrics
        for slot, amount in move.effects:
            values[slot] = metrics[slot].clamp(values[slot] + amount)
        return tuple(values)

    def is_available(self, move: Action, state: State) -> bool:
        return move.requires is None or move.requires(state)

    def payoffs_at(self, node_id: str, state: State) -> tuple[float, ...]:
        """Every actor's payoff at an outcome reached with metric `state`: its `payoffs` entry (0 when
        none) plus, in format 2, Σ weight × metric of the actor's `score`."""
        base = self.table.payoffs[self.table.number[node_id]] or ()
        if not any(self.score):
            return base
        return tuple(b + sum(w * state[s] for s, w in weights) for b, weights in zip(base, self.score, strict=True))

    def state_dict(self, state: State) -> dict[str, float]:
        return dict(zip(self.metric_ids, state, strict=True))

    def lock_reason(self, move: Action, state: State) -> str | None:
        """Why a move is locked in this state, in words; None when it is available."""
        if self.is_available(move, state):
            return None
        expr = self.parsed_requires[move.key]
        labels = {m: metric.label for m, metric in self.scenario.metrics.items()}
        return expressions.explain(expr, self.state_dict(state), labels)

    def children(self, node_id: str) -> Iterator[str]:
        """The nodes `node_id`'s options lead to, each once, in the order they are first named."""
        t = self.table
        return iter(dict.fromkeys(t.ids[c] for c in t.children[t.number[node_id]] if c >= 0))
