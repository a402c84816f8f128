"""The scalar analysis the numpy passes replaced, kept as the reference they must match bit for bit.

This is the code `explorer.analysis` ran before it was vectorised (the backward pass with its local
tie test, the three policies' move probabilities, the flows, expected payoffs and metrics, the most
likely path), position by position in plain Python, reading the unfolding through lists (`Lists`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import mul

import numpy as np

from explorer.analysis.stage import StageSolution, solve_stage
from explorer.analysis.summary import PolicyResult
from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, ROUND, Unfolding
from explorer.analysis.weights import product_weights, renormalised

TOLERANCE = 1e-9
Weights = Callable[[int, int, list[int]], Sequence[float]]
POLICIES = ("beliefs", "equilibrium", "uniform")


class Lists:
    """An unfolding read through Python lists, as the scalar passes expect it."""

    def __init__(self, u: Unfolding) -> None:
        self.u, self.graph, self.table, self.actors = u, u.graph, u.table, u.actors
        self.topo, self.at, self.live, self.stages, self.pos_key = u.topo, u.at, u.live, u.stages, u.pos_key
        self.pos_node = u.pos_node.tolist()
        self.pos_kids = [u.pos_kids[p] for p in range(len(u))]
        self.pos_opts = [u.pos_opts[p] for p in range(len(u))]
        self.plan = []
        for p, kids in enumerate(self.pos_kids):
            if kids:
                n = self.pos_node[p]
                tag = self.table.actor_of[n] if self.table.kinds[n] == DECISION else -1 - n
                self.plan.append((p, tag, kids))
        self.dead = u.dead.tolist()

    def __len__(self) -> int:
        return len(self.pos_node)

    def groups(self) -> list[tuple[int, list[int]]]:
        return [(n, list(self.at[n].values())) for n in self.topo if self.at[n]]


# --- weights ------------------------------------------------------------------------------------
def chance_weights(u: Lists, chance: Sequence[tuple[float, ...]] | None = None) -> Weights:
    raw = u.table.chance if chance is None else chance
    full: dict[tuple[float, ...], list[float]] = {}
    pos_opts, counts = u.pos_opts, u.table.counts

    def weights(n: int, p: int, kids: list[int]) -> Sequence[float]:
        opts = pos_opts[p]
        if len(opts) == counts[n]:
            cached = full.get(raw[n])
            if cached is None:
                cached = full[raw[n]] = renormalised(raw[n], opts)
            return cached
        return renormalised(raw[n], opts)

    return weights


# --- the backward pass ----------------------------------------------------------------------------
@dataclass(eq=False)
class ScalarEquilibrium:
    values: list[tuple[float, ...]]
    choice: list[int]
    stages: dict[int, StageSolution] = field(default_factory=dict)


def end_values(u: Lists, payoffs: Sequence[tuple[float, ...] | None]) -> list[tuple[float, ...]]:
    zero = (0.0,) * len(u.actors)
    values = [payoffs[n] or zero for n in u.pos_node]
    score = u.graph.score
    if any(score):
        live, kinds = u.live, u.table.kinds
        for p, n in enumerate(u.pos_node):
            if kinds[n] == OUTCOME:
                at = {s: i for i, s in enumerate(live[n])}
                key = u.pos_key[p]
                values[p] = tuple(b + sum(w * key[at[s]] for s, w in weights)
                                  for b, weights in zip(values[p], score, strict=True))
    return values


def tie_margins(u: Lists, ends: list[tuple[float, ...]]) -> list[float]:
    reach = [max(map(abs, v), default=0.0) for v in ends]
    for p, _, kids in reversed(u.plan):
        reach[p] = max([reach[c] for c in kids])
    return [TOLERANCE * (m if m > 0 else 1.0) for m in reach]


def equilibrium(u: Lists, payoffs=None, chance=None) -> ScalarEquilibrium:
    payoffs = u.table.payoffs if payoffs is None else payoffs
    chance = u.table.chance if chance is None else chance
    values = end_values(u, payoffs)
    scale = max(map(abs, chain.from_iterable(values)), default=0.0)
    wide = TOLERANCE * (scale if scale > 0 else 1.0)
    margins: list[float] = []

    def margin(p: int) -> float:
        if not margins:
            margins.extend(tie_margins(u, values))
        return margins[p]

    choice = [-1] * len(values)
    counts, pos_opts, kinds = u.table.counts, u.pos_opts, u.table.kinds
    eq = ScalarEquilibrium(values, choice)
    if u.stages:
        margin(0)
    for p, tag, kids in reversed(u.plan):
        k = len(kids)
        if tag >= 0:
            best = kids[0]
            top = values[best][tag]
            chosen = i = 0
            for c in kids:
                v = values[c][tag]
                if v > top and (v > top + wide or v - top > margin(p)):
                    best, top, chosen = c, v, i
                i += 1  # noqa: SIM113
            values[p], choice[p] = values[best], chosen
            continue
        n = -1 - tag
        if kinds[n] == ROUND:
            values[p] = _stage(u, eq, p, kids, margins[p])
            continue
        probs = renormalised(chance[n], pos_opts[p])
        if k == 2:
            w0, w1 = probs
            vx, vy = values[kids[0]], values[kids[1]]
            values[p] = tuple([w0 * a + w1 * b for a, b in zip(vx, vy)])  # noqa: B905
        else:
            vectors = [values[c] for c in kids]
            values[p] = tuple([sum(map(mul, probs, column)) for column in zip(*vectors)])  # noqa: B905
    del counts
    return eq


def _stage(u: Lists, eq: ScalarEquilibrium, p: int, kids: list[int], margin: float) -> tuple[float, ...]:
    values = eq.values
    stage = u.stages[p]
    compiled = u.graph.table.rounds[u.pos_node[p]]
    if not stage.actors:
        eq.stages[p] = solve_stage(np.zeros((1, 1)), margin)
        return values[kids[0]]
    columns = [compiled.actor_index[a] for a in stage.actors]
    table = np.array([[values[c][i] for i in columns] for c in kids], dtype=float)
    arrays = np.moveaxis(table, 1, 0).reshape((len(columns), *stage.shape))
    solution = eq.stages[p] = solve_stage(arrays, margin)
    weights = product_weights(solution.profile)
    vectors = [values[c] for c in kids]
    return tuple([sum(map(mul, weights, column)) for column in zip(*vectors)])  # noqa: B905


def path(u: Lists, eq: ScalarEquilibrium, pos: int = 0) -> list[int]:
    at_chance = chance_weights(u)
    out = [pos]
    while u.pos_kids[pos]:
        n = u.pos_node[pos]
        kind = u.table.kinds[n]
        if kind == DECISION:
            pos = u.pos_kids[pos][eq.choice[pos]]
        else:
            probs = product_weights(eq.stages[pos].profile) if kind == ROUND else at_chance(n, pos, u.pos_kids[pos])
            best = max(range(len(probs)), key=lambda i: (probs[i], -i))
            pos = u.pos_kids[pos][best]
        out.append(pos)
    return out


# --- policies -------------------------------------------------------------------------------------
def round_beliefs(u: Lists) -> dict[int, tuple[tuple[float, ...], ...]]:
    return {n: tuple(tuple(m.option.probability or 0.0 for m in moves) for moves in r.moves)
            for n, r in enumerate(u.table.rounds) if r is not None}


def stage_profile(u: Lists, policy: str, eq: ScalarEquilibrium, n: int, p: int, given) -> list[list[float]]:
    stage = u.stages[p]
    if policy == "equilibrium":
        return [list(probs) for probs in eq.stages[p].profile]
    if policy == "beliefs":
        raw = given[n]
        return [renormalised(raw[a], moves) for a, moves in zip(stage.actors, stage.moves, strict=True)]
    return [[1.0 / len(moves)] * len(moves) for moves in stage.moves]


def policy_weights(u: Lists, policy: str, eq: ScalarEquilibrium, chance=None, beliefs=None, move_beliefs=None) -> Weights:
    at_chance = chance_weights(u, chance)
    kinds, has_beliefs = u.table.kinds, u.table.beliefs
    at_belief = chance_weights(u, beliefs)
    given = round_beliefs(u) if move_beliefs is None else move_beliefs

    def weights(n: int, p: int, kids: list[int]) -> Sequence[float]:
        kind = kinds[n]
        if kind == CHANCE:
            return at_chance(n, p, kids)
        if kind == ROUND:
            return product_weights(stage_profile(u, policy, eq, n, p, given))
        if policy == "equilibrium":
            out = [0.0] * len(kids)
            out[eq.choice[p]] = 1.0
            return out
        if policy == "beliefs" and has_beliefs[n]:
            return at_belief(n, p, kids)
        return [1.0 / len(kids)] * len(kids)

    return weights


def weight_table(u: Lists, weights: Weights) -> list[Sequence[float]]:
    table: list[Sequence[float]] = [()] * len(u.pos_node)
    for n in u.topo:
        group = u.at[n]
        if group and u.table.kinds[n] != OUTCOME:
            for p in group.values():
                if u.pos_kids[p]:
                    table[p] = weights(n, p, u.pos_kids[p])
    return table


# --- odds -----------------------------------------------------------------------------------------
def flow(u: Lists, table: list[Sequence[float]], start: int = 0) -> tuple[list[float], dict[str, float], float]:
    mass = [0.0] * len(u.pos_node)
    mass[start] = 1.0
    for p, _, kids in u.plan:
        m = mass[p]
        if m:
            for w, c in zip(table[p], kids):  # noqa: B905
                if w:
                    mass[c] += m * w
    outcomes: dict[str, float] = {}
    for n in u.topo:
        group = u.at[n]
        if group and u.table.kinds[n] == OUTCOME:
            total = sum([mass[p] for p in group.values()])
            if total > 0:
                outcomes[u.table.ids[n]] = total
    stuck = sum([mass[p] for p in u.dead])
    return mass, outcomes, stuck


def expected_metrics(u: Lists, table: list[Sequence[float]], mass: list[float]) -> dict[str, float]:
    graph = u.graph
    ends = [p for n, group in u.groups() for p in group if not u.pos_kids[p]]
    reached = sum(mass[p] for p in ends)
    effects: list[dict[tuple[int, int], float]] = [{} for _ in graph.metric_ids]
    for n in u.topo:
        for move in graph.actions(u.table.ids[n]):
            for s, amount in move.effects:
                effects[s][(n, move.index)] = amount
    in_rounds = {s for r in u.table.rounds if r is not None for e in [*(m.effects for ms in r.moves for m in ms),
                                                                    *(rule.effects for rule in r.rules)] for s, _ in e}
    result = {}
    for slot, metric_id in enumerate(graph.metric_ids):
        metric = graph.metrics[slot]
        if slot in in_rounds:
            result[metric_id] = _carry_values(u, table, slot, effects[slot], ends, True)
        elif not effects[slot]:
            result[metric_id] = metric.initial * reached
        elif _may_clamp(u, slot, effects[slot]):
            result[metric_id] = _carry_values(u, table, slot, effects[slot], ends)
        else:
            result[metric_id] = _carry_mean(u, table, mass, metric.initial, effects[slot], ends)
    return result


def _may_clamp(u: Lists, slot: int, effect: dict[tuple[int, int], float]) -> bool:
    metric = u.graph.metrics[slot]
    if metric.min is None and metric.max is None:
        return False
    low = [float("inf")] * len(u.table.ids)
    high = [-float("inf")] * len(u.table.ids)
    start = u.pos_node[0]
    low[start] = high[start] = metric.initial
    for n in u.topo:
        for index, c in enumerate(u.table.children[n]):
            e = effect.get((n, index), 0.0) if u.table.rounds[n] is None else 0.0
            low[c] = min(low[c], low[n] + e)
            high[c] = max(high[c], high[n] + e)
            if (metric.min is not None and low[c] < metric.min) or (metric.max is not None and high[c] > metric.max):
                return True
    return False


def _carry_mean(u: Lists, table, mass, initial: float, effect, ends: list[int]) -> float:
    carried = [0.0] * len(u.pos_node)
    carried[0] = initial
    for n, group in u.groups():
        for p in group:
            kids = u.pos_kids[p]
            if not kids or mass[p] == 0.0:
                continue
            here, m = carried[p], mass[p]
            for w, c, o in zip(table[p], kids, u.pos_opts[p], strict=True):
                if w:
                    carried[c] += w * (here + m * effect.get((n, o), 0.0))
    return sum(carried[p] for p in ends)


def _carry_values(u: Lists, table, slot: int, effect, ends: list[int], rounds: bool = False) -> float:
    clamp = u.graph.metrics[slot].clamp
    carried: list[dict[float, float] | None] = [None] * len(u.pos_node)
    carried[0] = {u.graph.metrics[slot].initial: 1.0}
    for n, group in u.groups():
        for p in group:
            here = carried[p]
            kids = u.pos_kids[p]
            if here is None or not kids:
                continue
            stage = u.stages.get(p) if rounds else None
            for j, (w, c, o) in enumerate(zip(table[p], kids, u.pos_opts[p], strict=True)):
                if not w:
                    continue
                into = carried[c]
                if into is None:
                    into = carried[c] = {}
                if stage is not None:
                    move, rule = _round_effect(u, slot, n, stage, j)
                    for v, m in here.items():
                        after = clamp(clamp(v + move) + rule) if rule else clamp(v + move) if move else v
                        into[after] = into.get(after, 0.0) + w * m
                    continue
                e = effect.get((n, o), 0.0)
                for v, m in here.items():
                    after = clamp(v + e) if e else v
                    into[after] = into.get(after, 0.0) + w * m
    return sum(v * m for p in ends if carried[p] for v, m in carried[p].items())


def _round_effect(u: Lists, slot: int, n: int, stage, j: int) -> tuple[float, float]:
    compiled = u.table.rounds[n]
    per_move = tuple(tuple(sum(x for s, x in m.effects if s == slot) for m in moves) for moves in compiled.moves)
    total = sum(per_move[a][m] for a, m in zip(stage.actors, stage.joint(j), strict=True))
    rule = sum(x for s, x in compiled.rules[stage.rules[j]].effects if s == slot)
    return total, rule


def most_likely_path(u: Lists, table: list[Sequence[float]], start: int = 0) -> tuple[list[int], float]:
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
    out = [start]
    while step[out[-1]] >= 0:
        out.append(u.pos_kids[out[-1]][step[out[-1]]])
    return out, best[start]


# --- everything `analyse` computes ----------------------------------------------------------------
def analyse(u: Unfolding, policy: str = "beliefs"):
    """(equilibrium, its path, per policy (its results, its move probabilities), the most likely path
    and its probability)."""
    lists = Lists(u)
    eq = equilibrium(lists)
    ends = end_values(lists, u.table.payoffs)
    finals = [p for n, group in lists.groups() if u.table.kinds[n] == OUTCOME for p in group]
    results = {}
    for name in POLICIES:
        table = weight_table(lists, policy_weights(lists, name, eq))
        mass, outcomes, stuck = flow(lists, table)
        payoffs = dict.fromkeys(u.actors, 0.0)
        for p in finals:
            if mass[p]:
                for actor, x in zip(u.actors, ends[p], strict=True):
                    payoffs[actor] += mass[p] * x
        results[name] = (PolicyResult(name, outcomes, stuck, payoffs, expected_metrics(lists, table, mass), mass), table)
    likely, probability = most_likely_path(lists, results[policy][1])
    return eq, path(lists, eq), results, likely, probability
