"""Outcome odds under a policy: probability mass pushed down the positions, what it reaches, the
expected metrics where walks end, and the most likely path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from explorer.analysis.round_positions import StagePosition
from explorer.analysis.unfolding import OUTCOME, Unfolding
from explorer.analysis.weights import Weights
from explorer.gc_pause import paused_gc

TOLERANCE = 1e-9
"""Relative margin by which a path must be more likely than an earlier one to be preferred."""


@dataclass(eq=False, slots=True)
class Flow:
    """How probability mass flows from a start position under one policy."""

    mass: list[float]
    """Position → probability of passing through it."""
    outcomes: dict[str, float]
    """Outcome id → probability of ending there (every reached outcome, in topological order)."""
    stuck: float
    """Probability of ending at a dead end (every option locked)."""


def weight_table(u: Unfolding, weights: Weights) -> list[Sequence[float]]:
    """Every position's move probabilities, computed once (positions without moves get ())."""
    table: list[Sequence[float]] = [()] * len(u.pos_node)
    pos_kids = u.pos_kids
    for n in u.topo:
        group = u.at[n]
        if group and u.table.kinds[n] != OUTCOME:
            for p in group.values():
                if pos_kids[p]:
                    table[p] = weights(n, p, pos_kids[p])
    return table


def flow(u: Unfolding, weights: Weights | list[Sequence[float]], start: int = 0) -> Flow:
    """Push probability 1 from `start` down the positions, in topological order; `weights` is a
    policy's function or a table of it from `weight_table`."""
    table = weights if isinstance(weights, list) else weight_table(u, weights)
    with paused_gc():
        mass = [0.0] * len(u.pos_node)
        mass[start] = 1.0
        for p, _, kids in u.plan:
            m = mass[p]
            if m:
                for w, c in zip(table[p], kids):  # noqa: B905
                    if w:
                        mass[c] += m * w
        outcomes: dict[str, float] = {}
        kinds, at, ids = u.table.kinds, u.at, u.table.ids
        for n in u.topo:
            group = at[n]
            if group and kinds[n] == OUTCOME:
                total = sum([mass[p] for p in group.values()])
                if total > 0:
                    outcomes[ids[n]] = total
        stuck = sum([mass[p] for p in u.dead])
    return Flow(mass, outcomes, stuck)


def node_reach(u: Unfolding, f: Flow) -> dict[str, float]:
    """Node id → probability that a walk passes through it."""
    return {u.table.ids[n]: sum(f.mass[p] for p in group) for n, group in u.groups()}


def option_reach(u: Unfolding, f: Flow, table: list[Sequence[float]]) -> dict[tuple[str, int], float]:
    """(node id, option index) → probability that a walk takes that option."""
    taken: dict[tuple[str, int], float] = {}
    for n, group in u.groups():
        node_id = u.table.ids[n]
        for p in group:
            kids = u.pos_kids[p]
            if not kids or f.mass[p] == 0.0:
                continue
            for w, o in zip(table[p], u.pos_opts[p], strict=True):
                taken[(node_id, o)] = taken.get((node_id, o), 0.0) + f.mass[p] * w
    return taken


def expected_metrics(u: Unfolding, table: list[Sequence[float]], f: Flow) -> dict[str, float]:
    """Each metric's expected value where the walk ends (an outcome or a dead end)."""
    graph = u.graph
    ends = [p for n, group in u.groups() for p in group if not u.pos_kids[p]]
    reached = sum(f.mass[p] for p in ends)
    effects: list[dict[tuple[int, int], float]] = [{} for _ in graph.metric_ids]
    for n in u.topo:
        for move in graph.actions(u.table.ids[n]):
            for s, amount in move.effects:
                effects[s][(n, move.index)] = amount
    in_rounds = _round_slots(u)
    result = {}
    for slot, metric_id in enumerate(graph.metric_ids):
        metric = graph.metrics[slot]
        if slot in in_rounds:
            result[metric_id] = _carry_values(u, table, slot, effects[slot], ends, RoundEffects(u, slot))
        elif not effects[slot]:
            result[metric_id] = metric.initial * reached
        elif _may_clamp(u, slot, effects[slot]):
            result[metric_id] = _carry_values(u, table, slot, effects[slot], ends)
        else:
            result[metric_id] = _carry_mean(u, table, f, metric.initial, effects[slot], ends)
    return result


