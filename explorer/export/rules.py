"""A round's rules in words, for the edges the exports draw (one edge per rule)."""

from __future__ import annotations

from typing import Any

from explorer.format import expressions
from explorer.format.fields import dumped
from explorer.format.models import RoundNode
from explorer.graph import ScenarioGraph


def picks_words(graph: ScenarioGraph, node: RoundNode, index: int) -> str:
    """'Row: Defect, Column: Cooperate or Wait' for a rule's `picks` ('' when it has none)."""
    actors = graph.scenario.actors
    parts = []
    for actor, wanted in node.then[index].picked().items():
        labels = {m.id: m.label for m in node.moves.get(actor, [])}
        moves = " or ".join(labels.get(m, m) for m in wanted)
        parts.append(f"{actors[actor].label if actor in actors else actor}: {moves}")
    return ", ".join(parts)


def condition_words(graph: ScenarioGraph, node_id: str, index: int) -> str:
    """A rule's `if` written back with metric labels and ≥/≤ ('' when it has none)."""
    rule = graph.node(node_id).then[index]
    if rule.condition is None:
        return ""
    parsed = graph.parsed_conditions.get((node_id, index))
    labels = {m: metric.label for m, metric in graph.scenario.metrics.items()}
    for moves in graph.node(node_id).moves.values():
        for move in moves:
            labels.setdefault(expressions.count_name(move.id), f"the number who chose {move.label}")
    return expressions.render(parsed, labels) if parsed is not None else rule.condition


def rule_words(graph: ScenarioGraph, node_id: str, index: int) -> str:
    """When the rule fires, in words: its picks and its `if` ('otherwise' for the last, unconditional rule;
    'always' when it is the only one)."""
    node = graph.node(node_id)
    picks = picks_words(graph, node, index)
    condition = condition_words(graph, node_id, index)
    if not picks and not condition:
        return "otherwise" if index else "always"
    return "; ".join([*([picks] if picks else []), *([f"if {condition}"] if condition else [])])


def rule_label(graph: ScenarioGraph, node_id: str, index: int) -> str:
    """An edge's label: the rule's own `label`, else when it fires in words."""
    rule = graph.node(node_id).then[index]
    return rule.label if rule.label else rule_words(graph, node_id, index)


def move_records(node: RoundNode) -> dict[str, list[dict[str, Any]]]:
    """A round's moves as plain data, per actor in `moves` order: `id`, `label`, `covert` and `default`
    always; `probability`, `effects`, `requires` and the other keys of a move only when given."""
    out = {}
    for actor, moves in node.moves.items():
        out[actor] = [{"id": m.id, "label": m.label, "covert": m.covert, "default": m.default,
                       **dumped(m, exclude={"id", "label", "covert", "default"})}
                      for m in moves]
    return out


def rule_record(node: RoundNode, index: int) -> dict[str, Any]:
    """One rule as plain data, with its keys as written (`if`, not the model's field name); `rule` is
    its 1-based number."""
    return {"rule": index + 1, **dumped(node.then[index], by_alias=True)}
