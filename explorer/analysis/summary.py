"""Everything `explorer solve` reports, computed once: equilibrium, odds, expectations, paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.analysis.equilibrium import Equilibrium, end_values, equilibrium
from explorer.analysis.expectations import expected_metrics_of
from explorer.analysis.odds import flow, most_likely_path
from explorer.analysis.policies import POLICIES, policy_weights
from explorer.analysis.unfolding import DECISION, Unfolding, unfold
from explorer.format.models import NodeKind
from explorer.gc_pause import paused_gc
from explorer.graph import ScenarioGraph


@dataclass(frozen=True, slots=True)
class PathStep:
    """One position along a path: the node, and the option taken there (None at the end)."""

    node_id: str
    option: int | None
    label: str | None
    actor: str | None
    kind: NodeKind
    probability: float
    """Probability of this move under the path's policy (1.0 at the end)."""
    moves: tuple[tuple[str, str], ...] = ()
    """At a round: (actor id, move id) of each acting actor's move; `option` is then the rule that fired."""


@dataclass(frozen=True, slots=True)
class OptionOutlook:
    """What follows from taking one option, for the TUI's per-option view."""

    index: int
    equilibrium: bool
    payoffs: dict[str, float]
    outcomes: dict[str, float]


@dataclass(eq=False, slots=True)
class PolicyResult:
    """Odds and expectations under one policy."""

    policy: str
    outcomes: dict[str, float]
    stuck: float
    payoffs: dict[str, float]
    metrics: dict[str, float]
    mass: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    """Position → the probability of passing through it under this policy."""


@dataclass(eq=False)
class Analysis:
    """The solved scenario."""

    graph: ScenarioGraph
    unfolding: Unfolding
    equilibrium: Equilibrium
    policy: str
    """The policy the most likely path follows."""
    eq_path: list[PathStep]
    likely_path: list[PathStep]
    likely_probability: float
    results: dict[str, PolicyResult] = field(default_factory=dict)
    tables: dict[str, np.ndarray] = field(default_factory=dict)
    """Policy → the probability of each move (edge) from its position (`policies.policy_weights`)."""

    @property
    def payoffs(self) -> dict[str, float]:
        return self.equilibrium.payoffs()

    def equilibrium_mass(self) -> np.ndarray:
        """Position → the probability of reaching it under equilibrium play."""
        return self.results["equilibrium"].mass

    def outlook(self, node_id: str, state: tuple[float, ...], policy: str | None = None) -> list[OptionOutlook]:
        """For each option open at (node, full metric state): whether the equilibrium takes it, each
        actor's expected payoff if it is taken (equilibrium play afterwards), and the odds of each
        outcome if it is taken (`policy` afterwards). Empty if the position is never reached."""
        u = self.unfolding
        pos = u.find(node_id, state)
        if pos is None:
            return []
        table = self.tables[policy or self.policy]
        chosen = self.equilibrium.option(pos)
        out = []
        for kid, index in zip(u.pos_kids[pos], u.pos_opts[pos], strict=True):
            f = flow(u, table, start=kid)
            odds = dict(f.outcomes)
            if f.stuck:
                odds["(dead end)"] = f.stuck
            out.append(OptionOutlook(index, index == chosen, self.equilibrium.payoffs(kid), odds))
        return out

    def most_likely_outcome(self, policy: str | None = None) -> tuple[str, float] | None:
        """The outcome with the highest probability under `policy` (first in file order on ties)."""
        outcomes = self.results[policy or self.policy].outcomes
        if not outcomes:
            return None
        order = {o: i for i, o in enumerate(self.graph.outcomes)}
        best = max(outcomes, key=lambda o: (outcomes[o], -order[o]))
        return best, outcomes[best]

    def as_json(self) -> dict[str, Any]:
        scenario = self.graph.scenario
        return {
            "scenario": scenario.id,
            "title": scenario.title,
            "positions": len(self.unfolding),
            "equilibrium": {
                "path": [s.node_id for s in self.eq_path],
                "moves": [_step_json(s) for s in self.eq_path if s.option is not None],
                "payoffs": self.payoffs,
            },
            "distribution": {p: r.outcomes for p, r in self.results.items()},
            "stuck": {p: r.stuck for p, r in self.results.items()},
            "expected_payoffs": {p: r.payoffs for p, r in self.results.items()},
            "expected_metrics": {p: r.metrics for p, r in self.results.items()},
            "most_likely_path": {
                "policy": self.policy,
                "path": [s.node_id for s in self.likely_path],
                "moves": [_step_json(s) for s in self.likely_path if s.option is not None],
                "probability": self.likely_probability,
            },
        }


def _step_json(step: PathStep) -> dict[str, Any]:
    return {"node": step.node_id, "option": (step.option or 0) + 1, "label": step.label, "probability": step.probability}


def analyse(graph: ScenarioGraph, policy: str = "beliefs", unfolding: Unfolding | None = None) -> Analysis:
    """Solve `graph` and compute the odds under every policy; the most likely path follows `policy`."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    with paused_gc():
        return _analyse(graph, policy, unfolding or unfold(graph))


def _analyse(graph: ScenarioGraph, policy: str, u: Unfolding) -> Analysis:
    eq = equilibrium(u)
    results, tables = {}, {}
    finals = u.arrays.finals
    ends = end_values(u, u.table.payoffs)[finals]
    flows = {}
    for name in POLICIES:
        table = tables[name] = policy_weights(u, name, eq)
        flows[name] = flow(u, table)
    metrics = expected_metrics_of(u, list(tables.values()), [f.mass for f in flows.values()])
    for (name, f), expected_metrics in zip(flows.items(), metrics, strict=True):
        expected = np.cumsum(f.mass[finals][:, None] * ends, axis=0)[-1] + 0.0 if len(finals) else np.zeros(len(u.actors))
        payoffs = dict(zip(u.actors, expected.tolist(), strict=True))
        results[name] = PolicyResult(name, f.outcomes, f.stuck, payoffs, expected_metrics, f.mass)
    likely, probability = most_likely_path(u, tables[policy])
    return Analysis(
        graph, u, eq, policy, describe_path(u, eq.path(), tables["equilibrium"]), describe_path(u, likely, tables[policy]),
        probability, results, tables,
    )


def describe_path(u: Unfolding, positions: list[int], table: np.ndarray) -> list[PathStep]:
    """Positions as steps a person can read: node, option taken, its label and probability."""
    steps = []
    for here, there in zip(positions, [*positions[1:], None], strict=True):
        n = u.pos_node[here]
        node = u.graph.node(u.table.ids[n])
        kind = node.KIND
        actor = node.actor if u.table.kinds[n] == DECISION else None
        if there is None:
            steps.append(PathStep(u.table.ids[n], None, None, actor, kind, 1.0))
            continue
        kids = u.pos_kids[here]
        i = kids.index(there)
        option = u.pos_opts[here][i]
        w = float(table[u.first[here] + i])
        stage = u.stages.get(here)
        if stage is not None:
            compiled = u.table.rounds[n]
            assert compiled is not None
            rule = node.then[option]
            moves = tuple((compiled.actors[a], node.moves[compiled.actors[a]][m].id)
                          for a, m in zip(stage.actors, stage.joint(i), strict=True))
            label = rule.label or u.graph.node(rule.to).title
            steps.append(PathStep(u.table.ids[n], option, label, None, kind, w, moves))
            continue
        steps.append(PathStep(u.table.ids[n], option, node.options[option].label, actor, kind, w))
    return steps
