"""Backward induction over positions: a subgame-perfect equilibrium of the whole game.

At a decision the actor takes the available option with the highest expected payoff for itself; at a
chance node values are weighted by the probabilities renormalised over the available options; at a
round the stage game among its acting actors — payoffs: their values at the joint moves' next
positions — is solved by `stage.solve_stage` (pure first, with the contract's selection rule), and
every actor's value is the expectation under that stage equilibrium. A position where every option
is locked (a dead end) ends the game with payoff 0 for everyone.

The tie test (both formats): two values a and b tie when |a − b| ≤ 1e-9 × M, M the largest |payoff|
among the outcomes reachable from that position (1 if all are 0); of tied options the first listed
wins. The pass runs wave by wave, deepest first, each group of positions as whole arrays (see
`explorer.analysis.layout`): a decision takes the first best option; only where another option comes
within the game-wide margin (which bounds every local one) are the options compared one by one with
the local margin, so most solves never compute the margins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from explorer.analysis.layout import Group, node_payoffs, option_values, renormalise
from explorer.analysis.stage import StageSolution, solve_stage
from explorer.analysis.unfolding import CHANCE, DECISION, ROUND, Unfolding
from explorer.analysis.weights import product_weights
from explorer.gc_pause import paused_gc

TOLERANCE = 1e-9
"""The tie test's relative margin."""


class Rows(Sequence):
    """Position → a tuple of floats per actor, over a (positions, actors) array."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, pos):  # type: ignore[no-untyped-def]
        if isinstance(pos, slice):
            return [tuple(row) for row in self.array[pos].tolist()]
        return tuple(self.array[pos].tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self.array.shape == other.array.shape and bool((self.array == other.array).all())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(eq=False, slots=True)
class Equilibrium:
    """Backward-induction values and choices at every position."""

    unfolding: Unfolding
    values: Rows
    """Position → expected payoff per actor (in `unfolding.actors` order) under equilibrium play;
    `values.array` is the (positions, actors) array."""
    choice: np.ndarray
    """Position → index into its children of the equilibrium move (-1 unless a decision with options)."""
    chance: Sequence[tuple[float, ...]]
    """The per-node probabilities it was solved with."""
    odds: np.ndarray
    """Edge → the chance odds renormalised over the position's available options (chance positions)."""
    stages: dict[int, StageSolution] = field(default_factory=dict)
    """Round position → the equilibrium of its stage game (acting actors in `StagePosition` order)."""

    def payoffs(self, pos: int = 0) -> dict[str, float]:
        return dict(zip(self.unfolding.actors, self.values[pos], strict=True))

    def option(self, pos: int) -> int | None:
        """The option index the equilibrium takes at a decision position, else None."""
        c = int(self.choice[pos])
        return None if c < 0 else int(self.unfolding.opt[self.unfolding.first[pos] + c])

    def joint_weights(self, pos: int) -> list[float]:
        """At a round position: the probability of each joint move under the stage equilibrium."""
        return product_weights(self.stages[pos].profile)

    def path(self, pos: int = 0) -> list[int]:
        """Positions from `pos` to the end: equilibrium moves; the most probable branch at a chance
        node, and the most probable joint move of a mixed stage equilibrium (the first on ties)."""
        u = self.unfolding
        kinds, first, kid = u.table.kinds, u.first, u.kid
        path = [pos]
        while first[pos + 1] > first[pos]:
            kind = kinds[u.pos_node[pos]]
            a = int(first[pos])
            if kind == DECISION:
                pos = int(kid[a + self.choice[pos]])
            else:
                probs = self.joint_weights(pos) if kind == ROUND else self.odds[a:first[pos + 1]].tolist()
                best = max(range(len(probs)), key=lambda i: (probs[i], -i))
                pos = int(kid[a + best])
            path.append(pos)
        return path


def equilibrium(
    u: Unfolding,
    payoffs: Sequence[tuple[float, ...] | None] | None = None,
    chance: Sequence[tuple[float, ...]] | None = None,
) -> Equilibrium:
    """Solve by backward induction; `payoffs`/`chance` replace the scenario's per-node values."""
    with paused_gc():
        chance = u.table.chance if chance is None else chance
        return _backward(u, end_values(u, u.table.payoffs if payoffs is None else payoffs), chance, chance_odds(u, chance))


def chance_odds(u: Unfolding, chance: Sequence[tuple[float, ...]] | None = None) -> np.ndarray:
    """Edge → the odds of its option renormalised over its position's available options, at chance
    positions (0 elsewhere): `weights.renormalised` for every chance position at once."""
    out = np.zeros(len(u.kid))
    given = u.arrays.option_odds if chance is None or chance is u.table.chance else None
    raw = (option_values(u.arrays, chance) if given is None else given)[u.arrays.option_row]
    renormalise(u.arrays, raw, CHANCE, out)
    return out


def end_values(u: Unfolding, payoffs: Sequence[tuple[float, ...] | None], positions: np.ndarray | None = None) -> np.ndarray:
    """(positions, actors): each position's payoffs where the game ends there: at an outcome its
    `payoffs` (plus, in format 2, each actor's `score` over the position's metrics), 0 at a dead end;
    other positions get zeros too, as a placeholder the backward pass overwrites. Given `positions`
    (of outcomes), only their rows."""
    lay = u.arrays
    width = len(u.actors)
    finals, groups = lay.finals, lay.final_group
    if positions is not None:
        groups = groups[np.searchsorted(finals, positions)]
        finals = positions
    values = np.zeros((len(finals) if positions is not None else len(u), width))
    rows = np.arange(len(finals)) if positions is not None else finals
    nodes = lay.outcome_nodes
    if not nodes:
        return values
    given = lay.outcome_payoffs if payoffs is u.table.payoffs else None
    per_node = node_payoffs(payoffs, nodes, width) if given is None else given
    values[rows] = per_node[groups]
    score = u.graph.score
    if any(score):
        live, keys = u.live, u.pos_key
        for row, p, group in zip(rows.tolist(), finals.tolist(), groups.tolist(), strict=True):
            at = {s: i for i, s in enumerate(live[nodes[group]])}
            key = keys[p]
            values[row] = [b + sum(w * key[at[s]] for s, w in weights)
                           for b, weights in zip(per_node[group].tolist(), score, strict=True)]
    return values


