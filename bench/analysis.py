"""The analysis after the load: ours against plain numpy floors, interleaved, medians.

    python bench/analysis.py [--runs 5] [--sizes 10000,100000] [--walks 100000] [--skip-sensitivity] [--only-after]

Each figure is the median of `--runs` interleaved runs (ours, anchor, ours, anchor, …) in one process,
printed as ours, the anchor and the ratio ours / anchor, with the machine's load average before and
after; the backward pass and what follows it also as CPU-time medians (`time.process_time`).
The scenarios: the bundled one and its class edition (rounds: stage games), generated trees
(`generate.tree_scenario`), a DAG whose paths merge everywhere (`solve.dag_scenario`) and a game of repeated rounds (`round_scenario`). Each is
loaded and unfolded once, outside the timings; the unfold is printed for scale.

- backward pass: `equilibrium(u)` (values, choices, tie test, stage games) against `floors.backward`,
  the same induction as bare numpy over the same positions (levels and odds prepared outside the
  timing); goal ≤ 2×. The floor cannot solve stage games: on the rounds game the anchor is left out.
- after the backward pass: `analyse(graph, unfolding=u)` computes each policy's odds and expectations
  and the paths in words when they are first read, so it is timed with what a caller reads, minus the
  backward pass, against the backward pass; goal ≤ 3×. Twice: as `explorer solve` reads it (every figure
  it prints forced: the three policies' flows, outcome odds, expected payoffs and metrics, both paths
  in words — like for like with the eager `analyse` before it), and as the TUI's analysis screen reads
  it (outcome odds and expected payoffs of each policy, both paths; it shows no expected metrics).
- simulate: `simulate(graph, N, seed, "beliefs", eq)` against `floors.walks`, N lockstep walks over the
  same positions with the same move probabilities (the policy's table prepared outside the timing);
  goal ≤ 3×. The two draw different random numbers; the bench prints the largest difference of the
  outcome shares, which must lie within sampling error.
- sensitivity, bundled scenario: `sensitivity(u)` against one `analyse` of the same scenario (so the
  ratio says how many whole solves it costs); goal ≤ 1 s.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors
from generate import tree_scenario
from report import interleaved, load_average, row, seconds
from solve import as_solve_reads, dag_scenario

from explorer.analysis.equilibrium import chance_odds, equilibrium
from explorer.analysis.policies import policy_weights
from explorer.analysis.sensitivity import sensitivity
from explorer.analysis.simulate import simulate
from explorer.analysis.summary import Analysis, analyse
from explorer.analysis.unfolding import unfold
from explorer.bundled import bundled_scenarios, default_scenario
from explorer.loading import load_scenario


def round_scenario(rounds: int, span: int = 6) -> str:
    """Repeated 3-actor rounds (3 moves each, 27 joint moves) over two bounded metrics: every round
    position is a stage game, and the metrics spread the positions out."""
    out = ["format: 2\nid: rounds\ntitle: Repeated rounds\nactors:\n",
           "  a: {name: A, score: {trust: 1}}\n  b: {name: B, score: {heat: -1}}\n  c: {name: C, score: {trust: 1, heat: 1}}\n",
           f"metrics:\n  trust: {{label: Trust, min: 0, max: {span}, initial: {span // 2}}}\n",
           f"  heat: {{label: Heat, min: 0, max: {span}, initial: 1}}\n", "start: r0\nnodes:\n"]
    for r in range(rounds):
        nxt = f"r{r + 1}" if r + 1 < rounds else "end"
        out.append(f"  r{r}:\n    kind: round\n    title: Round {r}\n    moves:\n")
        for actor, shift in (("a", 1), ("b", -1), ("c", 2)):
            out.append(f"      {actor}:\n"
                       f"        - {{id: give, label: Give, effects: {{trust: {shift}}}, probability: 0.5}}\n"
                       f"        - {{id: hold, label: Hold, probability: 0.3}}\n"
                       f"        - {{id: push, label: Push, effects: {{heat: 1, trust: -1}}, probability: 0.2}}\n")
        out.append(f"    then:\n      - {{if: \"count(push) >= 2\", to: {nxt}, effects: {{heat: 1}}}}\n"
                   f"      - {{to: {nxt}}}\n")
    out.append("  end: {kind: outcome, title: The end, payoffs: {a: 1, b: 2, c: 0}}\n")
    return "".join(out)


def odds_at(u) -> Callable[[int], list[float]]:
    odds = chance_odds(u)
    return lambda p: odds[u.first[p]:u.first[p + 1]].tolist()


def bench_solve(name: str, path: Path, runs: int) -> None:
    result = load_scenario(path)
    assert result.ok, result.problems.sorted()[:3]
    graph = result.graph
    start = time.perf_counter()
    u = unfold(graph)
    t_unfold = time.perf_counter() - start
    rounds = bool(u.stages)
    plain = None if rounds else floors.plain_arrays(u, odds_at(u))
    print(f"\n== {name}: {len(graph):,} nodes, {len(u):,} positions (unfold {seconds(t_unfold).strip()}, once)")
    fns: list[Callable[[], Any]] = [lambda: equilibrium(u), lambda: as_solve_reads(analyse(graph, unfolding=u)),
                                    lambda: as_tui_reads(analyse(graph, unfolding=u))]
    if plain is not None:
        fns.append(lambda: floors.backward(plain))
    walls, cpus = interleaved_clocks(fns, runs)
    for clock, medians in (("wall", walls), ("CPU", cpus)):
        print(f"  -- {clock} time (median of {runs})")
        back, solve_whole, tui_whole = medians[:3]
        floor = medians[3] if plain is not None else None
        row("backward pass", back, "numpy backward pass (floor)", floor, "≤ 2×")
        row("after it, as `solve` reads it", max(solve_whole - back, 0.0), "backward pass", back, "≤ 3×")
        row("after it, as the TUI reads it", max(tui_whole - back, 0.0), "backward pass", back, "≤ 3×")
    if plain is not None:
        ours = np.array(equilibrium(u).values[0])
        theirs = floors.backward(plain)[0]
        print(f"  (start values: ours {ours.tolist()}, floor {theirs.tolist()})")


def interleaved_clocks(fns: list[Callable[[], Any]], runs: int) -> tuple[list[float], list[float]]:
    """`report.interleaved`, with the median CPU time of this process (`time.process_time`) beside
    the wall-clock median: on a machine shared with other work, CPU time is the steadier figure."""
    walls: list[list[float]] = [[] for _ in fns]
    cpus: list[list[float]] = [[] for _ in fns]
    for _ in range(max(runs, 1)):
        for fn, wall, cpu in zip(fns, walls, cpus, strict=True):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    return [statistics.median(t) for t in walls], [statistics.median(t) for t in cpus]


def as_tui_reads(analysis: Analysis) -> Analysis:
    """What the TUI's analysis screen shows, computed: each policy's outcome odds, expected payoffs and
    most likely ending, the equilibrium path and the most likely path in words (no expected metrics)."""
    for policy, result in analysis.results.items():
        _ = result.outcomes, result.stuck, result.payoffs, analysis.most_likely_outcome(policy)
    _ = analysis.eq_path, analysis.likely_path, analysis.likely_probability
    return analysis


def bench_simulate(path: Path, walks: int, runs: int) -> None:
    graph = load_scenario(path).graph
    u = unfold(graph)
    eq = equilibrium(u)
    plain = floors.plain_arrays(u, odds_at(u))
    steps = floors.walk_arrays(plain, policy_weights(u, "beliefs", eq))
    print(f"\n== simulate, bundled scenario, {walks:,} walks, beliefs policy")
    ours_t, floor_t = interleaved([lambda: simulate(graph, walks, 1, "beliefs", eq),
                                   lambda: floors.walks(plain, steps, walks, 1)], runs)
    row("simulate", ours_t, "numpy lockstep walks (floor)", floor_t, "≤ 3×")
    sim = simulate(graph, walks, 1, "beliefs", eq)
    counts = floors.walks(plain, steps, walks, 1)
    floor_ends: dict[str, int] = {}
    for p in np.nonzero(counts)[0]:
        end = u.table.ids[u.pos_node[p]] if not u.pos_kids[p] and u.table.payoffs[u.pos_node[p]] is not None else "(dead end)"
        floor_ends[end] = floor_ends.get(end, 0) + int(counts[p])
    gap = max(abs(sim.ends.get(k, 0) - floor_ends.get(k, 0)) / walks for k in {*sim.ends, *floor_ends})
    print(f"  (largest difference of outcome shares, ours against the floor: {gap:.4f}; "
          f"sampling error ~{2 / np.sqrt(walks):.4f})")


def bench_sensitivity(path: Path, runs: int) -> None:
    graph = load_scenario(path).graph
    u = unfold(graph)
    print("\n== sensitivity, bundled scenario")
    ours_t, anchor_t = interleaved([lambda: sensitivity(u), lambda: as_solve_reads(analyse(graph, unfolding=u))], runs)
    row("sensitivity", ours_t, "one analyse", anchor_t, f"≤ 1 s: {'met' if ours_t <= 1 else 'missed'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per median (at least 5 for a figure to quote)")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--walks", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--skip-sensitivity", action="store_true")
    parser.add_argument("--only-after", action="store_true",
                        help="only the backward pass and what follows it (no rounds game, simulate, sensitivity)")
    args = parser.parse_args()
    print(f"median of {args.runs} interleaved runs; ratio = ours / anchor; {load_average()}")
    bundled = default_scenario()
    with tempfile.TemporaryDirectory() as tmp:
        bench_solve(f"bundled ({bundled.name})", bundled, args.runs)
        for edition in bundled_scenarios():
            if edition.name.endswith("_class.yaml"):
                bench_solve(f"class edition ({edition.name}, rounds)", edition, args.runs)
        for n in (int(s) for s in args.sizes.split(",") if s):
            path = Path(tmp) / f"tree{n}.yaml"
            path.write_text(tree_scenario(n))
            bench_solve(f"tree, {n:,} nodes", path, args.runs)
        path = Path(tmp) / "dag.yaml"
        path.write_text(dag_scenario(40, 25))
        bench_solve("DAG 40x25", path, args.runs)
        if args.only_after:
            print(f"\n{load_average()}")
            return
        path = Path(tmp) / "rounds.yaml"
        path.write_text(round_scenario(args.rounds))
        bench_solve(f"rounds, {args.rounds} rounds of 3 actors", path, args.runs)
    bench_simulate(bundled, args.walks, args.runs)
    if not args.skip_sensitivity:
        bench_sensitivity(bundled, args.runs)
    print(f"\n{load_average()}")


if __name__ == "__main__":
    main()
