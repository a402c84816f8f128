"""What a viewer shows about each option once a scenario is solved, cached for repeated asks.

Outcomes are grouped by ending: an outcome's class is its title, so endings that share a title are
one class and every other ending is its own (grouping by tag once counted "A partial deal collapses"
as "deal"). A walk that ends where every option is locked falls in the class "dead end".
Probabilities are numbers; a view writes them with `format.probability_words.describe`, which never
rounds 0.996 into "1.00" or 0.004 into "0.00".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from explorer.analysis.odds import flow, most_likely_path
from explorer.analysis.policies import POLICIES, stage_profile
from explorer.analysis.stage_report import stage_report
from explorer.analysis.summary import Analysis, PathStep, describe_path
from explorer.analysis.weights import product_weights
from explorer.graph import ScenarioGraph

DEAD_END = "(dead end)"

"""The key `Analysis.outlook` uses for the odds of ending at a dead end."""


@dataclass(frozen=True, slots=True)
class OutcomeClass:
    """A group of outcomes and the probability of ending in one of them."""

    label: str
    probability: float
    outcomes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OptionMark:
    """One option's analysis: whether the equilibrium takes it, each actor's expected payoff if it
    is taken (equilibrium play afterwards), and the odds of each outcome class (the policy after)."""

    index: int
    equilibrium: bool
    payoffs: dict[str, float]
    classes: tuple[OutcomeClass, ...]
    """Most likely first; classes with probability 0 are left out."""


@dataclass(frozen=True, slots=True)
class MoveMark:
    """One available move of one actor at a round: its probability in the stage equilibrium, the actor's
    expected payoff if it plays it while the others play the equilibrium, and the odds of each outcome
    class if it plays it while the others (and everything after) follow the policy."""

    actor: str
    index: int
    equilibrium: float
    payoff: float
    classes: tuple[OutcomeClass, ...]


@dataclass(frozen=True, slots=True)
class RoundMarks:
    """A round position's analysis: every acting actor's moves, the stage equilibrium in words, and the
    odds from here under the policy."""

    moves: tuple[MoveMark, ...]
    why: str
    """Which stage equilibrium was taken and why (`StageReport.why`)."""
    mixed: bool
    classes: tuple[OutcomeClass, ...]


def outcome_classes(graph: ScenarioGraph) -> dict[str, str]:
    """Outcome id → its class label: the ending's title (outcomes with the same title share a class)."""
    classes = {outcome_id: graph.node(outcome_id).title for outcome_id in graph.outcomes}
    classes[DEAD_END] = "dead end"
    return classes


def group_odds(odds: dict[str, float], classes: dict[str, str], order: dict[str, int]) -> tuple[OutcomeClass, ...]:
    """Outcome odds summed by class, most likely first (ties: the class met first in file order)."""
    total: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for outcome_id, p in odds.items():
        if p <= 0:
            continue
        label = classes.get(outcome_id, outcome_id)
        total[label] = total.get(label, 0.0) + p
        members.setdefault(label, []).append(outcome_id)
        first[label] = min(first.get(label, len(order)), order.get(outcome_id, len(order)))
    ranked = sorted(total, key=lambda label: (-total[label], first[label]))
    last = len(order)
    return tuple(
        OutcomeClass(label, total[label], tuple(sorted(members[label], key=lambda o: order.get(o, last))))
        for label in ranked
    )


def odds_from(analysis: Analysis, table: np.ndarray, start: int) -> dict[str, float]:
    """Outcome id → probability of ending there from position `start` (and `DEAD_END` → the
    probability of a dead end)."""
    f = flow(analysis.unfolding, table, start=start)
    odds = dict(f.outcomes)
    if f.stuck:
        odds[DEAD_END] = f.stuck
    return odds


