"""Move probabilities that need no policy: probabilities renormalised over the available options, and
the joint-move probabilities of independent picks. Used by the backward pass and by every policy."""

from __future__ import annotations

from collections.abc import Sequence


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
