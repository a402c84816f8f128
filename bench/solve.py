"""Solve speed against pygambit, in the same process.

    python bench/solve.py [--sizes 1000,10000,100000] [--gambit-up-to 10000] [--dag 40x25] [--runs 5]
    python bench/solve.py --rounds [--gambit-timeout 120] [--gambit-tree-limit 200000]

For each generated tree scenario (`generate.tree_scenario`) it prints:
- ours: the solve from a loaded graph = compile (topological order and live metrics over the
  graph's node table) + unfold (positions; options become steps over keys as nodes are reached) +
  backward induction, positions/s; the backward pass alone; and the whole load (YAML → validated
  graph) + solve. The load includes building the `ScenarioGraph`, which records the flat node table
  (kinds, actors, children, odds, payoffs, `requires` reads) that the solve reads instead of the
  models: its time is printed too, as part of the load;
- pygambit: building the same tree through its API, a backward-induction walk over it in Python
  (nodes/s), and reading our `.efg` export; ratios against ours; and whether payoffs agree.
Then a layered DAG with many merged paths and metric states: ours only (its game tree is far too
large to build in Gambit; the tree size is printed instead). The pygambit build grows faster than
linearly, so by default it runs only up to `--gambit-up-to` nodes (pass 100000 to include the
largest). The backward pass and the pygambit walk are timed best of 3 at every size, the solve
best of 3 up to 10k nodes; loads and builds once above that.

With `--rounds`, format-2 round games instead (`solve_rounds`, which says what is compared with what).

Goal: ours ≥ 10× the pygambit walk (≥ 1M positions/s), and load+solve faster than pygambit's
build alone. The pairs compared: pygambit's build (making the game tree's nodes) against our
load + unfold (making the positions), and its walk over the built tree against our backward
pass over the positions; the ratio of the walk to our whole unfold+solve is printed as well.

The backward pass is not all `explorer solve` does, so each size is also compared like for like
(`bench_whole_solve`, interleaved medians of `--runs`, ours / anchor): unfold + `analyse` (the
three policies' odds, expected payoffs and metrics, paths) against pygambit reading our `.efg`
export and walking it; and, up to `--processes-up-to` nodes, `explorer solve --json` as a process,
cold (cache off) and warm (the scenario unchanged since a run before, so from the cache: goal ≤ 0.2×),
against a process that reads the `.efg` file with pygambit and walks it.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import tree_scenario
from report import interleaved, load_average, row

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.summary import Analysis, analyse
from explorer.analysis.unfolding import CHANCE, OUTCOME, Unfolding, _compile, unfold
from explorer.export.efg import _exact_odds, efg_text, players, tree_size
from explorer.gc_pause import paused_gc
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario


def timed(fn, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def as_solve_reads(analysis: Analysis) -> Analysis:
    """Every figure `explorer solve` prints, computed: each policy's odds, expected payoffs and metrics,
    the equilibrium path and the most likely path in words, the most likely outcome. The outcome odds
    are computed as arrays (`OutcomeOdds`); turning each into text, as the printer does, is not counted."""
    for result in analysis.results.values():
        _ = result.outcomes, result.stuck, result.payoffs, result.metrics
    _ = analysis.eq_path, analysis.likely_path, analysis.likely_probability, analysis.most_likely_outcome()
    return analysis


def dag_scenario(layers: int, width: int) -> str:
    """Layers of `width` decision/chance nodes; every node links to 3 nodes of the next layer,
    so paths merge everywhere; 2 bounded metrics with effects and `requires` give many states."""
    out = ["format: 1\nid: dag\ntitle: Merged paths\nactors:\n  a: {name: Alpha}\n  b: {name: Beta}\n",
           "metrics:\n  heat: {label: Heat, min: 0, max: 12}\n  trust: {label: Trust, min: -6, max: 6}\n",
           "start: l0_0\nnodes:\n"]
    for layer in range(layers):
        for i in range(width):
            nxt = [f"l{layer + 1}_{(i + k) % width}" for k in (0, 1, 3)] if layer + 1 < layers else None
            if nxt is None:
                out.append(f"  l{layer}_{i}: {{kind: outcome, title: End {i}, payoffs: {{a: {i % 7 - 3}, b: {i % 5 - 2}}}}}\n")
            elif (layer + i) % 3 == 2:
                out.append(
                    f"  l{layer}_{i}:\n    kind: chance\n    title: C{layer}.{i}\n    options:\n"
                    f"      - {{label: Up, to: {nxt[0]}, probability: 0.5, effects: {{heat: 1}}}}\n"
                    f"      - {{label: Flat, to: {nxt[1]}, probability: 0.3}}\n"
                    f"      - {{label: Down, to: {nxt[2]}, probability: 0.2, effects: {{heat: -1, trust: 1}}}}\n"
                )
            else:
                actor = "a" if (layer + i) % 2 else "b"
                out.append(
                    f"  l{layer}_{i}:\n    kind: decision\n    actor: {actor}\n    title: D{layer}.{i}\n    options:\n"
                    f"      - {{label: Push, to: {nxt[0]}, effects: {{heat: 2, trust: -1}}}}\n"
                    f"      - {{label: Talk, to: {nxt[1]}, effects: {{trust: 1}}, requires: heat <= 8}}\n"
                    f"      - {{label: Wait, to: {nxt[2]}, requires: trust >= -3 or heat < 2}}\n"
                )
    return "".join(out)


# --- pygambit -----------------------------------------------------------------------------
def gambit_build(gbt, u: Unfolding):
    """The unfolded game tree built through pygambit's API (iteratively, position by position)."""
    names = players(u)
    game = gbt.Game.new_tree(players=names, title="bench")
    outcomes = {}
    stack = [(0, game.root)]
    while stack:
        p, node = stack.pop()
        n = u.pos_node[p]
        kids = u.pos_kids[p]
        if u.table.kinds[n] == OUTCOME or not kids:
            if u.table.kinds[n] == OUTCOME:
                outcome = outcomes.get(n)
                if outcome is None:
                    outcome = outcomes[n] = game.add_outcome(u.table.ids[n], list(u.table.payoffs[n] or ()))
                game.set_outcome(node, outcome)
            continue
        labels = [str(i) for i in range(len(kids))]
        if u.table.kinds[n] == CHANCE:
            game.append_move(node, game.players.chance, labels)
            game.set_chance_probs(node.infoset, _exact_odds(u.table.chance[n], u.pos_opts[p]))
        else:
            game.append_move(node, names[u.table.actor_of[n]], labels)
        stack.extend(zip(kids, node.children, strict=True))
    return game


