"""Rounds too large for the state-aware checks: the warning at each, and the nodes whose findings are unsure.

A (round, state) whose joint moves do not fit in what is left of `limits.MAX_ROUND_JOINT_MOVES` is not
enumerated (`round_states.round_successors`). What the checks then cannot establish: which of the
round's rules fire, and every "never" finding below it (options never unlocked, moves never available,
rules never firing), since the states below it are known only along the defaults' joint move. What
they still establish soundly: the structural checks of rounds (`checks.rounds`), the moves available
at the round itself, and every dead end or idle actor found in a state that was reached.
"""

from __future__ import annotations

from explorer.checks.round_states import RoundFindings
from explorer.graph import ScenarioGraph
from explorer.loading.locator import Locator
from explorer.problems import Problems
from explorer.resolution import joint_moves_text


def report_skipped_rounds(graph: ScenarioGraph, locator: Locator, problems: Problems, findings: RoundFindings,
                          budget: int) -> set[str]:
    """Warn at every round not enumerated; return the ids of the nodes below those rounds."""
    if not findings.skipped:
        return set()
    t = graph.table
    below = _descendants(t.children, [t.number[node_id] for node_id in findings.skipped])
    for node_id, size in sorted(findings.skipped.items()):
        actors = len(graph.node(node_id).moves)
        problems.warning(
            f"round '{node_id}': {joint_moves_text(size)} of its {actors} actors (one per kind of move) are more than the "
            f"state checks resolve ({budget:,} in the whole check), so they could not establish which of its rules "
            "can fire, nor which options, moves and rules below it are never available (they followed its default "
            "moves only); fewer actors per round, or moves that share their effects, picks and counts (such "
            "look-alike moves count once), keep it checkable",
            locator.node(node_id),
        )
    return {t.ids[n] for n in below}


def _descendants(children: list[list[int]], roots: list[int]) -> set[int]:
    """Every node strictly below `roots` (a round's own findings on its moves stay sure)."""
    seen: set[int] = set()
    stack = [c for r in roots for c in children[r] if c >= 0]
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(c for c in children[n] if c >= 0)
    return seen
