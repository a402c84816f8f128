"""The scenario as a `networkx.DiGraph`, with the lookups every later layer needs.

Nodes carry `node` (the model) and `kind`; an edge u → v carries `options`, the indices of
u's options that lead to v (two options may share a target). Metric state is a tuple of
floats in the order of `metric_ids`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from explorer.format import expressions
from explorer.format.models import Metric, Option, Scenario

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


class ScenarioGraph:
    """A validated scenario with its graph, metric slots and compiled `requires`."""

    def __init__(self, scenario: Scenario, parsed_requires: Mapping[tuple[str, int], expressions.Expr]) -> None:
        self.scenario = scenario
        self.metric_ids: tuple[str, ...] = tuple(scenario.metrics)
        self.metric_slot: dict[str, int] = {m: i for i, m in enumerate(self.metric_ids)}
        self.metrics: tuple[Metric, ...] = tuple(scenario.metrics.values())
        self.parsed_requires = dict(parsed_requires)
        self.digraph = nx.DiGraph()
        self._moves: dict[str, tuple[Move, ...]] = {}
        self._build()

    def _build(self) -> None:
        g = self.digraph
        slot = self.metric_slot
        compiled: dict[expressions.Expr, Callable[[State], bool]] = {}
        for node_id, node in self.scenario.nodes.items():
            g.add_node(node_id, node=node, kind=node.kind)
        for node_id, node in self.scenario.nodes.items():
            moves = []
            for index, option in enumerate(node.options):
                expr = self.parsed_requires.get((node_id, index))
                if expr is not None and expr not in compiled:
                    compiled[expr] = expressions.compile_predicate(expr, slot)
                moves.append(
                    Move(
                        node_id,
                        index,
                        option,
                        tuple((slot[m], float(v)) for m, v in option.effects.items() if m in slot),
                        compiled[expr] if expr is not None else None,
                    )
                )
                if option.to in self.scenario.nodes:
                    if g.has_edge(node_id, option.to):
                        g.edges[node_id, option.to]["options"].append(index)
                    else:
                        g.add_edge(node_id, option.to, options=[index])
            self._moves[node_id] = tuple(moves)

    # --- lookups -----------------------------------------------------------------------
    @property
    def start(self) -> str:
        return self.scenario.start

    def node(self, node_id: str):
        return self.scenario.nodes[node_id]

    def moves(self, node_id: str) -> tuple[Move, ...]:
        return self._moves.get(node_id, ())

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
        return iter(self.digraph.successors(node_id))
