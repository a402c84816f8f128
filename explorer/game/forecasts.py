"""Class forecasts: what is asked at a node, checking a team's numbers, the class median, and the
Brier score of a forecast against what happened (or against the historical branch).

The branches of a node are its options (a chance node or a decision) or, at a round, its rules
(where the round may lead). A team's forecast gives each branch a probability; numbers that sum to
between 0.98 and 1.02 (or 98 to 102 per cent) are rescaled to sum to exactly 1. The class median
is each branch's median over the teams, rescaled to sum to 1. The Brier score of a forecast p when
branch k happened is Σᵢ (pᵢ − [i = k])²: 0 is a perfect forecast, 2 the worst possible.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.format.models import NodeKind
from explorer.game.errors import MoveRefused
from explorer.game.estimates import historical_picks, option_estimates, rule_estimates
from explorer.graph import ScenarioGraph
from explorer.walk import Walk

TOLERANCE = 0.02


@dataclass(frozen=True, slots=True)
class Question:
    """What the class is asked at a node: the question and its branches, with the analyst's estimate
    and the historical branch as the scenario gives them."""

    node: str
    question: str
    branches: tuple[str, ...]
    analyst: tuple[float, ...] | None
    historical: int | None


def question_at(graph: ScenarioGraph, node_id: str, walk: Walk) -> Question:
    """The forecast question at `node_id`, estimates computed from `walk`'s metrics when the game is
    there (from the node's own numbers otherwise); `MoveRefused` at an outcome."""
    node = graph.node(node_id)
    here = walk.node_id == node_id
    at = walk if here else Walk(graph, seed=0, node_id=node_id, state=walk.state)
    if node.KIND == NodeKind.OUTCOME:
        raise MoveRefused(f"“{node.title}” is an outcome: there is nothing to forecast there")
    if node.KIND == NodeKind.ROUND:
        compiled = graph.round(node_id)
        assert compiled is not None
        branches = tuple(r.rule.label or graph.node(r.to).title for r in compiled.rules)
        odds = rule_estimates(at)
        picks = historical_picks(at)
        history = Walk(graph, seed=0, node_id=node_id, state=at.state).resolve(picks).index if picks else None
        return Question(node_id, f"Where will “{node.title}” lead?", branches,
                        tuple(odds) if odds is not None else None, history)
    options = graph.actions(node_id)
    estimates = option_estimates(at)
    analyst = tuple(p or 0.0 for p in estimates) if estimates is not None else None
    historical = next((a.index for a in options if a.option.historical), None)
    verb = "What will the dice say" if node.KIND == NodeKind.CHANCE else "What will happen"
    return Question(node_id, f"{verb} at “{node.title}”?", tuple(a.option.label for a in options), analyst,
                    historical)


def checked(probabilities: Sequence[float], branches: int) -> list[float]:
    """A team's numbers, rescaled to sum to 1; `MoveRefused` saying what is wrong with them."""
    values = [float(p) for p in probabilities]
    if len(values) != branches:
        raise MoveRefused(f"give one probability per branch: {branches} of them, not {len(values)}")
    if any(not 0 <= p <= 100 or p != p for p in values):
        raise MoveRefused("each probability is a number from 0 to 1 (or a percentage from 0 to 100)")
    total = sum(values)
    if abs(total - 100) <= 100 * TOLERANCE and total > 1 + TOLERANCE:
        values = [p / 100 for p in values]
        total = sum(values)
    if abs(total - 1) > TOLERANCE or any(p > 1 for p in values):
        raise MoveRefused(f"the probabilities add up to {total:g}; they must add up to 1 (or 100%)")
    return [p / total for p in values]


def median(entries: Sequence[Sequence[float]]) -> list[float]:
    """Each branch's median over the entries, rescaled to sum to 1; [] without entries."""
    if not entries:
        return []
    values = [statistics.median(column) for column in zip(*entries, strict=True)]
    total = sum(values)
    return [v / total for v in values] if total > 0 else [1 / len(values)] * len(values)


def brier(probabilities: Sequence[float], happened: int) -> float:
    """The Brier score of a forecast when branch `happened` came true (0 best, 2 worst)."""
    return sum((p - (1.0 if i == happened else 0.0)) ** 2 for i, p in enumerate(probabilities))
