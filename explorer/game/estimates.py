"""The analyst's estimates at the position a game is in, as they are shown to the class and recorded
with each move (so the debrief shows the odds as they stood, never recomputed later)."""

from __future__ import annotations

from explorer.format.models import NodeKind
from explorer.walk import Walk

MAX_JOINT = 100_000
"""Most joint moves enumerated to find how likely each rule of a round is."""


def option_estimates(walk: Walk) -> list[float | None] | None:
    """Each option's probability (renormalised over the available ones; None for a locked one) at a
    chance node, or at a decision that gives estimates; None where the scenario gives none."""
    if walk.kind not in (NodeKind.CHANCE, NodeKind.DECISION):
        return None
    views = walk.options()
    if walk.kind == NodeKind.DECISION and not any(v.option.probability for v in views):
        return None
    odds = walk.odds()
    return [odds.get(v.index) if v.available else None for v in views]


def move_estimates(walk: Walk) -> dict[str, list[float | None]]:
    """At a round: actor → each move's probability, renormalised over its available moves (None for a
    locked one); only actors whose moves carry estimates."""
    out: dict[str, list[float | None]] = {}
    for actor in walk.round_moves():
        given = [m.option.probability for m in actor.moves]
        if not any(given):
            continue
        total = sum(p or 0.0 for m, p in zip(actor.moves, given, strict=True) if m.available)
        out[actor.actor] = [((p or 0.0) / total if total > 0 else None) if m.available else None
                            for m, p in zip(actor.moves, given, strict=True)]
    return out


def rule_estimates(walk: Walk) -> list[float] | None:
    """At a round: how likely each rule is to fire if every actor picks by the analyst's estimates
    (uniformly where it gives none), or None when there are too many joint moves to count."""
    compiled = walk.graph.round(walk.node_id)
    if compiled is None:
        return None
    available = compiled.available(walk.state)
    given = move_estimates(walk)
    per_actor: list[list[tuple[int | None, float]]] = []
    size = 1
    for a, actor in enumerate(compiled.actors):
        moves = available[a]
        if not moves:
            per_actor.append([(None, 1.0)])
            continue
        weights = given.get(actor)
        per_actor.append([(m, (weights[m] or 0.0) if weights else 1 / len(moves)) for m in moves])
        size *= len(moves)
    if size > MAX_JOINT:
        return None
    odds = [0.0] * len(compiled.rules)
    joints: list[tuple[tuple[int | None, ...], float]] = [((), 1.0)]
    for choices in per_actor:
        joints = [((*j, m), w * p) for j, w in joints for m, p in choices if w * p > 0]
    for joint, weight in joints:
        rule, _, _ = compiled.resolve(walk.graph.metrics, walk.state, joint)
        if rule is not None:
            odds[rule.index] += weight
    return odds


def historical_picks(walk: Walk) -> dict[str, int] | None:
    """At a round: the moves the scenario marks `historical`, an actor with none marked taking its
    default move; None when no acting actor has a marked move (the round has no history)."""
    picks: dict[str, int] = {}
    marked_any = False
    for actor in walk.round_moves():
        if actor.sits_out:
            continue
        marked = [m.index for m in actor.moves if m.option.historical and m.available]
        marked_any = marked_any or bool(marked)
        chosen = marked[0] if marked else actor.default
        if chosen is None:
            return None
        picks[actor.actor] = chosen
    return picks if marked_any else None
