"""Round games (format 2) against pygambit on the same game, for `bench/solve.py --rounds`.

    python bench/solve.py --rounds [--gambit-timeout 120] [--gambit-tree-limit 200000]

Each game comes from `generate.round_scenario` (rounds in a row; every actor's moves push bounded
metrics; rules with `picks` and `count`; scores on the metrics, with seeded random weights so that
payoffs rarely tie: degenerate games would make the comparison about Gambit's pivoting rules). Printed for ours: positions, the joint
moves resolved (the stage games' cells), load, unfold and solve times, positions/s and joint moves/s,
and the stage-solve methods used.

What pygambit is asked, and why it is the fair comparison: Gambit has no backward-induction solver for
multi-stage games with observed actions, so it gets the whole game as our `.efg` export (every round a
stage of information sets) and its equilibrium solver for that: `lcp_solve` on the extensive form (the
sequence form, Gambit's method of choice for two players) and, for three or more players, `logit_solve`
on the extensive form (the agent logit path to a sequential, hence subgame-perfect, equilibrium — the
same selection our stages use). Its time is `read_efg` plus the solver, in a child process stopped
after `--gambit-timeout` seconds; games whose tree exceeds `--gambit-tree-limit` nodes are not sent
(the tree, which repeats every position once per path, is printed instead). Payoffs are compared:
`lcp_solve` finds a Nash equilibrium that need not be subgame perfect, and where a stage has several
equilibria (moves that change nothing another actor is scored on leave ties) the logit limit may take
another one than our selection rule does; so they may differ, both equilibria.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import round_scenario

ROUND_GAMES = [
    # (rounds, actors, moves, metrics, span)
    (2, 2, 3, 2, 6),
    (3, 2, 3, 2, 6),
    (2, 3, 2, 2, 6),
    (2, 3, 3, 2, 6),
    (4, 5, 3, 2, 6),  # the example: 243 joint moves per round
    (22, 2, 3, 3, 22),  # about 100k positions
]


def bench_rounds(tmp: Path, gambit: bool, timeout: float, tree_limit: int) -> None:
    from explorer.analysis.equilibrium import equilibrium
    from explorer.analysis.round_positions import joint_count
    from explorer.analysis.unfolding import unfold
    from explorer.export.efg import efg_text, tree_size
    from explorer.loading import load_scenario

    for rounds, actors, moves, metrics, span in ROUND_GAMES:
        path = tmp / f"rounds_{rounds}x{actors}x{moves}.yaml"
        path.write_text(round_scenario(rounds, actors, moves, metrics=metrics, span=span, generic=True))
        start = time.perf_counter()
        result = load_scenario(path)
        t_load = time.perf_counter() - start
        assert result.ok, [str(p) for p in result.problems.sorted()[:3]]
        repeat = 3 if rounds * actors < 30 else 1
        t_unfold = t_solve = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            u = unfold(result.graph)
            middle = time.perf_counter()
            eq = equilibrium(u)
            end = time.perf_counter()
            t_unfold, t_solve = min(t_unfold, middle - start), min(t_solve, end - middle)
        cells = sum(joint_count(stage) for stage in u.stages.values())
        methods: dict[str, int] = {}
        for solution in eq.stages.values():
            methods[solution.method.value] = methods.get(solution.method.value, 0) + 1
        total = t_unfold + t_solve
        size = tree_size(u)
        ours = [round(x, 6) for x in eq.values[0]]
        print(f"\n== rounds: {rounds} rounds x {actors} actors x {moves} moves ({metrics} metrics 0..{span}): "
              f"{len(u):,} positions, {len(u.stages):,} of them rounds, {cells:,} joint moves")
        print(f"  ours: load {t_load:.3f}s; unfold {t_unfold:.3f}s + solve {t_solve:.3f}s = {total:.3f}s: "
              f"{len(u) / total:,.0f} positions/s, {cells / total:,.0f} joint moves/s; stages by {methods}; payoffs {ours}")
        if not gambit:
            continue
        if size > tree_limit:
            print(f"  pygambit: not run: the .efg tree would have {size:.3g} nodes (over {tree_limit:,})")
            continue
        efg = tmp / "game.efg"
        efg.write_text(efg_text(u, max_nodes=tree_limit))
        theirs = _gambit(efg, timeout)
        if theirs is None:
            print(f"  pygambit ({size:,}-node tree): did not finish within {timeout:g}s; ours is "
                  f"more than {timeout / total:,.0f}x faster")
            continue
        same = all(abs(a - b) <= 1e-6 * max(1.0, abs(a)) for a, b in zip(ours, theirs["payoffs"], strict=True))
        spent = theirs["read"] + theirs["solve"]
        print(f"  pygambit ({size:,}-node tree): read_efg {theirs['read']:.3f}s + {theirs['solver']} {theirs['solve']:.3f}s; "
              f"pygambit / ours = {spent / total:,.0f}x; payoffs {'equal' if same else 'differ: ' + str(theirs['payoffs'])}")


def _gambit(efg: Path, timeout: float) -> dict | None:
    """Gambit's read and solve of the file in a child process; None when it is stopped at `timeout`."""
    try:
        done = subprocess.run([sys.executable, __file__, "--child", str(efg)], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)


def _child(efg: Path) -> None:
    import pygambit as gbt

    text = efg.read_text()
    start = time.perf_counter()
    game = gbt.read_efg(io.StringIO(text))
    read = time.perf_counter() - start
    two = len(game.players) == 2
    start = time.perf_counter()
    found = gbt.nash.lcp_solve(game, rational=False) if two else gbt.nash.logit_solve(game)
    solve = time.perf_counter() - start
    profile = found.equilibria[0]
    print(json.dumps({"read": read, "solve": solve, "solver": "lcp_solve" if two else "logit_solve",
                      "payoffs": [round(float(profile.payoff(p)), 6) for p in game.players]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=Path, required=True)
    _child(parser.parse_args().child)
