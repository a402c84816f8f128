"""ICD 203 words for probabilities: every band, its edges, and the ends."""

from __future__ import annotations

import pytest

from explorer.format.probability_words import describe, figure, icd203


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (0.0, "impossible"), (-0.1, "impossible"), (0.001, "almost no chance"), (0.01, "almost no chance"),
        (0.05, "almost no chance"), (0.0501, "very unlikely"), (0.20, "very unlikely"), (0.21, "unlikely"),
        (0.45, "unlikely"), (0.46, "roughly even chance"), (0.5, "roughly even chance"), (0.55, "roughly even chance"),
        (0.56, "likely"), (0.80, "likely"), (0.81, "very likely"), (0.95, "very likely"), (0.96, "almost certain"),
        (0.99, "almost certain"), (0.999, "almost certain"), (1.0, "certain"), (1.5, "certain"),
        (float("nan"), "unknown"),
    ],
)
def test_bands(p: float, words: str) -> None:
    assert icd203(p) == words


def test_describe_gives_number_and_words() -> None:
    assert describe(0.6) == "0.60 (likely)"
    assert describe(0.25) == "0.25 (unlikely)"
    assert describe(1) == "1.00 (certain)"


@pytest.mark.parametrize(
    ("p", "shown"),
    [
        (0.6, "0.60"), (0.996, "0.996"), (0.9996, "0.9996"), (0.99951, "0.9995"), (0.9958, "0.996"),
        (0.004, "0.004"), (0.0042, "0.0042"), (0.00042, "0.00042"), (0.0049, "0.0049"), (0.995, "0.99"),
        (0.005, "0.01"), (1e-9, "< 0.000001"), (1 - 1e-9, "> 0.999999"), (0.9999999999999999, "1.00"),
        (0.0, "0.00"), (1.0, "1.00"),
    ],
)
def test_figures_never_round_into_a_certainty(p: float, shown: str) -> None:
    assert figure(p) == shown


def test_near_certain_and_near_impossible_read_as_what_they_are() -> None:
    assert describe(0.996) == "0.996 (almost certain)"
    assert describe(0.004) == "0.004 (almost no chance)"
    assert describe(1 - 1e-17) == "1.00 (certain)"
