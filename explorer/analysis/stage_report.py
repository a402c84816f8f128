"""What `explorer solve` says about rounds: each round on the equilibrium path as a stage game (its pure
equilibria, which was taken and why, or the mixed play and its ε), and the whole strategy — a choice
at every reachable position, on the path or off it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from explorer.analysis.stage import StageMethod, StageSolution
from explorer.analysis.unfolding import DECISION, ROUND, Unfolding

if TYPE_CHECKING:
    from explorer.analysis.summary import Analysis


@dataclass(frozen=True, slots=True)
class StageReport:
    """One round position reached under equilibrium play, as a stage game."""

    node_id: str
    position: int
    reach: float
    """The probability of reaching the position under equilibrium play."""
    state: dict[str, float]
    """The metrics that tell this position apart from the round's others."""
    actors: tuple[str, ...]
    """The acting actors (those with an available move)."""
    moves: tuple[tuple[str, ...], ...]
    """Each acting actor's available move ids, in the stage's order."""
    solution: StageSolution

    def pure(self) -> list[tuple[tuple[str, str], ...]]:
        """The pure equilibria as (actor, move id) pairs."""
        return [self.joint_ids(j) for j in self.solution.pure_equilibria]

    def joint_ids(self, joint: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((a, moves[i]) for a, moves, i in zip(self.actors, self.moves, joint, strict=True))

    def why(self) -> str:
        """Which equilibrium was taken and why, in words."""
        s = self.solution
        if s.chosen is not None:
            count = len(s.pure_equilibria)
            if count == 1:
                return "the only pure equilibrium"
            order = "the first in move order (the order the moves are listed, the first actor's first) is taken"
            if len(s.undominated) == 1:
                return f"{count} pure equilibria; this one Pareto-dominates the other{'s' if count > 2 else ''}"
            if len(s.undominated) == count:
                return f"{count} pure equilibria, none Pareto-dominated by another; {order}"
            return f"{count} pure equilibria, {len(s.undominated)} not Pareto-dominated; of those, {order}"
        how = {StageMethod.SUPPORT: "support enumeration", StageMethod.LEMKE_HOWSON: "Lemke–Howson",
               StageMethod.LOGIT: "the limiting logit equilibrium"}.get(s.method, s.method.value)
        reached = f"ε = {s.epsilon:.1e}" if s.converged else f"NOT converged: ε reached {s.epsilon:.1e}, above 1e-9"
        return f"no pure equilibrium; mixed play by {how} ({reached})"

    def mixed(self) -> dict[str, dict[str, float]]:
        """Each acting actor's probability of each of its available moves."""
        return {a: dict(zip(moves, probs, strict=True))
                for a, moves, probs in zip(self.actors, self.moves, self.solution.profile, strict=True)}


def stage_reports(analysis: Analysis) -> list[StageReport]:
    """Every round position reached with positive probability under equilibrium play, in topological order."""
    u = analysis.unfolding
    mass = analysis.equilibrium_mass()
    out = []
    for n, group in u.groups():
        if u.table.kinds[n] != ROUND:
            continue
        for p in group:
            if mass[p] > 0 and p in analysis.equilibrium.stages:
                out.append(stage_report(analysis, p, float(mass[p])))
    return out


def stage_report(analysis: Analysis, p: int, reach: float) -> StageReport:
    """The stage game at round position `p` (reached with probability `reach`)."""
    u = analysis.unfolding
    stage = u.stages[p]
    compiled = u.table.rounds[u.pos_node[p]]
    assert compiled is not None
    actors = tuple(compiled.actors[a] for a in stage.actors)
    moves = tuple(tuple(compiled.moves[a][m].option.id for m in ms) for a, ms in zip(stage.actors, stage.moves, strict=True))
    return StageReport(u.node_id(p), p, reach, u.state(p), actors, moves, analysis.equilibrium.stages[p])


def observed_note(analysis: Analysis) -> str | None:
    """Said once when the scenario has private information: the analysis treats every move as observed."""
    scenario = analysis.graph.scenario
    kinds = []
    if any(node.private for node in scenario.nodes.values()):
        kinds.append("private text")
    if any(m.visible_to is not None for m in scenario.metrics.values()):
        kinds.append("hidden metrics")
    if any(m.covert for node in scenario.nodes.values() if node.KIND == ROUND for ms in node.moves.values() for m in ms):
        kinds.append("covert moves")
    if not kinds:
        return None
    listed = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
    return (f"The scenario has {listed}: they change what each player is shown in a game, not the analysis, "
            "which treats every move and metric as observed.")


def strategy(analysis: Analysis) -> list[dict[str, Any]]:
    """The equilibrium strategy at every reachable position with a move: the option chosen at a decision,
    every acting actor's move probabilities at a round (chance positions are left out). Positions are
    numbered node by node in topological order (`Unfolding.groups` order), so they are read in turn."""
    u: Unfolding = analysis.unfolding
    eq = analysis.equilibrium
    first = np.asarray(u.first)
    decided = eq.choice >= 0
    option = np.zeros(len(first) - 1, dtype=np.int64)
    option[decided] = np.asarray(u.opt)[first[:-1][decided] + eq.choice[decided]]
    chosen = option.tolist()  # the option the equilibrium takes at a decision (the first where it takes none)
    kind = np.asarray(u.table.kinds, dtype=np.int64)[u.pos_node]
    wanted = (np.diff(first) > 0) & ((kind == DECISION) | (kind == ROUND))
    metric_ids, keys, graph = analysis.graph.metric_ids, u.pos_key, analysis.graph
    nodes: dict[int, tuple[str, Any, list[str]]] = {}
    out: list[dict[str, Any]] = []
    for p, n in zip(np.flatnonzero(wanted).tolist(), u.pos_node[wanted].tolist(), strict=True):
        found = nodes.get(n)
        if found is None:
            found = nodes[n] = (u.table.ids[n], graph.node(u.table.ids[n]), [metric_ids[s] for s in u.live[n]])
        node_id, node, names = found
        if u.table.kinds[n] == DECISION:
            out.append({"node": node_id, "state": dict(zip(names, keys[p], strict=True)), "actor": node.actor,
                        "option": chosen[p] + 1, "label": node.options[chosen[p]].label})
            continue
        report = stage_report(analysis, p, 0.0)
        out.append({"node": node_id, "state": dict(zip(names, keys[p], strict=True)), "play": report.mixed(),
                    "method": report.solution.method.value, "epsilon": report.solution.epsilon})
    return out
