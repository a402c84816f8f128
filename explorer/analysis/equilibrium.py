"""Backward induction over positions: a subgame-perfect equilibrium of the whole game.

At a decision the actor takes the available option with the highest expected payoff for itself; at a
chance node values are weighted by the probabilities renormalised over the available options; at a
round the stage game among its acting actors — payoffs: their values at the joint moves' next
positions — is solved by `stage.solve_stage` (pure first, with the contract's selection rule), and
every actor's value is the expectation under that stage equilibrium. A position where every option
is locked (a dead end) ends the game with payoff 0 for everyone.

The tie test (both formats): two values a and b tie when |a − b| ≤ 1e-9 × M, M the largest |payoff|
among the outcomes reachable from that position (1 if all are 0); of tied options the first listed
wins. The margins are computed only when some comparison falls within the game-wide margin, which
bounds every local one: most solves never need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import mul

from explorer.analysis.stage import StageSolution, solve_stage
from explorer.analysis.unfolding import DECISION, OUTCOME, ROUND, Unfolding
from explorer.analysis.weights import chance_weights, product_weights, renormalised
from explorer.gc_pause import paused_gc

TOLERANCE = 1e-9
"""The tie test's relative margin."""


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
    stages: dict[int, StageSolution] = field(default_factory=dict)
    """Round position → the equilibrium of its stage game (acting actors in `StagePosition` order)."""

    def payoffs(self, pos: int = 0) -> dict[str, float]:
        return dict(zip(self.unfolding.actors, self.values[pos], strict=True))

    def option(self, pos: int) -> int | None:
        """The option index the equilibrium takes at a decision position, else None."""
        c = self.choice[pos]
        return None if c < 0 else self.unfolding.pos_opts[pos][c]

    def joint_weights(self, pos: int) -> list[float]:
        """At a round position: the probability of each joint move under the stage equilibrium."""
        return product_weights(self.stages[pos].profile)

    def path(self, pos: int = 0) -> list[int]:
        """Positions from `pos` to the end: equilibrium moves; the most probable branch at a chance
        node, and the most probable joint move of a mixed stage equilibrium (the first on ties)."""
        u = self.unfolding
        at_chance = chance_weights(u, self.chance)
        path = [pos]
        while u.pos_kids[pos]:
            n = u.pos_node[pos]
            kind = u.table.kinds[n]
            if kind == DECISION:
                pos = u.pos_kids[pos][self.choice[pos]]
            else:
                probs = self.joint_weights(pos) if kind == ROUND else at_chance(n, pos, u.pos_kids[pos])
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


def end_values(u: Unfolding, payoffs: Sequence[tuple[float, ...] | None]) -> list[tuple[float, ...]]:
    """Each position's payoffs where the game ends there: at an outcome its `payoffs` (plus, in format 2,
    each actor's `score` over the position's metrics), 0 at a dead end; other positions get the zero
    vector too, as a placeholder the backward pass overwrites."""
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


def tie_margins(u: Unfolding, ends: list[tuple[float, ...]]) -> list[float]:
    """Position → 1e-9 × the largest |payoff| among the outcomes reachable from it (1 if all are 0)."""
    reach = [max(map(abs, v), default=0.0) for v in ends]
    for p, _, kids in reversed(u.plan):
        reach[p] = max([reach[c] for c in kids])
    return [TOLERANCE * (m if m > 0 else 1.0) for m in reach]


def _backward(u: Unfolding, payoffs: Sequence[tuple[float, ...] | None], chance: Sequence[tuple[float, ...]]) -> Equilibrium:
    values = end_values(u, payoffs)
    scale = max(map(abs, chain.from_iterable(values)), default=0.0)
    wide = TOLERANCE * (scale if scale > 0 else 1.0)
    """Bounds every position's margin: a difference beyond it is never a tie."""
    margins: list[float] = []

    def margin(p: int) -> float:
        if not margins:
            margins.extend(tie_margins(u, values))
        return margins[p]

    choice = [-1] * len(values)
    counts, pos_opts, kinds = u.table.counts, u.pos_opts, u.table.kinds
    eq = Equilibrium(u, values, choice, chance)
    if u.stages:
        margin(0)
    odds: dict[tuple[float, ...], list[float]] = {}
    """Renormalised odds of a chance node with every option open, by its raw probabilities."""
    duo = len(u.actors) == 2
    for p, tag, kids in reversed(u.plan):
        k = len(kids)
        if tag >= 0:  # a decision by actor `tag`; the first of tied options wins
            if k == 2:
                x, y = kids
                vx = values[x]
                vy = values[y]
                a = vx[tag]
                b = vy[tag]
                if b > a and (b > a + wide or b - a > margin(p)):
                    values[p] = vy
                    choice[p] = 1
                else:
                    values[p] = vx
                    choice[p] = 0
                continue
            if k == 1:
                values[p] = values[kids[0]]
                choice[p] = 0
                continue
            best = kids[0]
            top = values[best][tag]
            chosen = i = 0
            for c in kids:
                v = values[c][tag]
                if v > top and (v > top + wide or v - top > margin(p)):
                    best, top, chosen = c, v, i
                i += 1  # noqa: SIM113 (enumerate is slower in this hot loop)
            values[p], choice[p] = values[best], chosen
            continue
        n = -1 - tag
        if kinds[n] == ROUND:
            values[p] = _stage(eq, p, kids, margins[p])
            continue
        raw = chance[n]
        if k == counts[n]:
            probs = odds.get(raw)
            if probs is None:
                probs = odds[raw] = renormalised(raw, pos_opts[p])
        else:
            probs = renormalised(raw, pos_opts[p])
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
    return eq


def _stage(eq: Equilibrium, p: int, kids: list[int], margin: float) -> tuple[float, ...]:
    """Solve the stage game at round position `p`; every actor's value under its equilibrium."""
    import numpy as np

    u, values = eq.unfolding, eq.values
    stage = u.stages[p]
    compiled = u.graph.table.rounds[u.pos_node[p]]
    assert compiled is not None
    if not stage.actors:  # nobody can move: the one joint move
        eq.stages[p] = solve_stage(np.zeros((1, 1)), margin)
        return values[kids[0]]
    columns = [compiled.actor_index[a] for a in stage.actors]
    table = np.array([[values[c][i] for i in columns] for c in kids], dtype=float)
    arrays = np.moveaxis(table, 1, 0).reshape((len(columns), *stage.shape))
    solution = eq.stages[p] = solve_stage(arrays, margin)
    weights = product_weights(solution.profile)
    vectors = [values[c] for c in kids]
    return tuple([sum(map(mul, weights, column)) for column in zip(*vectors)])  # noqa: B905
