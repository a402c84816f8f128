"""Stage-game solve speed against pygambit, in the same process, on the same games.

    python bench/stage.py [--runs 7]

For each game it prints our `solve_stage` time, Gambit's and the ratio ours / Gambit (below 1: ours
is faster), each the median of `--runs` interleaved runs (ours, Gambit, ours, …), with the machine's
load average before and after. Games taking
well under a millisecond are timed in batches and divided. Gambit's game is built once, outside the
timing, so only the solvers are compared:
- pure games (our pure path) against `enumpure_solve`;
- two actors without a pure equilibrium (our support enumeration) against `enummixed_solve` and
  `lcp_solve` (floating point);
- three to five actors without a pure equilibrium (our logit path and polish) against `logit_solve`
  (strategic form, its defaults: traced until its max regret is below 1e-8 of the payoff range).
Also printed: whether the two agree (the same pure equilibrium; ours among enummixed's; the logit
profiles within 1e-5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average

from explorer.analysis.stage import solve_stage
from explorer.analysis.stage.pure import pure_equilibria


def margin_of(payoffs: np.ndarray) -> float:
    big = float(np.abs(payoffs).max())
    return 1e-9 * (big if big > 0 else 1.0)


def without_pure(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Random normal payoffs of this shape with no pure equilibrium."""
    while True:
        payoffs = rng.normal(size=(len(shape), *shape))
        if not len(pure_equilibria(payoffs, margin_of(payoffs))[0]):
            return payoffs


def with_pure(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    while True:
        payoffs = rng.integers(0, 10, size=(len(shape), *shape)).astype(float)
        if len(pure_equilibria(payoffs, margin_of(payoffs))[0]):
            return payoffs


def games() -> list[tuple[str, str, np.ndarray]]:
    rng = np.random.default_rng(1)
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    return [
        ("pure", "prisoners' dilemma 2x2", np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)),
        ("pure", "3 actors 3x3x3", with_pure(rng, (3, 3, 3))),
        ("pure", "5 actors 4^5 (1,024 joint moves)", with_pure(rng, (4, 4, 4, 4, 4))),
        ("two", "matching pennies 2x2", np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float)),
        ("two", "rock-paper-scissors 3x3", np.array([rps, -rps])),
        ("two", "random 4x4", without_pure(rng, (4, 4))),
        ("two", "random 6x6", without_pure(rng, (6, 6))),
        ("logit", "3 actors 2x2x2", without_pure(rng, (2, 2, 2))),
        ("logit", "3 actors 3x3x3", without_pure(rng, (3, 3, 3))),
        ("logit", "4 actors 2^4", without_pure(rng, (2, 2, 2, 2))),
        ("logit", "4 actors 3^4", without_pure(rng, (3, 3, 3, 3))),
        ("logit", "5 actors 2^5", without_pure(rng, (2, 2, 2, 2, 2))),
    ]


def per_call(fn: Callable[[], Any]) -> float:
    """Seconds per call: one call, or a batch when one call is under a millisecond."""
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    if once >= 1e-3:
        return once
    batch = max(1, int(2e-2 / max(once, 1e-7)))
    start = time.perf_counter()
    for _ in range(batch):
        fn()
    return (time.perf_counter() - start) / batch


def interleaved(ours: Callable[[], Any], theirs: Callable[[], Any], runs: int) -> tuple[float, float]:
    mine, gambit = [], []
    for _ in range(runs):
        mine.append(per_call(ours))
        gambit.append(per_call(theirs))
    return statistics.median(mine), statistics.median(gambit)


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:8.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:8.1f} us"


def profile_of(game: Any, equilibrium: Any) -> list[list[float]]:
    return [[float(equilibrium[s]) for s in player.strategies] for player in game.players]


def close(a: list[list[float]], b: tuple[tuple[float, ...], ...], tol: float) -> bool:
    return all(abs(x - y) <= tol for p, q in zip(a, b, strict=True) for x, y in zip(p, q, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    try:
        import pygambit as gbt
    except ImportError:
        sys.exit("pygambit is not installed: nothing to compare with")
    nash = gbt.nash
    print(f"median of {args.runs} interleaved runs; ratio = ours / Gambit (below 1: ours faster); {load_average()}\n")
    print(f"{'game':40} {'method':10} {'ours':>11} {'Gambit':>11} {'ratio':>7}  agree")
    for kind, name, payoffs in games():
        margin = margin_of(payoffs)
        game = gbt.Game.from_arrays(*payoffs)
        solution = solve_stage(payoffs, margin)
        rows: list[tuple[str, Callable[[], Any], bool]] = []
        if kind == "pure":
            found = nash.enumpure_solve(game).equilibria
            agree = solution.chosen is not None and any(close(profile_of(game, e), solution.profile, 0) for e in found)
            rows.append(("enumpure", lambda g=game: nash.enumpure_solve(g), agree))
        elif kind == "two":
            extreme = [profile_of(game, e) for e in nash.enummixed_solve(game, rational=False).equilibria]
            agree = any(close(e, solution.profile, 1e-9) for e in extreme)
            rows.append(("enummixed", lambda g=game: nash.enummixed_solve(g, rational=False), agree))
            rows.append(("lcp", lambda g=game: nash.lcp_solve(g, rational=False, stop_after=1), agree))
        else:
            (theirs,) = nash.logit_solve(game, use_strategic=True).equilibria
            agree = close(profile_of(game, theirs), solution.profile, 1e-5)
            rows.append(("logit", lambda g=game: nash.logit_solve(g, use_strategic=True), agree))
        for label, gambit_fn, agree in rows:
            ours, theirs_t = interleaved(lambda p=payoffs, m=margin: solve_stage(p, m), gambit_fn, args.runs)
            method = f"{solution.method.name.lower()}/{label}"
            print(
                f"{name:40} {method:20} {fmt(ours)} {fmt(theirs_t)} {ours / theirs_t:6.2f}x  {'yes' if agree else 'NO'}"
            )

    print(f"\n{load_average()}")


if __name__ == "__main__":
    main()
