"""Move probabilities that need no policy: chance odds renormalised over the available options, and the
joint-move probabilities of independent picks. Used by the backward pass and by every policy."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from explorer.analysis.unfolding import Unfolding

Weights = Callable[[int, int, list[int]], Sequence[float]]
"""(node number, position, children) → the probability of moving to each child."""


def renormalised(raw: tuple[float, ...], opts: Sequence[int]) -> list[float]:
    """The probabilities `raw[o]` of the options `opts`, rescaled to sum to 1 (uniform when all are 0)."""
    picked = [raw[o] for o in opts]
    total = sum(picked)
    if total <= 0:
        return [1.0 / len(opts)] * len(opts)
    return [x / total for x in picked]


def product_weights(profile: Sequence[Sequence[float]]) -> list[float]:
    """Joint-move probabilities of independent picks, in lexicographic order (first most significant)."""
    out = [1.0]
    for probs in profile:
        out = [w * q for w in out for q in probs]
    return out


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
                cached = full[raw[n]] = renormalised(raw[n], opts)
            return cached
        return renormalised(raw[n], opts)

    return weights
