"""The state-aware part of the round checks: from one (round, state), the rounds' reachable results.

An actor's available moves are grouped by what the checks can tell apart — their effects on the
metrics that conditions read, and which `picks` and `count(…)` they satisfy — so a round with many
look-alike moves costs one joint move per class, not one per combination (exact: two moves of one
class lead every rule to the same answer and the walk to the same projected state).

The joint moves are counted before any is resolved, against a budget for the whole check
(`limits.MAX_ROUND_JOINT_MOVES`): a (round, state) past it is not enumerated. Its findings that need
every joint move (which rules fire, the states below it) are then unknown, and the exploration goes on
below it along the defaults' joint move only (a real result: what it finds there is found soundly).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import product

from explorer.actions import State
from explorer.graph import ScenarioGraph
from explorer.resolution import Round, joint_moves


@dataclass
class RoundFindings:
    """What the exploration learned about the rounds."""

    fired: set[tuple[str, int]] = field(default_factory=set)
    """(round, rule index) of every rule that fires in some reachable state."""
    opened: set[tuple[str, str, int]] = field(default_factory=set)
    """(round, actor, move index) of every gated move available in some reachable state."""
    idle: dict[tuple[str, str], State] = field(default_factory=dict)
    """(round, actor) → a reachable state in which the actor has no available move."""
    budget: int = 0
    """Joint moves the exploration may still resolve."""
    resolved: int = 0
    """Joint moves resolved so far."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Round → the most joint moves of a (round, state) not enumerated for the budget."""


def round_successors(graph: ScenarioGraph, node: Round, state: State, relevant: frozenset[int],
                     findings: RoundFindings) -> Iterator[tuple[str, State]]:
    """(next node, state) for every distinct result of the round in `state`, recording findings."""
    available = node.available(state)
    classes = []
    for a, (actor, moves) in enumerate(zip(node.actors, available, strict=True)):
        for m in moves:
            if node.moves[a][m].requires is not None:
                findings.opened.add((node.node_id, actor, m))
        if not moves:
            findings.idle.setdefault((node.node_id, actor), state)
            classes.append([None])
            continue
        classes.append(list(_representatives(node, a, moves, relevant)))
    joints: Iterable[tuple[int | None, ...]] = product(*classes)
    size = joint_moves(len(c) for c in classes)
    if size > findings.budget:
        findings.skipped[node.node_id] = max(size, findings.skipped.get(node.node_id, 0))
        joints = [tuple(node.default_move(a, moves) for a, moves in enumerate(available))]
    else:
        findings.budget -= size
        findings.resolved += size
    seen: set[tuple[int, State]] = set()
    for joint in joints:
        rule, _, after = node.resolve(graph.metrics, state, joint)
        if rule is None:  # no unconditional last rule: an error, reported already
            continue
        findings.fired.add((node.node_id, rule.index))
        if (rule.index, after) not in seen:
            seen.add((rule.index, after))
            yield rule.to, after


def _representatives(node: Round, actor: int, moves: tuple[int, ...], relevant: frozenset[int]) -> Iterator[int]:
    """One move per class of moves that nothing in the checks can tell apart."""
    seen: set[tuple] = set()
    for m in moves:
        move = node.moves[actor][m]
        signature = (
            tuple(sorted(e for e in move.effects if e[0] in relevant)),
            tuple(m in allowed for rule in node.rules for a, allowed in rule.picks if a == actor),
            tuple(m in per_actor[actor] for per_actor in node.counted),
        )
        if signature not in seen:
            seen.add(signature)
            yield m


def relevant_slots(graph: ScenarioGraph, read: Callable[[object], list]) -> frozenset[int]:
    """Metric slots some `requires` or rule `if` reads (`read` lists an expression's metrics)."""
    exprs = {id(e): e for e in [*graph.parsed_requires.values(), *graph.parsed_conditions.values()]}.values()
    return frozenset(graph.metric_slot[m.name] for e in exprs for m in read(e) if m.name in graph.metric_slot)