def _may_clamp(u: Unfolding, slot: int, effect: dict[tuple[int, int], float]) -> bool:
    """Whether a bound can bite: the metric's unclamped range over the graph leaves its bounds."""
    metric = u.graph.metrics[slot]
    if metric.min is None and metric.max is None:
        return False
    low = [float("inf")] * len(u.table.ids)
    high = [-float("inf")] * len(u.table.ids)
    start = u.pos_node[0]
    low[start] = high[start] = metric.initial
    for n in u.topo:
        for index, c in enumerate(u.table.children[n]):  # at a round, its rules' targets (effects elsewhere)
            e = effect.get((n, index), 0.0) if u.table.rounds[n] is None else 0.0
            low[c] = min(low[c], low[n] + e)
            high[c] = max(high[c], high[n] + e)
            if (metric.min is not None and low[c] < metric.min) or (metric.max is not None and high[c] > metric.max):
                return True
    return False


def _carry_mean(
    u: Unfolding, table: list[Sequence[float]], f: Flow, initial: float, effect: dict[tuple[int, int], float], ends: list[int]
) -> float:
    """E[metric at the end] when no bound bites: carry E[value · 1{reach}], linear in the effects."""
    carried = [0.0] * len(u.pos_node)
    carried[0] = initial
    mass, pos_kids, pos_opts = f.mass, u.pos_kids, u.pos_opts
    for n, group in u.groups():
        for p in group:
            kids = pos_kids[p]
            if not kids or mass[p] == 0.0:
                continue
            here, m = carried[p], mass[p]
            for w, c, o in zip(table[p], kids, pos_opts[p], strict=True):
                if w:
                    carried[c] += w * (here + m * effect.get((n, o), 0.0))
    return sum(carried[p] for p in ends)


def _carry_values(u: Unfolding, table: list[Sequence[float]], slot: int, effect: dict[tuple[int, int], float],
                  ends: list[int], rounds: RoundEffects | None = None) -> float:
    """E[metric at the end] when clamping can bite (or rounds touch the metric): carry each position's
    distribution of values."""
    clamp = u.graph.metrics[slot].clamp
    carried: list[dict[float, float] | None] = [None] * len(u.pos_node)
    carried[0] = {u.graph.metrics[slot].initial: 1.0}
    for n, group in u.groups():
        for p in group:
            here = carried[p]
            kids = u.pos_kids[p]
            if here is None or not kids:
                continue
            stage = u.stages.get(p) if rounds is not None else None
            for j, (w, c, o) in enumerate(zip(table[p], kids, u.pos_opts[p], strict=True)):
                if not w:
                    continue
                into = carried[c]
                if into is None:
                    into = carried[c] = {}
                if stage is not None:
                    move, rule = rounds.of(n, stage, j)
                    for v, m in here.items():
                        after = clamp(clamp(v + move) + rule) if rule else clamp(v + move) if move else v
                        into[after] = into.get(after, 0.0) + w * m
                    continue
                e = effect.get((n, o), 0.0)
                for v, m in here.items():
                    after = clamp(v + e) if e else v
                    into[after] = into.get(after, 0.0) + w * m
    return sum(v * m for p in ends if carried[p] for v, m in carried[p].items())


def _round_slots(u: Unfolding) -> set[int]:
    """Metric slots that some round's move or rule changes."""
    return {s for r in u.table.rounds if r is not None for e in [*(m.effects for ms in r.moves for m in ms),
                                                               *(rule.effects for rule in r.rules)] for s, _ in e}


class RoundEffects:
    """One metric's change at a round's joint move: the moves' effects summed, and the rule's."""

    def __init__(self, u: Unfolding, slot: int) -> None:
        self.u, self.slot = u, slot
        self._moves: dict[int, tuple[tuple[float, ...], ...]] = {}

    def of(self, n: int, stage: StagePosition, j: int) -> tuple[float, float]:
        compiled = self.u.table.rounds[n]
        assert compiled is not None
        per_move = self._moves.get(n)
        if per_move is None:
            per_move = self._moves[n] = tuple(
                tuple(sum(x for s, x in m.effects if s == self.slot) for m in moves) for moves in compiled.moves
            )
        moves = stage.joint(j)
        total = sum(per_move[a][m] for a, m in zip(stage.actors, moves, strict=True))
        rule = sum(x for s, x in compiled.rules[stage.rules[j]].effects if s == self.slot)
        return total, rule


def most_likely_path(u: Unfolding, table: list[Sequence[float]], start: int = 0) -> tuple[list[int], float]:
    """The single most probable sequence of moves from `start` to an end, and its probability."""
    best = [0.0] * len(u.pos_node)
    step = [-1] * len(u.pos_node)
    for _, group in reversed(u.groups()):
        for p in group:
            kids = u.pos_kids[p]
            if not kids:
                best[p] = 1.0
                continue
            top, chosen = -1.0, 0
            for i, (w, c) in enumerate(zip(table[p], kids, strict=True)):
                if w * best[c] > top * (1 + TOLERANCE):
                    top, chosen = w * best[c], i
            best[p], step[p] = top, chosen
    path = [start]
    while step[path[-1]] >= 0:
        path.append(u.pos_kids[path[-1]][step[path[-1]]])
    return path, best[start]
