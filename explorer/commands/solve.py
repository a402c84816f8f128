"""`explorer solve PATH [--policy P] [--json]`: equilibrium, outcome odds, expected payoffs and metrics.

Also home of what the analysis commands share: loading a scenario (problems printed as
`explorer check` prints them, exit 1 when there are errors) and probabilities in words.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from explorer.terminal_text import json_text, shown

POLICIES = ("beliefs", "equilibrium", "uniform")
POLICY_HELP = (
    "how decisions are taken when computing odds: beliefs (the analyst's probabilities, uniform where "
    "none are given), equilibrium, or uniform (default: beliefs)"
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("solve", help="equilibrium, outcome odds and expected payoffs of a scenario")
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--policy", choices=POLICIES, default="beliefs", help=POLICY_HELP + "; the most likely path follows it")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")


def load_graph(path: str, command: str, as_json: bool = False) -> tuple[Any, int]:
    """The scenario's graph, or None and the exit status after printing why (as `explorer check` does)."""
    from explorer.loading import load_scenario

    if not Path(path).exists():
        print(f"explorer {command}: error: no such file: {shown(path)}", file=sys.stderr)
        return None, EXIT_USAGE
    result = load_scenario(path)
    problems = result.problems.sorted()
    errors = [p for p in problems if p.severity == "error"]
    if errors or result.graph is None:
        if as_json:
            print(json_text(json.dumps({"problems": [p.as_dict() for p in problems]}, indent=2, ensure_ascii=False)))
        else:
            for problem in problems:
                print(problem)
            print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s): fix the scenario before `explorer {command}`")
        return None, EXIT_PROBLEMS
    for problem in problems:
        print(problem, file=sys.stderr)
    return result.graph, EXIT_OK


def odds(p: float) -> str:
    """A probability as a number and its ICD 203 words; tiny non-zero values keep their digits."""
    from explorer.format.probability_words import icd203

    p = round(p, 12)  # sums of floats: 0.9999999999999999 is certain
    number = f"{p:.2f}" if p == 0 or p >= 0.01 else f"{p:.1e}"
    return f"{number} ({icd203(p)})"


def number(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def run(args: argparse.Namespace) -> int:
    graph, status = load_graph(args.path, "solve", args.json)
    if graph is None:
        return status
    from explorer.analysis.positions import UnfoldingTooLarge
    from explorer.analysis.summary import analyse

    try:
        analysis = analyse(graph, args.policy)
    except UnfoldingTooLarge as exc:
        print(f"explorer solve: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.json:
        print(json_text(json.dumps(analysis.as_json(), indent=2, ensure_ascii=False)))
    else:
        print(shown("\n".join(report(analysis)), lines=True))
    return EXIT_OK


def report(analysis: Any) -> list[str]:
    """The readable report, line by line."""
    graph = analysis.graph
    scenario = graph.scenario
    actors = scenario.actors
    out = [f"{scenario.title} ({scenario.id}): {len(graph)} nodes, {len(analysis.unfolding):,} (node, metric state) positions", ""]
    out.append("Equilibrium (backward induction; ties go to the option listed first)")
    for step in analysis.eq_path:
        node = graph.node(step.node_id)
        if step.option is None:
            out.append(f"  → {step.node_id}: {node.title}" + ("" if node.kind == "outcome" else " (dead end: every option locked)"))
        elif step.kind == "decision":
            out.append(f"  {step.node_id} — {actors[step.actor].label} chooses {step.option + 1}. {step.label}")
        else:
            out.append(f"  {step.node_id} — chance, most probable branch {step.option + 1}. {step.label}: {odds(step.probability)}")
    payoffs = ", ".join(f"{actors[a].label} {number(v)}" for a, v in analysis.payoffs.items())
    out += [f"  Expected payoffs under equilibrium play: {payoffs}", ""]
    results = analysis.results
    names = list(results)
    labels = [*graph.outcomes, "(dead end)", *(a.label for a in actors.values())]
    labels += [m.label for m in scenario.metrics.values()]
    width = max([len(x) + 2 for x in labels] + [len("Expected final metrics")])

    def table(title: str, rows: list[tuple[str, list[str]]], column: int) -> list[str]:
        lines = [(f"{title:<{width + 2}}" + "".join(f"{n:<{column}}" for n in names)).rstrip()]
        lines += [f"  {label:<{width}}" + "".join(f"{cell:<{column}}" for cell in cells).rstrip() for label, cells in rows]
        return lines

    reached = [o for o in graph.outcomes if any(results[n].outcomes.get(o, 0) > 0 for n in names)]
    rows = [(o, [odds(results[n].outcomes.get(o, 0.0)) for n in names]) for o in reached]
    if any(results[n].stuck > 0 for n in names):
        rows.append(("(dead end)", [odds(results[n].stuck) for n in names]))
    out += table("Outcome odds", rows, 28)
    if len(reached) < len(graph.outcomes):
        out.append(f"  ({len(graph.outcomes) - len(reached)} outcome(s) cannot be reached under any policy)")
    out.append("")
    out += table("Expected payoffs", [(actors[a].label, [number(results[n].payoffs[a]) for n in names]) for a in actors], 14)
    if graph.metric_ids:
        out.append("")
        metric_rows = [(scenario.metrics[m].label, [number(results[n].metrics[m]) for n in names]) for m in graph.metric_ids]
        out += table("Expected final metrics", metric_rows, 14)
    out += ["", f"Most likely path under {analysis.policy}: {odds(analysis.likely_probability)}"]
    for step in analysis.likely_path:
        if step.option is None:
            out.append(f"  → {step.node_id}: {graph.node(step.node_id).title}")
        else:
            out.append(f"  {step.node_id} — {step.option + 1}. {step.label}: {odds(step.probability)}")
    likely = analysis.most_likely_outcome()
    if likely is not None:
        out.append(f"Most likely outcome under {analysis.policy}: {likely[0]}, {odds(likely[1])}")
    return out
