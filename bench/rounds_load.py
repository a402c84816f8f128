"""Loading a scenario with one crowded round: before and after the joint-move budget of the checks.

    python bench/rounds_load.py [--actors 10,16,20,30,60] [--moves 2] [--runs 5] [--timeout 60]

Each scenario is `generate.round_scenario(1, N, moves)`: one round of N actors (every move its own
kind for the checks, so moves ** N joint moves) and three outcomes, 4 nodes. The anchor is a format-1
scenario of the same number of nodes (`generate.tree_scenario(4)`). "After" is `load_scenario` as it
is (the state-aware round checks resolve at most `limits.MAX_ROUND_JOINT_MOVES` joint moves, counted
before any is resolved); "before" is the same load with that budget lifted, which is what loading did
before it (every joint move resolved). Each (N, before/after) runs in a fresh process: ours and the
anchor in turn, medians of `--runs`; a "before" past `--timeout` seconds is stopped and printed as
such (30 actors would take hours). Prints seconds, ratio against the anchor, and the load average.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import interleaved, load_average, seconds


def _measure(path: str, anchor: str, before: bool, runs: int) -> dict[str, float]:
    """In this (fresh) process: medians of loading `path` and `anchor` in turn."""
    from explorer.loading import limits, load_scenario

    if before:
        limits.MAX_ROUND_JOINT_MOVES = sys.maxsize
    warnings: list[int] = []

    def ours() -> None:
        result = load_scenario(path)
        assert result.ok, [str(p) for p in result.problems.sorted()[:3]]
        warnings.append(len(result.problems.warnings))

    def bare() -> None:
        assert load_scenario(anchor).ok

    mine, theirs = interleaved([ours, bare], runs)
    return {"ours": mine, "anchor": theirs, "warnings": warnings[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", default="10,16,20,30,60")
    parser.add_argument("--moves", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)  # path anchor before runs (child process)
    args = parser.parse_args()
    if args.measure:
        path, anchor, before, runs = args.measure
        print(json.dumps(_measure(path, anchor, before == "1", int(runs))))
        return
    from generate import round_scenario, tree_scenario

    print(f"== one round of N actors x {args.moves} moves, 4 nodes; anchor: a format-1 scenario of 4 nodes "
          f"(medians of {args.runs}); {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        anchor = Path(tmp) / "anchor.yaml"
        anchor.write_text(tree_scenario(4))
        for actors in (int(a) for a in args.actors.split(",")):
            path = Path(tmp) / f"round_{actors}.yaml"
            path.write_text(round_scenario(1, actors, args.moves))
            for before in (True, False):
                label = f"{actors:3} actors, {'before' if before else 'after '}"
                runs = 1 if before and args.moves ** actors > 2 ** 16 else args.runs
                command = [sys.executable, __file__, "--measure", str(path), str(anchor), "1" if before else "0", str(runs)]
                try:
                    done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=True)
                except subprocess.TimeoutExpired:
                    print(f"  {label}: stopped after {args.timeout:.0f} s ({args.moves ** actors:,} joint moves)")
                    continue
                m = json.loads(done.stdout)
                print(f"  {label}: {seconds(m['ours'])}  anchor {seconds(m['anchor'])}  "
                      f"{m['ours'] / m['anchor']:8.1f}x  ({m['warnings']} warning(s); runs {runs})")
    print(load_average())


if __name__ == "__main__":
    main()