class Outlooks:
    """A solved scenario with its per-option marks and most likely paths cached by policy: a view
    asks again at every move, and each answer is computed once."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.graph = analysis.graph
        self.classes = outcome_classes(self.graph)
        self.order = {o: i for i, o in enumerate(self.graph.outcomes)}
        self.order[DEAD_END] = len(self.order)
        self._marks: dict[tuple[str, tuple[float, ...], str], tuple[OptionMark, ...]] = {}
        self._paths: dict[str, tuple[list[PathStep], float]] = {}
        self._rounds: dict[tuple, RoundMarks | None] = {}

    def cost(self, node_id: str) -> int:
        """An upper bound, found at once, on the positions `marks` (or `round_marks`) visits at a node not
        yet cached: every position of the game, per option or joint move (deep in the game it visits far fewer)."""
        compiled = self.graph.round(node_id)
        branches = math.prod(len(m) for m in compiled.moves) if compiled is not None else len(self.graph.actions(node_id))
        return len(self.analysis.unfolding) * branches

    def round_cached(self, node_id: str, state: tuple[float, ...], policy: str) -> bool:
        return ("round", node_id, state, policy) in self._rounds

    def cached(self, node_id: str, state: tuple[float, ...], policy: str) -> bool:
        return (node_id, state, policy) in self._marks

    def marks(self, node_id: str, state: tuple[float, ...], policy: str) -> tuple[OptionMark, ...]:
        """Each available option's mark at (node, full metric state), in option order; empty at an
        outcome and at a position the analysis never reaches (after a jump, say)."""
        if policy not in POLICIES:
            raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
        key = (node_id, state, policy)
        found = self._marks.get(key)
        if found is None:
            found = self._marks[key] = self._compute(node_id, state, policy)
        return found

    def _compute(self, node_id: str, state: tuple[float, ...], policy: str) -> tuple[OptionMark, ...]:
        """`Analysis.outlook`, with each option's odds grouped into classes."""
        return tuple(OptionMark(o.index, o.equilibrium, o.payoffs, group_odds(o.outcomes, self.classes, self.order))
                     for o in self.analysis.outlook(node_id, state, policy))

    def round_marks(self, node_id: str, state: tuple[float, ...], policy: str) -> RoundMarks | None:
        """At a round reached by the analysis: each acting actor's moves marked (see `MoveMark`); None
        elsewhere and at a position the analysis never reaches."""
        key = ("round", node_id, state, policy)
        if key not in self._rounds:
            self._rounds[key] = self._round(node_id, state, policy)
        return self._rounds[key]

    def _round(self, node_id: str, state: tuple[float, ...], policy: str) -> RoundMarks | None:
        analysis, u = self.analysis, self.analysis.unfolding
        pos = u.find(node_id, state)
        if pos is None or pos not in u.stages:
            return None
        eq, table = analysis.equilibrium, analysis.tables[policy]
        stage, solution = u.stages[pos], eq.stages[pos]
        compiled = u.table.rounds[u.pos_node[pos]]
        assert compiled is not None
        kids = u.pos_kids[pos]
        odds_of = [odds_from(analysis, table, kid) for kid in kids]
        profile = stage_profile(u, policy, eq, u.pos_node[pos], pos)
        marks = []
        for a, (actor, moves) in enumerate(zip(stage.actors, stage.moves, strict=True)):
            column = compiled.actor_index[actor]
            for i, move in enumerate(moves):
                indicator = [1.0 if k == i else 0.0 for k in range(len(moves))]
                at_eq = product_weights([indicator if b == a else list(q) for b, q in enumerate(solution.profile)])
                by_policy = product_weights([indicator if b == a else q for b, q in enumerate(profile)])
                payoff = sum(w * eq.values[k][column] for w, k in zip(at_eq, kids, strict=True))
                odds: dict[str, float] = {}
                for w, found in zip(by_policy, odds_of, strict=True):
                    if w:
                        for end, q in found.items():
                            odds[end] = odds.get(end, 0.0) + w * q
                marks.append(MoveMark(compiled.actors[actor], move, solution.profile[a][i], payoff,
                                      group_odds(odds, self.classes, self.order)))
        overall: dict[str, float] = {}
        for w, found in zip(table[u.first[pos]:u.first[pos + 1]].tolist(), odds_of, strict=True):
            if w:
                for end, q in found.items():
                    overall[end] = overall.get(end, 0.0) + w * q
        report = stage_report(analysis, pos, 0.0)
        return RoundMarks(tuple(marks), report.why(), solution.chosen is None, group_odds(overall, self.classes, self.order))

    def likely_path(self, policy: str) -> tuple[list[PathStep], float]:
        """The single most probable path from the start under `policy`, and its probability."""
        found = self._paths.get(policy)
        if found is None:
            u = self.analysis.unfolding
            positions, probability = most_likely_path(u, self.analysis.tables[policy])
            found = self._paths[policy] = (describe_path(u, positions, self.analysis.tables[policy]), probability)
        return found

    def likely_route(self, policy: str) -> tuple[int, ...]:
        """The option indices of the most likely path from the start (as a map of moves draws it)."""
        return tuple(step.option for step in self.likely_path(policy)[0] if step.option is not None)

    def outcome_odds(self, policy: str, most: int | None = None) -> list[tuple[str, float]]:
        """(outcome id, probability) under `policy`, most likely first, file order on ties; a
        dead end, if any walk can reach one, as `DEAD_END`. `most`: only the first so many (from
        the arrays: no sort of every outcome)."""
        result = self.analysis.results[policy]
        odds = dict(result.outcomes if most is None else result.outcomes.top(most))
        if result.stuck > 0:
            odds[DEAD_END] = result.stuck
        ranked = sorted(odds.items(), key=lambda item: (-item[1], self.order.get(item[0], len(self.order))))
        return ranked if most is None else ranked[:most]

    def reached_count(self, policy: str) -> int:
        """How many endings `policy` reaches with positive probability (a dead end counts as one)."""
        result = self.analysis.results[policy]
        return len(result.outcomes) + (result.stuck > 0)

    def likeliest(self, policy: str) -> tuple[str, float] | None:
        """The first of `outcome_odds(policy)` (a dead end counts), from the arrays: no sort of every outcome."""
        result = self.analysis.results[policy]
        best = result.outcomes.top(1)
        if result.stuck > 0 and (not best or result.stuck > best[0][1]):
            return DEAD_END, result.stuck
        return best[0] if best else None
