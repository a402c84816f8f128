"""What the analysis commands (solve, simulate, sensitivity) share: the policy option, solving
with a refusal in words, and probabilities in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.commands.shared.output import error
from explorer.commands.shared.scenario_input import load_graph
from explorer.exit_codes import ExitCode

if TYPE_CHECKING:
    from explorer.analysis.summary import Analysis

POLICIES = ("beliefs", "equilibrium", "uniform")
"""`explorer.analysis.policies.POLICIES`, written here so that building the parser imports no analysis
(a test keeps the two equal)."""
POLICY_HELP = (
    "how decisions are taken when computing odds: beliefs (the analyst's probabilities, uniform where "
    "none are given), equilibrium, or uniform (default: beliefs)"
)


def solved(path: str, policy: str, command: str, as_json: bool) -> tuple[Analysis | None, ExitCode]:
    """The analysis of the scenario at `path` under `policy`, or None and the exit status after
    saying why: the scenario's problems (as `load_graph` prints them), or that it is too large
    to unfold here."""
    from explorer.analysis.summary import analyse
    from explorer.analysis.unfolding import UnfoldingTooLarge

    graph, status = load_graph(path, command, as_json)
    if graph is None:
        return None, status
    try:
        return analyse(graph, policy), ExitCode.OK
    except UnfoldingTooLarge as exc:
        return None, error(command, str(exc), ExitCode.PROBLEMS)


def odds(p: float) -> str:
    """A probability as a number and its ICD 203 words; tiny non-zero values keep their digits."""
    from explorer.format.probability_words import icd203

    p = round(p, 12)  # sums of floats: 0.9999999999999999 is certain
    number = f"{p:.2f}" if p == 0 or p >= 0.01 else f"{p:.1e}"
    return f"{number} ({icd203(p)})"
