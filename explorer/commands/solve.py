"""`explorer solve PATH [--policy P] [--json]`: equilibrium, outcome odds, expected payoffs and metrics."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from explorer.commands.shared.analysis import POLICIES, POLICY_HELP, odds, solved
from explorer.commands.shared.json_indented import dumps
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text, shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("solve", help="equilibrium, outcome odds and expected payoffs of a scenario")
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--policy", choices=POLICIES, default="beliefs", help=POLICY_HELP + "; the most likely path follows it")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")


def number(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def run(args: argparse.Namespace) -> int:
    """Print the answer kept for this unchanged scenario (`explorer.loading.answers`), or solve it,
    print the answer and keep it."""
    from explorer.loading.answers import keep_answer, kept_answer

    kind = f"solve --policy {args.policy}" + (" --json" if args.json else "")
    kept = kept_answer(args.path, kind)
    if kept is not None:
        for warning in kept.warnings:
            print(warning, file=sys.stderr)
        sys.stdout.write(kept.stdout)
        return ExitCode.OK
    analysis, status = solved(args.path, args.policy, "solve", args.json)
    if analysis is None:
        return status
    if args.json:
        from explorer.analysis.stage_report import stage_reports, strategy

        data = analysis.as_json()
        data["rounds"] = [_round_json(r) for r in stage_reports(analysis)]
        data["strategy"] = strategy(analysis)
        text = json_text(dumps(data))
    else:
        text = shown("\n".join(report(analysis)), lines=True)
    print(text)
    keep_answer(args.path, kind, text + "\n")
    return ExitCode.OK


LISTED_EQUILIBRIA = 5
"""Most pure equilibria a round's report lists in words (five actors easily have dozens)."""


def _move_label(node: Any, actor: str, move_id: str) -> str:
    return next((m.label for m in node.moves.get(actor, ()) if m.id == move_id), move_id)


def _rounds(analysis: Any) -> list[str]:
    """Each round on the equilibrium path as a stage game: its pure equilibria, the one taken and why,
    or the mixed play with its probabilities and ε."""
    from explorer.analysis.stage_report import observed_note, stage_reports

    graph = analysis.graph
    actors = graph.scenario.actors
    out = ["Rounds on the equilibrium path (each a stage game among the actors who can move)"]
    for r in stage_reports(analysis):
        node = graph.node(r.node_id)
        state = ", ".join(f"{graph.scenario.metrics[m].label} {number(v)}" for m, v in r.state.items())
        out.append(f"  {r.node_id}: {node.title} — reached {odds(r.reach)}" + (f"; {state}" if state else ""))
        s = r.solution
        if s.chosen is not None:
            if len(s.pure_equilibria) > 1:
                pure = r.pure()
                shown = pure[:LISTED_EQUILIBRIA]
                head = ("pure equilibria" if len(pure) == len(shown)
                        else f"pure equilibria (the first {len(shown)} of {len(pure)}; --json lists them all)")
                out.append(f"    {head}: " + "; ".join(
                    ", ".join(f"{actors[a].label} {_move_label(node, a, m)}" for a, m in joint) for joint in shown))
            taken = ", ".join(f"{actors[a].label} {_move_label(node, a, m)}" for a, m in r.joint_ids(s.chosen))
            out.append(f"    taken: {taken} — {r.why()}")
        else:
            out.append(f"    {r.why()}:")
            for a, probs in r.mixed().items():
                play = ", ".join(f"{_move_label(node, a, m)} {q:.3f}" for m, q in probs.items())
                out.append(f"      {actors[a].label}: {play}")
    note = observed_note(analysis)
    if note:
        out.append(f"  {note}")
    return [*out, ""]


def _round_json(r: Any) -> dict[str, Any]:
    s = r.solution
    return {
        "node": r.node_id, "state": r.state, "reach": r.reach, "method": s.method.value,
        "pure_equilibria": [dict(joint) for joint in r.pure()],
        "taken": None if s.chosen is None else dict(r.joint_ids(s.chosen)),
        "why": r.why(), "play": r.mixed(), "epsilon": s.epsilon, "converged": s.converged,
    }


def report(analysis: Any) -> list[str]:
    """The readable report, line by line."""
    from explorer.format.models import NodeKind

    graph = analysis.graph
    scenario = graph.scenario
    actors = scenario.actors
    out = [f"{scenario.title} ({scenario.id}): {len(graph)} nodes, {len(analysis.unfolding):,} (node, metric state) positions", ""]
    has_rounds = any(graph.table.rounds)
    out.append("Equilibrium (backward induction; ties go to the option listed first"
               + ("; at each round, a Nash equilibrium of its stage game)" if has_rounds else ")"))
    for step in analysis.eq_path:
        node = graph.node(step.node_id)
        if step.option is None:
            out.append(f"  → {step.node_id}: {node.title}" + ("" if node.KIND == NodeKind.OUTCOME else " (dead end: every option locked)"))
        elif step.kind == NodeKind.ROUND:
            moves = ", ".join(f"{actors[a].label} {_move_label(node, a, m)}" for a, m in step.moves)
            mixed = "" if step.probability >= 1 else f" (the most probable joint move: {odds(step.probability)})"
            out.append(f"  {step.node_id} — round: {moves or 'nobody can move'} → {step.label}{mixed}")
        elif step.kind == NodeKind.DECISION:
            out.append(f"  {step.node_id} — {actors[step.actor].label} chooses {step.option + 1}. {step.label}")
        else:
            out.append(f"  {step.node_id} — chance, most probable branch {step.option + 1}. {step.label}: {odds(step.probability)}")
    payoffs = ", ".join(f"{actors[a].label} {number(v)}" for a, v in analysis.payoffs.items())
    out += [f"  Expected payoffs under equilibrium play: {payoffs}", ""]
    if has_rounds:
        out += _rounds(analysis)
    results = analysis.results
    names = list(results)
    labels = [*graph.outcomes, "(dead end)", *(a.label for a in actors.values())]
    labels += [m.label for m in scenario.metrics.values()]
    width = max([len(x) + 2 for x in labels] + [len("Expected final metrics")])

    def table(title: str, rows: list[tuple[str, list[str]]], column: int) -> list[str]:
        lines = [(f"{title:<{width + 2}}" + "".join(f"{n:<{column}}" for n in names)).rstrip()]
        lines += [f"  {label:<{width}}" + "".join(f"{cell:<{column}}" for cell in cells).rstrip() for label, cells in rows]
        return lines

    shares = [results[n].outcomes.as_dict() for n in names]  # each probability as a float, to be printed
    reached = [o for o in graph.outcomes if any(share.get(o, 0) > 0 for share in shares)]
    rows = [(o, [odds(share.get(o, 0.0)) for share in shares]) for o in reached]
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
        node = graph.node(step.node_id)
        if step.option is None:
            out.append(f"  → {step.node_id}: {node.title}")
        elif step.kind == NodeKind.ROUND:
            moves = ", ".join(f"{actors[a].label} {_move_label(node, a, m)}" for a, m in step.moves)
            out.append(f"  {step.node_id} — round: {moves or 'nobody can move'} → {step.label}: {odds(step.probability)}")
        else:
            out.append(f"  {step.node_id} — {step.option + 1}. {step.label}: {odds(step.probability)}")
    likely = analysis.most_likely_outcome()
    if likely is not None:
        out.append(f"Most likely outcome under {analysis.policy}: {likely[0]}, {odds(likely[1])}")
    return out
