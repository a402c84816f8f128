"""How every bench measures and prints: ours and the anchor run in turn (ours, anchor, ours, …) in one
process, the median of each, the ratio ours / anchor, and the machine's load average before and after.
See bench/README.md for what each bench compares and why the comparison is fair."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

RUNS = 5
"""The fewest runs a median is taken over."""


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a loaded machine shifts both sides, not their ratio."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def interleaved(fns: list[Callable[[], Any]], runs: int = RUNS) -> list[float]:
    """Median seconds of each function, the functions run in turn `runs` times (the collector run
    before each, so that no side pays for the other's garbage)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(max(runs, 1)):
        for fn, out in zip(fns, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def seconds(x: float) -> str:
    return f"{x * 1e3:8.2f} ms" if x < 1 else f"{x:8.3f} s "


def row(label: str, ours: float, anchor_label: str, anchor: float | None, goal: str = "") -> None:
    """One line: ours, the anchor and ours / anchor (below 1: ours is faster)."""
    tail = f"  (goal {goal})" if goal else ""
    if anchor is None:
        print(f"  {label:34} ours {seconds(ours)}   {anchor_label:36} {'–':>11}{tail}")
        return
    print(f"  {label:34} ours {seconds(ours)}   {anchor_label:36} {seconds(anchor)}   {ours / anchor:6.2f}×{tail}")
