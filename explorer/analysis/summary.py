"""Everything `explorer solve` reports, computed once: equilibrium, odds, expectations, paths."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from explorer.analysis.equilibrium import Equilibrium, equilibrium
from explorer.analysis.expectations import expected_metrics_of
from explorer.analysis.odds import flow, flow_of, most_likely_path, push
from explorer.analysis.outcome_odds import OutcomeOdds
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


class PolicyResult:
    """Odds and expectations under one policy. `metrics` may be given as a function, called when they
    are first read (a view that shows no expected metrics never computes them)."""

    __slots__ = ("_metrics", "mass", "outcomes", "payoffs", "policy", "stuck")

    def __init__(self, policy: str, outcomes: OutcomeOdds, stuck: float, payoffs: dict[str, float],
                 metrics: dict[str, float] | Callable[[], dict[str, float]], mass: np.ndarray | None = None) -> None:
        self.policy = policy
        self.outcomes = outcomes
        self.stuck = stuck
        self.payoffs = payoffs
        self.mass = np.zeros(0) if mass is None else mass
        """Position → the probability of passing through it under this policy."""
        self._metrics = metrics

    @property
    def metrics(self) -> dict[str, float]:
        """Metric id → its expected value at the end."""
        if callable(self._metrics):
            self._metrics = self._metrics()
        return self._metrics

    def __repr__(self) -> str:
        return f"PolicyResult({self.policy!r}, outcomes={self.outcomes!r}, stuck={self.stuck!r}, payoffs={self.payoffs!r})"


class PolicyTables(Mapping[str, np.ndarray]):
    """Policy → the probability of each move (edge) from its position (`policies.policy_weights`),
    each computed when first asked for."""

    def __init__(self, u: Unfolding, eq: Equilibrium) -> None:
        self._u, self._eq = u, eq
        self.equilibrium = eq
        self._found: dict[str, np.ndarray] = {}

    def __getitem__(self, policy: str) -> np.ndarray:
        found = self._found.get(policy)
        if found is None:
            if policy not in POLICIES:
                raise KeyError(policy)
            found = self._found[policy] = policy_weights(self._u, policy, self._eq)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(POLICIES)

    def __len__(self) -> int:
        return len(POLICIES)


class PolicyResults(Mapping[str, PolicyResult]):
    """Policy → its `PolicyResult`, each computed when first asked for; the expected metrics of every
    policy in one pass when the first policy's are read (`ExpectedMetrics`)."""

    def __init__(self, u: Unfolding, tables: PolicyTables) -> None:
        self._u, self._tables = u, tables
        self._found: dict[str, PolicyResult] = {}
        self._metrics = ExpectedMetrics(u, tables)
        self._ends: np.ndarray | None = None
        """Each final position's payoffs, shared by the policies."""

    def __getitem__(self, policy: str) -> PolicyResult:
        found = self._found.get(policy)
        if found is None:
            if policy not in POLICIES:
                raise KeyError(policy)
            found = self._found[policy] = self._result(policy)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(POLICIES)

    def __len__(self) -> int:
        return len(POLICIES)

    def _result(self, policy: str) -> PolicyResult:
        u = self._u
        with paused_gc():
            known = self._metrics.masses.get(policy)  # pushed already for the expected metrics
            f = flow(u, self._tables[policy]) if known is None else flow_of(u, known)
            finals = u.arrays.finals
            if len(finals):
                if self._ends is None:  # outcome positions keep their end values through the backward pass
                    self._ends = self._tables.equilibrium.values.array[finals]
                expected = np.cumsum(f.mass[finals][:, None] * self._ends, axis=0)[-1] + 0.0
            else:
                expected = np.zeros(len(u.actors))
        payoffs = dict(zip(u.actors, expected.tolist(), strict=True))
        self._metrics.masses[policy] = f.mass
        return PolicyResult(policy, f.outcomes, f.stuck, payoffs, functools.partial(self._metrics.of, policy), f.mass)


class ExpectedMetrics:
    """Every policy's expected metrics, computed together when the first are asked for. It holds the
    positions, the tables and the masses found so far, and nothing that holds it: no reference cycle
    keeps an analysis's arrays alive after its last use."""

    def __init__(self, u: Unfolding, tables: PolicyTables) -> None:
        self.u, self.tables = u, tables
        self.masses: dict[str, np.ndarray] = {}
        """Policy → its flow's mass, where already computed (by the policy's result, or here by `odds.push`
        for the expected metrics, and then reused by the result)."""
        self._found: list[dict[str, float]] | None = None

    def of(self, policy: str) -> dict[str, float]:
        if self._found is None:
            with paused_gc():
                for p in POLICIES:
                    if p not in self.masses:
                        self.masses[p] = push(self.u, self.tables[p])
                self._found = expected_metrics_of(self.u, [self.tables[p] for p in POLICIES], [self.masses[p] for p in POLICIES])
        return self._found[POLICIES.index(policy)]


class Analysis:
    """The solved scenario: the equilibrium at once; each policy's odds and expectations, and the
    paths in words, when first read."""

    def __init__(self, graph: ScenarioGraph, unfolding: Unfolding, equilibrium: Equilibrium, policy: str) -> None:
        self.graph = graph
        self.unfolding = unfolding
        self.equilibrium = equilibrium
        self.policy = policy
        """The policy the most likely path follows."""
        self.tables = PolicyTables(unfolding, equilibrium)
        self.results = PolicyResults(unfolding, self.tables)

    @functools.cached_property
    def eq_path(self) -> list[PathStep]:
        """The equilibrium path in words."""
        return describe_path(self.unfolding, self.equilibrium.path(), self.tables["equilibrium"])

    @functools.cached_property
    def _likely(self) -> tuple[list[PathStep], float]:
        positions, probability = most_likely_path(self.unfolding, self.tables[self.policy])
        return describe_path(self.unfolding, positions, self.tables[self.policy]), probability

    @property
    def likely_path(self) -> list[PathStep]:
        """The most likely path under `policy`, in words."""
        return self._likely[0]

    @property
    def likely_probability(self) -> float:
        return self._likely[1]

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
        best = self.results[policy or self.policy].outcomes.top(1)
        return best[0] if best else None

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
            "distribution": {p: r.outcomes.as_dict() for p, r in self.results.items()},
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
    return Analysis(graph, u, equilibrium(u), policy)


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
