"""`solve_stage`: which method runs, and the reduction to the actors who have a choice."""

from __future__ import annotations

import math

import numpy as np

from explorer.analysis.stage.common import mixed_solution
from explorer.analysis.stage.lemke_howson import lemke_howson
from explorer.analysis.stage.logit import logit_profile
from explorer.analysis.stage.pure import pure_equilibria, pure_solution
from explorer.analysis.stage.solution import StageMethod, StageSolution
from explorer.analysis.stage.support import support_enumeration

_LARGEST, _SMALLEST = 2.0**500, 2.0**-500
"""Payoffs whose largest |value| lies outside this range are scaled by a power of two first."""


def _checked(payoffs: np.ndarray, margin: float) -> tuple[np.ndarray, float]:
    """The payoffs as floats, and the power of two they are solved in units of (1 unless extreme).

    Scaling by a power of two is exact, changes no equilibrium, tie or ε, and keeps every sum and
    difference the solvers form finite.
    """
    arr = np.asarray(payoffs, dtype=float)
    if arr.ndim < 2 or arr.shape[0] != arr.ndim - 1:
        raise ValueError(f"payoffs must have shape (n, m1, …, mn); got {arr.shape}")
    if min(arr.shape[1:]) < 1:
        raise ValueError("every actor needs at least one move")
    big = float(np.abs(arr).max())
    if not math.isfinite(big):
        raise ValueError("payoffs must be finite")
    if not (math.isfinite(margin) and margin >= 0.0):
        raise ValueError("margin must be a finite number ≥ 0")
    if big > _LARGEST or 0.0 < big < _SMALLEST:
        return arr, math.ldexp(1.0, math.frexp(big)[1] - 1)  # big / unit in [1, 2)
    return arr, 1.0


def _mixed_two(a: np.ndarray, b: np.ndarray, margin: float) -> tuple[list[np.ndarray], StageMethod]:
    found = support_enumeration(a, b, margin)
    if found is not None:
        return list(found), StageMethod.SUPPORT
    x, y = lemke_howson(a, b)
    return [np.array([float(v) for v in x]), np.array([float(v) for v in y])], StageMethod.LEMKE_HOWSON


def solve_stage(payoffs: np.ndarray, margin: float) -> StageSolution:
    """The equilibrium of a simultaneous-move stage game, chosen as the format contract says.

    `payoffs` has shape (n, m1, …, mn): payoffs[i][a1, …, an] is actor i's payoff at that joint move.
    `margin` is the absolute tie margin: a and b tie when |a − b| ≤ margin.
    """
    arr, unit = _checked(payoffs, margin)
    if unit != 1.0:
        arr, margin = arr / unit, margin / unit
    equilibria, bests = pure_equilibria(arr, margin)
    if len(equilibria):
        return pure_solution(arr, equilibria, bests, margin, unit)
    sizes = arr.shape[1:]
    choosing = [i for i, m in enumerate(sizes) if m > 1]  # ≥ 2 of them: otherwise a pure equilibrium exists
    index = (choosing, *(slice(None) if m > 1 else 0 for m in sizes))
    reduced = arr[index]
    with np.errstate(all="ignore"):  # the solvers check what they compute; no warnings on stderr
        if len(choosing) == 2:
            probs, method = _mixed_two(reduced[0], reduced[1], margin)
        else:
            probs, method = logit_profile(reduced, margin), StageMethod.LOGIT
    full = [np.ones(1) for _ in sizes]
    for i, p in zip(choosing, probs, strict=True):
        full[i] = p
    return mixed_solution(arr, full, method, margin, unit)