def gambit_walk(game) -> list[float]:
    """Backward induction over a pygambit tree in Python: the baseline for our backward pass."""
    players = list(game.players)
    index = {p.label: i for i, p in enumerate(players)}
    zero = [0.0] * len(players)
    value = {}
    stack = [(game.root, False)]
    while stack:
        node, expanded = stack.pop()
        if node.is_terminal:
            outcome = node.outcome
            value[node] = [float(outcome[p]) for p in players] if outcome is not None else zero
        elif not expanded:
            stack.append((node, True))
            stack.extend((c, False) for c in node.children)
        else:
            children = list(node.children)
            if node.player.is_chance:
                probs = [float(a.prob) for a in node.infoset.actions]
                value[node] = [sum(w * value[c][i] for w, c in zip(probs, children, strict=True)) for i in range(len(players))]
            else:
                i = index[node.player.label]
                best = children[0]
                for c in children[1:]:
                    if value[c][i] > value[best][i] + 1e-9:
                        best = c
                value[node] = value[best]
            for c in children:
                del value[c]
    return value[game.root]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--gambit-up-to", type=int, default=10_000, help="largest size pygambit builds (it is slow)")
    parser.add_argument("--dag", default="40x25", help="LAYERSxWIDTH of the merged-paths DAG")
    parser.add_argument("--runs", type=int, default=5, help="runs per median of the like-for-like comparison")
    parser.add_argument("--processes-up-to", type=int, default=100_000, help="largest size compared as whole processes")
    parser.add_argument("--rounds", action="store_true", help="round games (format 2) instead, against pygambit's solvers")
    parser.add_argument("--gambit-timeout", type=float, default=120.0, help="with --rounds: seconds pygambit may take per game")
    parser.add_argument("--gambit-tree-limit", type=int, default=200_000,
                        help="with --rounds: the largest .efg tree given to pygambit")
    args = parser.parse_args()
    try:
        import pygambit as gbt
    except ImportError:
        gbt = None
        print("pygambit is not installed: printing our figures only")
    with tempfile.TemporaryDirectory() as tmp:
        if args.rounds:
            from solve_rounds import bench_rounds

            bench_rounds(Path(tmp), gbt is not None, args.gambit_timeout, args.gambit_tree_limit)
            return
        for n in (int(s) for s in args.sizes.split(",")):
            bench_tree(gbt, Path(tmp) / f"tree{n}.yaml", n, args.gambit_up_to)
            bench_whole_solve(gbt, Path(tmp) / f"tree{n}.yaml", args.runs, n <= args.processes_up_to)
        layers, width = (int(x) for x in args.dag.split("x"))
        bench_dag(Path(tmp) / "dag.yaml", layers, width)