def tie_margins(u: Unfolding, ends: np.ndarray) -> np.ndarray:
    """Position → 1e-9 × the largest |payoff| among the outcomes reachable from it (1 if all are 0)."""
    reach = np.abs(ends).max(axis=1, initial=0.0)
    for groups in u.arrays.down:
        for g in groups:
            reach[g.pos] = reach[g.kids].max(axis=1)
    return TOLERANCE * np.where(reach > 0, reach, 1.0)


def resolve(base: Equilibrium, down: list[list[Group]], values: np.ndarray, chance: Sequence[tuple[float, ...]],
            odds: np.ndarray) -> Equilibrium:
    """`base` solved again where it may change: only the groups in `down` (each a subset of a wave's
    group, deepest first), from `values` (the base's values with the changed ends already in)."""
    with paused_gc():
        return _backward(base.unfolding, values, chance, odds, down, base.choice.copy(), dict(base.stages))


def _backward(u: Unfolding, values: np.ndarray, chance: Sequence[tuple[float, ...]], odds: np.ndarray,
              down: list[list[Group]] | None = None, choice: np.ndarray | None = None,
              stages: dict[int, StageSolution] | None = None) -> Equilibrium:
    scale = float(np.abs(values[u.arrays.ends]).max(initial=0.0))
    wide = TOLERANCE * (scale if scale > 0 else 1.0)
    """Bounds every position's margin: a difference beyond it is never a tie."""
    margins: list[np.ndarray] = []

    def margin() -> np.ndarray:
        if not margins:
            margins.append(tie_margins(u, values))
        return margins[0]

    if choice is None:
        choice = np.full(len(u), -1, dtype=np.int64)
    eq = Equilibrium(u, Rows(values), choice, chance, odds, {} if stages is None else stages)
    if u.stages:
        margin()
    for groups in u.arrays.down if down is None else down:
        for g in groups:
            if g.kind == DECISION:
                _decide(g, values, choice, wide, margin)
            elif g.kind == CHANCE:
                _average(g, values, odds)
            else:
                for p, kids in zip(g.pos.tolist(), g.kids, strict=True):
                    values[p] = _stage(eq, p, kids, float(margin()[p]))
    return eq


def _decide(g: Group, values: np.ndarray, choice: np.ndarray, wide: float, margin) -> None:
    """Each position's actor takes its best child; the first of equal values. Where another child comes
    within 4 × the game-wide margin of the best, the scan with the local margin decides."""
    assert g.actor is not None
    mine = values[g.kids, g.actor[:, None]]
    best = mine.argmax(axis=1)
    rows = np.arange(len(best))
    top = mine[rows, best]
    gap = top[:, None] - mine
    near = ((gap > 0) & (gap <= 4 * wide)).any(axis=1)
    if near.any():
        local = margin()
        for r in np.flatnonzero(near).tolist():
            best[r] = _scan(mine[r].tolist(), wide, float(local[g.pos[r]]))
    choice[g.pos] = best
    values[g.pos] = values[g.kids[rows, best]]


def _scan(mine: list[float], wide: float, margin: float) -> int:
    """The first best option, one by one: a later one wins only by more than the margin."""
    top, chosen = mine[0], 0
    for i, v in enumerate(mine):
        if v > top and (v > top + wide or v - top > margin):
            top, chosen = v, i
    return chosen


def _average(g: Group, values: np.ndarray, odds: np.ndarray) -> None:
    """Each actor's value: the children's, weighted by the odds and added in option order."""
    weights = odds[g.edges]
    below = values[g.kids]
    k = g.kids.shape[1]
    if k == 2:
        values[g.pos] = weights[:, 0, None] * below[:, 0] + weights[:, 1, None] * below[:, 1]
        return
    acc = weights[:, 0, None] * below[:, 0] + 0.0
    for j in range(1, k):
        acc = acc + weights[:, j, None] * below[:, j]
    values[g.pos] = acc


def _stage(eq: Equilibrium, p: int, kids: np.ndarray, margin: float) -> np.ndarray:
    """Solve the stage game at round position `p`; every actor's value under its equilibrium."""
    u, values = eq.unfolding, eq.values.array
    stage = u.stages[p]
    compiled = u.graph.table.rounds[u.pos_node[p]]
    assert compiled is not None
    if not stage.actors:  # nobody can move: the one joint move
        eq.stages[p] = solve_stage(np.zeros((1, 1)), margin)
        return values[kids[0]]
    columns = [compiled.actor_index[a] for a in stage.actors]
    below = values[kids]
    table = np.ascontiguousarray(below[:, columns])  # laid out as the solver has always been given it
    arrays = np.moveaxis(table, 1, 0).reshape((len(columns), *stage.shape))
    solution = eq.stages[p] = solve_stage(arrays, margin)
    weights = np.array(product_weights(solution.profile))
    return np.cumsum(weights[:, None] * below, axis=0)[-1] + 0.0
