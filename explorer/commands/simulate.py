"""`explorer simulate PATH --runs N --seed S [--policy P]`: seeded walks, odds with confidence
intervals beside the exact odds, and a coverage report of nodes and options no walk reached."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from explorer.commands.shared.analysis import POLICIES, POLICY_HELP, odds, solved
from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text, shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("simulate", help="seeded Monte Carlo walks: odds with confidence intervals, and dead content")
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--runs", type=int, default=10_000, help="number of walks (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the walks' random numbers (default 0)")
    parser.add_argument("--policy", choices=POLICIES, default="beliefs", help=POLICY_HELP)
    parser.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals (default 0.95)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")


class _Bar:
    """A progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        if self.shown:
            filled = 30 * done // max(self.total, 1)
            sys.stderr.write(f"\r  [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{self.total:,} walks")
            sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    if args.runs < 1 or not 0 < args.confidence < 1:
        return error("simulate", "--runs must be at least 1 and --confidence between 0 and 1", ExitCode.USAGE)
    analysis, status = solved(args.path, args.policy, "simulate", args.json)
    if analysis is None:
        return status
    graph = analysis.graph
    from explorer.analysis.simulate import coverage, simulate

    bar = _Bar(args.runs)
    try:
        sim = simulate(graph, args.runs, args.seed, args.policy, analysis.equilibrium, progress=bar)
    finally:
        bar.close()
    cov = coverage(sim, analysis.unfolding, analysis.equilibrium)
    rows = outcome_rows(analysis, sim, args.confidence)
    if args.json:
        print(json_text(json.dumps(as_json(sim, rows, cov, args.confidence), indent=2, ensure_ascii=False)))
    else:
        print(shown("\n".join(report(graph, sim, rows, cov, args.confidence)), lines=True))
    return ExitCode.OK


def outcome_rows(analysis: Any, sim: Any, confidence: float) -> list[dict[str, Any]]:
    from explorer.analysis.simulate import STUCK, wilson

    exact = dict(analysis.results[sim.policy].outcomes)
    if analysis.results[sim.policy].stuck > 0:
        exact[STUCK] = analysis.results[sim.policy].stuck
    names = [o for o in [*analysis.graph.outcomes, STUCK] if o in exact or o in sim.ends]
    rows = []
    for name in names:
        hits = sim.ends.get(name, 0)
        low, high = wilson(hits, sim.runs, confidence)
        p = exact.get(name, 0.0)
        rows.append({"outcome": name, "runs": hits, "share": hits / sim.runs, "low": low, "high": high,
                     "exact": p, "inside": low - 1e-12 <= p <= high + 1e-12})
    return rows


def as_json(sim: Any, rows: list[dict[str, Any]], cov: Any, confidence: float) -> dict[str, Any]:
    return {
        "runs": sim.runs, "seed": sim.seed, "policy": sim.policy, "confidence": confidence,
        "outcomes": rows,
        "unreached_nodes": [{"node": n, "exact": p} for n, p in cov.nodes],
        "untaken_options": [{"node": n, "option": i + 1, "exact": p, "always_locked": locked} for n, i, p, locked in cov.options],
    }


def interval_digits(low: float, high: float, exact: float, inside: bool) -> int:
    """Decimals for an interval: 3, or as many more (up to 9) as it takes for exact odds outside it to be
    seen outside it (0.000 – 0.000 beside an exact 0.0004 would not be believed)."""
    digits = 3
    while not inside and digits < 9 and f"{low:.{digits}f}" <= f"{exact:.{digits}f}" <= f"{high:.{digits}f}":
        digits += 1
    return digits


def report(graph: Any, sim: Any, rows: list[dict[str, Any]], cov: Any, confidence: float) -> list[str]:
    level = f"{confidence * 100:g}%"
    out = [f"{sim.runs:,} walks, seed {sim.seed}, decisions by the {sim.policy} policy", ""]
    width = max([len(r["outcome"]) for r in rows] + [8])
    out.append(f"  {'outcome':<{width}}  {'walks':>8}  {'share':>6}  {level + ' interval':<17}  exact odds")
    for r in rows:
        digits = interval_digits(r["low"], r["high"], r["exact"], r["inside"])
        flag = "" if r["inside"] else f"   ← exact odds {r['exact']:.{digits}f} outside the interval"
        interval = f"{r['low']:.{digits}f} – {r['high']:.{digits}f}"
        out.append(f"  {r['outcome']:<{width}}  {r['runs']:>8,}  {r['share']:>6.3f}  {interval:<15}    "
                   f"{odds(r['exact'])}{flag}")
    nodes, options = graph.scenario.nodes, sum(len(n.options) for n in graph.scenario.nodes.values())
    out += ["", f"Coverage: {len(nodes) - len(cov.nodes)}/{len(nodes)} nodes reached, "
                f"{options - len(cov.options)}/{options} options taken"]
    if cov.nodes:
        out.append("Nodes no walk reached:")
        for node_id, p in cov.nodes:
            why = "no walk can reach it under this policy" if p == 0 else f"exact chance {odds(p)}"
            out.append(f"  {node_id} ({graph.node(node_id).title}): {why}")
    if cov.options:
        out.append("Options no walk took:")
        for node_id, index, p, locked in cov.options:
            option = graph.node(node_id).options[index]
            if locked:
                why = f"locked in every state that reaches it (requires {option.requires})"
            elif p == 0:
                why = "never taken under this policy, or its node is never reached"
            else:
                why = f"exact chance {odds(p)}"
            out.append(f"  {node_id} option {index + 1} ({option.label}): {why}")
    return out