def bench_tree(gbt, path: Path, n: int, gambit_up_to: int) -> None:
    path.write_text(tree_scenario(n))
    repeat = 3 if n <= 10_000 else 1
    t_load, result = timed(lambda: load_scenario(path))
    graph = result.graph
    with paused_gc():  # as the load runs it
        t_graph, _ = timed(lambda: ScenarioGraph(graph.scenario, graph.parsed_requires), repeat)
        t_compile, _ = timed(lambda: _compile(graph), repeat)
    t_solve, (u, eq) = timed(lambda: (lambda u: (u, equilibrium(u)))(unfold(graph)), repeat)
    t_back, _ = timed(lambda: equilibrium(u), 3)  # the backward pass and the pygambit walk: best of 3 at every size
    ours = list(eq.values[0])
    print(f"\n== tree, {n:,} nodes: {len(u):,} positions")
    t_walk_ours = max(t_solve - t_compile - t_back, 1e-9)
    print(f"  ours: {t_solve:.3f}s from the loaded graph = compile {t_compile:.3f}s + unfold {t_walk_ours:.3f}s + "
          f"backward pass {t_back:.3f}s; {len(u) / t_solve:,.0f} positions/s overall, "
          f"{len(u) / (t_solve - t_compile):,.0f} without the compile, {len(u) / t_back:,.0f} for the backward pass; "
          f"load+solve from YAML {t_load + t_solve:.3f}s (load {t_load:.3f}s, of which graph build {t_graph:.3f}s)")
    if gbt is None:
        return
    text = efg_text(u)
    t_read, _ = timed(lambda: gbt.read_efg(io.StringIO(text)))
    print(f"  pygambit read_efg of our export: {t_read:.3f}s ({len(text) / 1e6:.1f} MB)")
    if n > gambit_up_to:
        print(f"  pygambit build skipped above {gambit_up_to:,} nodes (pass --gambit-up-to {n} to run it)")
        return
    t_build, game = timed(lambda: gambit_build(gbt, u))
    t_walk, theirs = timed(lambda: gambit_walk(game), 3)
    same = all(abs(a - b) <= 1e-9 * max(1.0, abs(a)) for a, b in zip(ours, theirs, strict=True))
    print(f"  pygambit: build {t_build:.3f}s; walk {t_walk:.3f}s = {len(game.nodes) / t_walk:,.0f} nodes/s")
    print(f"  ratios: walk / our unfold+solve = {t_walk / t_solve:.1f}x; walk / our backward pass = "
          f"{t_walk / t_back:.1f}x; build / our load+solve = {t_build / (t_load + t_solve):.2f}x; "
          f"payoffs identical: {same} {ours}")


