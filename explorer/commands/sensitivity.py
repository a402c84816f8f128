"""`explorer sensitivity PATH [--policy P]`: how far each probability and payoff must move to change
the equilibrium choice at the start or the most likely outcome — a tornado table, sorted."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from explorer.commands.shared.analysis import POLICIES, POLICY_HELP, odds
from explorer.commands.shared.output import error
from explorer.commands.shared.scenario_input import load_graph
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text, shown

BAR = 12
"""Characters of each half of a tornado bar."""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("sensitivity", help="how far each probability and payoff must move to change the answer")
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--policy", choices=POLICIES, default="beliefs", help=POLICY_HELP + "; it picks the most likely outcome")
    parser.add_argument("--steps", type=int, default=10, help="scan points per direction, for parameters with a round between them and the start "
                        "(default 10); the others are found exactly")
    parser.add_argument("--top", type=int, default=0, help="show only the N most sensitive parameters (default: all)")
    parser.add_argument("--max-parameters", type=int, default=400,
                        help="move at most N parameters, those nearest the start first (default 400; 0: all)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")


def run(args: argparse.Namespace) -> int:
    graph, status = load_graph(args.path, "sensitivity", args.json)
    if graph is None:
        return status
    from explorer.analysis.sensitivity import sensitivity
    from explorer.analysis.unfolding import UnfoldingTooLarge, unfold

    try:
        u = unfold(graph)
    except UnfoldingTooLarge as exc:
        return error("sensitivity", str(exc), ExitCode.PROBLEMS)
    progress = Progress(sys.stderr.isatty())

    result = sensitivity(u, args.policy, max(1, args.steps), progress, args.max_parameters or None)
    swings = result.swings[: args.top] if args.top > 0 else result.swings
    if args.json:
        print(json_text(json.dumps(as_json(result, swings), indent=2, ensure_ascii=False)))
    else:
        print(shown("\n".join(report(graph, result, swings)), lines=True))
    return ExitCode.OK


class Progress:
    """'moving parameter i/N' on stderr, drawn only on a terminal and only once the run has taken more
    than `AFTER` seconds (a quick run prints nothing)."""

    AFTER = 1.0

    def __init__(self, on_terminal: bool) -> None:
        self.on_terminal, self.started, self.drawn = on_terminal, time.monotonic(), False

    def __call__(self, done: int, total: int) -> None:
        if not self.on_terminal or (not self.drawn and time.monotonic() - self.started <= self.AFTER):
            return
        self.drawn = True
        sys.stderr.write(f"\r  moving parameter {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()


def _answer(answer: Any) -> dict[str, Any] | None:
    if answer is None:
        return None
    if answer.start is None:
        start = None
    elif isinstance(answer.start[1], str):
        start = {"node": answer.start[0], "play": answer.start[1]}
    else:
        start = {"node": answer.start[0], "option": answer.start[1] + 1}
    return {"start_choice": start, "most_likely_outcome": answer.likely}


def as_json(result: Any, swings: list[Any]) -> dict[str, Any]:
    return {
        "policy": result.policy,
        "baseline": _answer(result.baseline),
        "probabilities": "moving one probability rescales the other options of its node proportionally",
        "payoff_range": result.payoff_range,
        "skipped_parameters": result.skipped,
        "parameters": [
            {"kind": s.parameter.kind, "node": s.parameter.node_id,
             "option": None if s.parameter.option is None else s.parameter.option + 1, "actor": s.parameter.actor,
             "value": s.parameter.value, "down": s.down, "down_changes_to": _answer(s.down_answer),
             "up": s.up, "up_changes_to": _answer(s.up_answer)}
            for s in swings
        ],
    }


def _change(graph: Any, base: Any, answer: Any) -> str:
    parts = []
    if answer.start != base.start:
        if answer.start is None:
            parts.append("no decision left at the start")
        else:
            parts.append(f"start choice → {_choice(graph, answer.start)}")
    if answer.likely != base.likely:
        parts.append(f"most likely → {answer.likely}")
    return "; ".join(parts)


def _choice(graph: Any, start: tuple[str, int | str]) -> str:
    """The first equilibrium choice in words: an option, or every actor's move at a round."""
    node_id, choice = start
    return choice if isinstance(choice, str) else f"{choice + 1}. {graph.node(node_id).options[choice].label}"


def _bar(share: float | None, left: bool) -> str:
    """A half bar: longer when a smaller move changes the answer; blank when nothing changes."""
    if share is None:
        return " " * BAR
    filled = max(1, round(BAR * (1 - min(share, 1.0))))
    return ("#" * filled).rjust(BAR) if left else ("#" * filled).ljust(BAR)


def _value(kind: str, x: float) -> str:
    return odds(x) if kind != "payoff" else f"{x:.3g}"


def report(graph: Any, result: Any, swings: list[Any]) -> list[str]:
    base = result.baseline
    out = ["What it takes to change the answer"]
    if base.start is not None:
        out.append(f"  start choice at {base.start[0]}: {_choice(graph, base.start)} (equilibrium)")
    out.append(f"  most likely outcome under {result.policy}: {base.likely}")
    out += [
        "Each parameter is moved alone. Moving one probability rescales the other options of its node",
        "proportionally, so they still sum to 1; payoffs move within ±"
        f"{result.payoff_range:g} (twice the spread of all payoffs). A longer bar means a smaller move changes the answer.",
        "",
    ]
    width = max([len(s.parameter.label) for s in swings] + [9])
    out.append(f"  {'parameter':<{width}}  {'now':<24}  {'down':^{BAR}}|{'up':^{BAR}}  changes when moved to")
    for s in swings:
        p = s.parameter
        span = p.high - p.low or 1.0
        down_share = None if s.down is None else abs(p.value - s.down) / span
        up_share = None if s.up is None else abs(s.up - p.value) / span
        where = []
        if s.down is not None:
            where.append(f"{_value(p.kind, s.down)} ({s.down - p.value:+.3g}): {_change(graph, base, s.down_answer)}")
        if s.up is not None:
            where.append(f"{_value(p.kind, s.up)} ({s.up - p.value:+.3g}): {_change(graph, base, s.up_answer)}")
        text = "  |  ".join(where) or "no change within range"
        out.append(f"  {p.label:<{width}}  {_value(p.kind, p.value):<24}  {_bar(down_share, True)}|{_bar(up_share, False)}  {text}")
    if not swings:
        out.append("  (no probabilities or payoffs that could change the answer)")
    if result.skipped:
        out.append(f"  ({result.skipped} more parameters, farther from the start, were not moved: raise --max-parameters)")
    return out
