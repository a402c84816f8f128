"""ICD 203 words for probabilities, shown beside every number a person reads, and the number itself
written so that it never rounds into a certainty it is not: 0.996 is not "1.00", 0.004 is not "0.00"."""

from __future__ import annotations

import math

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


FINEST = 1e-6
"""Probabilities nearer than this to 0 or 1 (but not 0 or 1) are written '< 0.000001', '> 0.999999'."""


def figure(p: float) -> str:
    """`p` with two decimals, or as many more as it takes not to read as 0 or 1 when it is neither:
    '0.60', '0.996', '0.9996', '0.004', '0.00042', '< 0.000001'. Sums of floats are rounded to 12
    places first, so that 0.9999999999999999 reads as 1.00."""
    if p != p:
        return "nan"
    p = round(p, 12)
    text = f"{p:.2f}"
    if p <= 0 or p >= 1 or text not in ("0.00", "1.00"):
        return text
    if p < FINEST:
        return f"< {FINEST:.6f}"
    if 1 - p < FINEST:
        return f"> {1 - FINEST:.6f}"
    if p < 0.5:  # two significant digits: 0.0042, 0.004 (not 0.0040)
        text = f"{p:.{1 - math.floor(math.log10(p))}f}".rstrip("0")
        return text
    return f"{p:.{-math.floor(math.log10(1 - p))}f}"  # 0.996, 0.9996: the first digit that is not 9


def describe(p: float) -> str:
    """A number and its words, e.g. '0.60 (likely)', '0.996 (almost certain)'."""
    return f"{figure(p)} ({icd203(round(p, 12) if p == p else p)})"
