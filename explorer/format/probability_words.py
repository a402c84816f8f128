"""ICD 203 words for probabilities, shown beside every number a person reads."""

from __future__ import annotations

_BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
    (1.00, "almost certain"),
)


def icd203(p: float) -> str:
    """The ICD 203 term for probability `p`; the edges 0 and 1 read impossible and certain.

    A value on a boundary (0.05, 0.20, …) takes the lower band, as ICD 203 lists the bands
    as closed on the right. Values under 0.01 still read "almost no chance" unless exactly 0.
    """
    if p != p:  # NaN: no band, and never "almost certain" by falling through
        return "unknown"
    if p <= 0:
        return "impossible"
    if p >= 1:
        return "certain"
    for upper, words in _BANDS:
        if p <= upper:
            return words
    return "almost certain"


def describe(p: float) -> str:
    """A number and its words, e.g. '0.60 (likely)'."""
    return f"{p:.2f} ({icd203(p)})"
