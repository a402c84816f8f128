"""Backward induction over positions, and the odds of each outcome under a policy.

Equilibrium: at a decision the actor takes the available option with the highest expected
payoff for itself (ties, within a relative 1e-9, go to the option listed first); at a chance
node values are weighted by the probabilities renormalised over the available options. A
position where every option is locked (a dead end) ends the game with payoff 0 for everyone.

Policies say how decisions are taken when computing odds: `beliefs` (the analyst's
`probability`, renormalised over the available options; uniform where none is given),
`equilibrium`, or `uniform` over the available options.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import mul

from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, Unfolding
from explorer.gc_pause import paused_gc

POLICIES = ("beliefs", "equilibrium", "uniform")
TOLERANCE = 1e-9
"""Relative margin by which an option must beat an earlier one to be preferred."""

Weights = Callable[[int, int, list[int]], Sequence[float]]
"""(node number, position, children) → the probability of moving to each child."""


@dataclass(eq=False, slots=True)
class Equilibrium:
    """Backward-induction values and choices at every position."""

    unfolding: Unfolding
    values: list[tuple[float, ...]]
    """Position → expected payoff per actor (in `unfolding.actors` order) under equilibrium play."""
    choice: list[int]
    """Position → index into its children of the equilibrium move (-1 unless a decision with options)."""
    chance: Sequence[tuple[float, ...]]
    """The per-node probabilities it was solved with."""

    def payoffs(self, pos: int = 0) -> dict[str, float]:
        return dict(zip(self.unfolding.actors, self.values[pos], strict=True))

    def option(self, pos: int) -> int | None:
        """The option index the equilibrium takes at a decision position, else None."""
        c = self.choice[pos]
        return None if c < 0 else self.unfolding.pos_opts[pos][c]

    def path(self, pos: int = 0) -> list[int]:
        """Positions from `pos` to the end: equilibrium moves, the most probable branch at chance."""
        u = self.unfolding
        path = [pos]
        while u.pos_kids[pos]:
            n = u.pos_node[pos]
            if u.table.kinds[n] == DECISION:
                pos = u.pos_kids[pos][self.choice[pos]]
            else:
                probs = chance_weights(u, self.chance)(n, pos, u.pos_kids[pos])
                best = max(range(len(probs)), key=lambda i: (probs[i], -i))
                pos = u.pos_kids[pos][best]
            path.append(pos)
        return path


def equilibrium(
    u: Unfolding,
    payoffs: Sequence[tuple[float, ...] | None] | None = None,
    chance: Sequence[tuple[float, ...]] | None = None,
) -> Equilibrium:
    """Solve by backward induction; `payoffs`/`chance` replace the scenario's per-node values."""
    with paused_gc():
        return _backward(u, u.table.payoffs if payoffs is None else payoffs, u.table.chance if chance is None else chance)


def _backward(u: Unfolding, payoffs: Sequence[tuple[float, ...] | None], chance: Sequence[tuple[float, ...]]) -> Equilibrium:
    scale = max(map(abs, chain.from_iterable(filter(None, payoffs))), default=1.0)
    margin = TOLERANCE * max(scale, 1.0)
    zero = (0.0,) * len(u.actors)
    values: list[tuple[float, ...]] = [payoffs[n] or zero for n in u.pos_node]  # outcomes, and 0 at dead ends
    choice = [-1] * len(values)
    counts, pos_opts = u.table.counts, u.pos_opts
    odds: dict[tuple[float, ...], list[float]] = {}
    """Renormalised odds of a chance node with every option open, by its raw probabilities."""
    duo = len(u.actors) == 2
    for p, tag, kids in reversed(u.plan):
        k = len(kids)
        if tag >= 0:  # a decision by actor `tag`; the first of equal options wins (within the margin)
            if k == 2:
                x, y = kids
                vx = values[x]
                vy = values[y]
                if vy[tag] > vx[tag] + margin:
                    values[p] = vy
                    choice[p] = 1
                else:
                    values[p] = vx
                    choice[p] = 0
            elif k == 1:
                values[p] = values[kids[0]]
                choice[p] = 0
            elif k == 3:
                x, y, z = kids
                best = values[x]
                top = best[tag] + margin
                chosen = 0
                vy = values[y]
                v = vy[tag]
                if v > top:
                    best, top, chosen = vy, v + margin, 1
                vz = values[z]
                if vz[tag] > top:
                    best, chosen = vz, 2
                values[p] = best
                choice[p] = chosen
            else:
                best = kids[0]
                top = values[best][tag] + margin
                chosen = i = 0
                for c in kids:
                    v = values[c][tag]
                    if v > top:
                        best, top, chosen = c, v + margin, i
                    i += 1  # noqa: SIM113 (enumerate is slower in this hot loop)
                values[p], choice[p] = values[best], chosen
            continue
        n = -1 - tag  # a chance node
        raw = chance[n]
        if k == counts[n]:
            probs = odds.get(raw)
            if probs is None:
                probs = odds[raw] = _renormalised(raw, pos_opts[p])
        else:
            probs = _renormalised(raw, pos_opts[p])
        if k == 2:
            w0, w1 = probs
            x, y = kids
            vx = values[x]
            vy = values[y]
            if duo:  # two actors, the common case: unrolled
                values[p] = (w0 * vx[0] + w1 * vy[0], w0 * vx[1] + w1 * vy[1])
            else:
                values[p] = tuple([w0 * a + w1 * b for a, b in zip(vx, vy)])  # noqa: B905
        elif k == 3 and duo:  # summed by `sum` as below, so the result is the same
            w0, w1, w2 = probs
            x, y, z = kids
            vx = values[x]
            vy = values[y]
            vz = values[z]
            values[p] = (sum((w0 * vx[0], w1 * vy[0], w2 * vz[0])), sum((w0 * vx[1], w1 * vy[1], w2 * vz[1])))
        else:
            vectors = [values[c] for c in kids]
            values[p] = tuple([sum(map(mul, probs, column)) for column in zip(*vectors)])  # noqa: B905
    return Equilibrium(u, values, choice, chance)


