"""Where a bounded metric has one value for every walk, and what each move does to it.

The expected metrics (`expectations`) carry a distribution of values per position only where walks
with different values can arrive; everywhere else the position's distribution is one value with the
position's mass. `settled` finds those values once for every policy: a position is settled where the
metric is part of its key, or where every edge into it brings the same value from a settled parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from explorer.analysis.unfolding import Unfolding


class EdgeEffects:
    """What the moves do to some metrics (slots), read per edge when asked (`at`): an option's effect,
    or at a round the moves' effects and the rule's; with each metric's bounds."""

    def __init__(self, u: Unfolding, slots: list[int]) -> None:
        effects = u.metrics
        assert effects is not None
        metrics = u.graph.metrics
        self.slots = slots
        self.low = np.array([-np.inf if metrics[s].min is None else float(metrics[s].min) for s in slots])
        self.high = np.array([np.inf if metrics[s].max is None else float(metrics[s].max) for s in slots])
        self._row = effects.row[:, slots]  # (option rows, slots)
        self._option_row = u.arrays.option_row
        self._rounds = [(i, effects.rounds[s]) for i, s in enumerate(slots) if s in effects.rounds]

    @property
    def ruled(self) -> bool:
        """Whether a round's rule changes one of the metrics."""
        return bool(self._rounds)

    def at(self, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """(slots, edges): each edge's change to each metric by the option (or the round's moves), and
        by the round's rule (None when no round changes these metrics)."""
        shift = self._row[self._option_row[edges]].T.copy()
        if not self._rounds:
            return shift, None
        rule = np.zeros_like(shift)
        for i, (moves, rules) in self._rounds:
            shift[i], rule[i] = moves[edges], rules[edges]
        return shift, rule

    def after(self, values: np.ndarray, edges: np.ndarray) -> np.ndarray:
        """(slots, edges): the metrics' values (`values`, (slots, edges)) after the moves along `edges`."""
        shift, rule = self.at(edges)
        return _clamped(values, shift, rule, self.low[:, None], self.high[:, None])

    def after_pairs(self, values: np.ndarray, effects: tuple[np.ndarray, np.ndarray | None], slot: np.ndarray,
                    at: np.ndarray) -> np.ndarray:
        """Flat values, each of metric `slot[i]`, after the move along edge `at[i]` of those `effects`
        (`at`'s result for some edges) were read for."""
        shift, rule = effects
        return _clamped(values, shift[slot, at], None if rule is None else rule[slot, at], self.low[slot], self.high[slot])


def _clamped(values: np.ndarray, shift: np.ndarray, rule: np.ndarray | None, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """As the scalar passes clamp: only where a move changes the metric, the rule's change after the moves'."""
    out = np.where(shift != 0, np.clip(values + shift, low, high), values)
    if rule is not None:
        out = np.where(rule != 0, np.clip(out + rule, low, high), out)
    return out


def settled(u: Unfolding, moves: EdgeEffects) -> np.ndarray:
    """(slots, positions): each metric's value at each position where every walk there has the same
    one, NaN where walks may arrive with different values (under any policy: every edge counts)."""
    effects = u.metrics
    assert effects is not None
    inflow, metrics = u.arrays.inflow, u.graph.metrics
    values = np.stack([effects.keyed[s] for s in moves.slots])
    open_ = np.isnan(values)
    values[:, 0] = np.where(open_[:, 0], [float(metrics[s].initial) for s in moves.slots], values[:, 0])
    ahead = open_.any(axis=0)  # positions some metric is not settled at by the key
    ahead[0] = False
    if not ahead.any():
        return values
    bounds = inflow.bounds.tolist()
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        kid = inflow.kid[a:b]
        pick = np.flatnonzero(ahead[kid])
        if not len(pick):
            continue
        edge, kid = inflow.edge[a:b][pick], kid[pick]
        after = moves.after(values[:, inflow.src[a:b][pick]], edge)
        if inflow.merges[w]:  # a child with several edges in is settled if all of them bring one value
            order = np.argsort(kid, kind="stable")
            kid, after = kid[order], after[:, order]
            heads = np.flatnonzero(np.concatenate(([True], kid[1:] != kid[:-1])))
            with np.errstate(invalid="ignore"):
                least, most = np.minimum.reduceat(after, heads, axis=1), np.maximum.reduceat(after, heads, axis=1)
            kid, after = kid[heads], np.where(least == most, least, np.nan)
        values[:, kid] = np.where(open_[:, kid], after, values[:, kid])
    return values
