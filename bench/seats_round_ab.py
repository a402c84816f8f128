"""A classroom round's seats, this checkout against another, interleaved in one run:

    git archive MAIN | tar -x -C /tmp/before     # the other checkout (any commit with bench/seats.py)
    python bench/seats_round_ab.py /tmp/before [--seats 30] [--rounds 3] [--repeats 2]

The round of bench/seats_round.py in bell mode, N seat processes running the other checkout's code
(`PYTHONPATH` and its bench/seats.py) or this one's, in turn (other, this, other, this, …): a busy
machine slows both alike. Prints the reveal delay (p50, p95, max), orders/s and, where the seats
report it, the median CPU of a wake-up, with the load average."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average
from seats_round import run_n

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="the other checkout (it must hold bench/seats.py and explorer/)")
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=240)
    args = parser.parse_args()
    sides = {"other": args.other.resolve(), "this": HERE.parent}
    folder = Path(tempfile.mkdtemp())
    print(f"{args.seats} seats, {args.rounds} rounds, {args.repeats} run(s) per side, interleaved; {load_average()}")
    runs: dict[str, list[dict[str, Any]]] = {side: [] for side in sides}
    for _ in range(args.repeats):
        for side, root in sides.items():
            os.environ["PYTHONPATH"] = str(root)  # the seat processes run this side's code
            runs[side].append(run_n(args.seats, args.rounds, 0.2, args.timeout, folder, str(root / "bench" / "seats.py"),
                                    "bell"))
    for side, done in runs.items():
        delays = [d for r in done for d in r["delays"]]
        p95 = statistics.quantiles(delays, n=20, method="inclusive")[-1]
        wakes = [w for r in done for w in r.get("wake_cpu", [])]
        cpu = f"; wake-up CPU {statistics.median(wakes) * 1000:.3f} ms" if wakes else ""
        print(f"{side} ({sides[side]}): orders/s {statistics.median(r['orders_s'] for r in done):.1f}; reveal p50 "
              f"{statistics.median(delays) * 1000:.1f}, p95 {p95 * 1000:.1f}, max {max(delays) * 1000:.0f} ms; "
              f"missed {sum(r['missed'] for r in done)}{cpu}")
    print(load_average())


if __name__ == "__main__":
    main()