GAMBIT_SOLVE = """
import io, sys, time
sys.path.insert(0, sys.argv[2])
import pygambit as gbt
from solve import gambit_walk
game = gbt.read_efg(sys.argv[1])
gambit_walk(game)
"""


def bench_whole_solve(gbt, path: Path, runs: int, processes: bool) -> None:
    """Like for like: what `explorer solve` computes once the positions exist (unfold + `analyse`, not
    the backward pass alone) against pygambit reading our `.efg` export of the same game and walking it
    backward; then, as whole processes, `explorer solve --json` (our YAML load included) against a
    process that reads the `.efg` file with pygambit and walks it: cold (the cache off) and warm (the
    scenario unchanged since an earlier run, so it comes from the cache). Interleaved medians of `runs`."""
    graph = load_scenario(path).graph
    u = unfold(graph)
    print(f"\n  like for like, median of {runs} interleaved runs; ratio = ours / anchor; {load_average()}")
    if gbt is None:
        (ours,) = interleaved([lambda: as_solve_reads(analyse(graph, unfolding=unfold(graph)))], runs)
        row("unfold + analyse", ours, "(pygambit not installed)", None)
        return
    text = efg_text(u)
    ours, theirs = interleaved([lambda: as_solve_reads(analyse(graph, unfolding=unfold(graph))),
                                lambda: gambit_walk(gbt.read_efg(io.StringIO(text)))], runs)
    row("unfold + analyse", ours, "pygambit read_efg + walk", theirs)
    if not processes:
        return
    efg = path.with_suffix(".efg")
    efg.write_text(text)
    here = str(Path(__file__).resolve().parent)
    argv = [sys.executable, "-m", "explorer", "solve", str(path), "--json"]
    cold = {**os.environ, "SCENARIO_EXPLORER_CACHE": "off"}
    warm = {**os.environ, "SCENARIO_EXPLORER_CACHE": str(path.parent / "cache")}
    subprocess.run(argv, check=True, capture_output=True, env=warm)  # fills the cache
    answers = path.parent / "cache"

    def solved_again() -> None:
        """Warm, but the answer not kept: the scenario from its cache entry, unfolded and solved again."""
        for kept in answers.glob("*.answer"):
            kept.unlink()
        subprocess.run(argv, check=True, capture_output=True, env=warm)

    cold_t, warm_t, again_t, theirs = interleaved([
        lambda: subprocess.run(argv, check=True, capture_output=True, env=cold),
        lambda: subprocess.run(argv, check=True, capture_output=True, env=warm),
        solved_again,
        lambda: subprocess.run([sys.executable, "-c", GAMBIT_SOLVE, str(efg), here], check=True, capture_output=True),
    ], runs)
    row("explorer solve --json, cold (process)", cold_t, "pygambit read_efg + walk (process)", theirs)
    row("explorer solve --json, warm (cached)", warm_t, "pygambit read_efg + walk (process)", theirs, "≤ 0.2×")
    row("  the same, the answer not kept", again_t, "pygambit read_efg + walk (process)", theirs)


def bench_dag(path: Path, layers: int, width: int) -> None:
    path.write_text(dag_scenario(layers, width))
    t_load, result = timed(lambda: load_scenario(path))
    assert result.ok, result.problems.sorted()[:3]
    t_solve, (u, eq) = timed(lambda: (lambda u: (u, equilibrium(u)))(unfold(result.graph)), 2)
    t_back, _ = timed(lambda: equilibrium(u), 2)
    size = tree_size(u, cap=10**30)
    print(f"\n== DAG, {layers} layers x {width} nodes ({layers * width:,} nodes): {len(u):,} positions; "
          f"its game tree would have {size:.3g} nodes")
    print(f"  ours: unfold+solve {t_solve:.3f}s = {len(u) / t_solve:,.0f} positions/s; backward pass alone "
          f"{t_back:.3f}s = {len(u) / t_back:,.0f} positions/s; load+solve {t_load + t_solve:.3f}s; "
          f"payoffs {list(eq.values[0])}")


if __name__ == "__main__":
    main()