# --- policies -----------------------------------------------------------------------------
def _renormalised(raw: tuple[float, ...], opts: tuple[int, ...]) -> list[float]:
    picked = [raw[o] for o in opts]
    total = sum(picked)
    if total <= 0:
        return [1.0 / len(opts)] * len(opts)
    return [x / total for x in picked]


def chance_weights(u: Unfolding, chance: Sequence[tuple[float, ...]] | None = None) -> Weights:
    """Chance odds renormalised over the available options (cached per node when all are open)."""
    raw = u.table.chance if chance is None else chance
    full: dict[tuple[float, ...], list[float]] = {}  # by the raw odds: many nodes share them
    pos_opts, counts = u.pos_opts, u.table.counts

    def weights(n: int, p: int, kids: list[int]) -> Sequence[float]:
        opts = pos_opts[p]
        if len(opts) == counts[n]:
            cached = full.get(raw[n])
            if cached is None:
                cached = full[raw[n]] = _renormalised(raw[n], opts)
            return cached
        return _renormalised(raw[n], opts)

    return weights


def policy_weights(
    u: Unfolding,
    policy: str,
    eq: Equilibrium | None = None,
    chance: Sequence[tuple[float, ...]] | None = None,
    beliefs: Sequence[tuple[float, ...]] | None = None,
) -> Weights:
    """Move probabilities at every position: chance odds at chance nodes, `policy` at decisions."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "equilibrium" and eq is None:
        raise ValueError("the equilibrium policy needs a solved equilibrium")
    at_chance = chance_weights(u, chance)
    kinds, has_beliefs = u.table.kinds, u.table.beliefs
    at_belief = chance_weights(u, beliefs)  # the same renormalisation, over the analyst's numbers
    choice = eq.choice if eq is not None else []
    picks = [(1.0,), (1.0, 0.0), (0.0, 1.0)]
    uniform: dict[int, list[float]] = {}

    def weights(n: int, p: int, kids: list[int]) -> Sequence[float]:
        if kinds[n] == CHANCE:
            return at_chance(n, p, kids)
        if policy == "equilibrium":
            if len(kids) <= 2:
                return picks[choice[p] + len(kids) - 1]
            out = [0.0] * len(kids)
            out[choice[p]] = 1.0
            return out
        if policy == "beliefs" and has_beliefs[n]:
            return at_belief(n, p, kids)
        even = uniform.get(len(kids))
        if even is None:
            even = uniform[len(kids)] = [1.0 / len(kids)] * len(kids)
        return even

    return weights


# --- odds ---------------------------------------------------------------------------------
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
    result = {}
    for slot, metric_id in enumerate(graph.metric_ids):
        metric = graph.metrics[slot]
        if not effects[slot]:
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
        for index, option in enumerate(u.graph.node(u.table.ids[n]).options):
            c = u.table.number[option.to]
            e = effect.get((n, index), 0.0)
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


def _carry_values(u: Unfolding, table: list[Sequence[float]], slot: int, effect: dict[tuple[int, int], float], ends: list[int]) -> float:
    """E[metric at the end] when clamping can bite: carry each position's distribution of values."""
    clamp = u.graph.metrics[slot].clamp
    carried: list[dict[float, float] | None] = [None] * len(u.pos_node)
    carried[0] = {u.graph.metrics[slot].initial: 1.0}
    for n, group in u.groups():
        for p in group:
            here = carried[p]
            kids = u.pos_kids[p]
            if here is None or not kids:
                continue
            for w, c, o in zip(table[p], kids, u.pos_opts[p], strict=True):
                if not w:
                    continue
                e = effect.get((n, o), 0.0)
                into = carried[c]
                if into is None:
                    into = carried[c] = {}
                for v, m in here.items():
                    after = clamp(v + e) if e else v
                    into[after] = into.get(after, 0.0) + w * m
    return sum(v * m for p in ends if carried[p] for v, m in carried[p].items())


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
