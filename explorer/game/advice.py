"""What the equilibrium would have done at a position the class reached — for the debrief, which sets
it beside what the class did there (like with like, whatever injects or rulings came before).

The scenario is solved once (`explorer.analysis.summary.analyse`); a position the solve never
reaches from the start (after an inject changed the metrics, say) is solved as a game of its own,
starting there with those metrics. At a decision: the option the equilibrium takes; at a round:
each acting actor's move in the stage equilibrium (with probabilities when it is mixed); at a chance
node: nothing (the dice decide).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.actions import State
from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph

MAX_SUBGAMES = 20
"""Most positions outside the solve from the start that are solved on their own, per debrief."""


@dataclass(frozen=True, slots=True)
class Advice:
    """The equilibrium's play at one position."""

    text: str
    """In words: an option's label, or at a round each actor's move."""
    option: int | None = None
    """At a decision: the option's index."""
    moves: tuple[tuple[str, int, float], ...] = ()
    """At a round: (actor id, move index, probability) of each acting actor's moves with weight."""

    def agrees(self, option: int | None, moves: dict[str, int | None] | None = None) -> bool:
        """True when the class did what the equilibrium does (at a round: a pure equilibrium's moves)."""
        if self.option is not None:
            return option == self.option
        if moves is None or not self.moves:
            return False
        return all(moves.get(a) == m for a, m, p in self.moves if p >= 1 - 1e-9) and all(
            p >= 1 - 1e-9 for _, _, p in self.moves)


class Advisor:
    """The solved scenario, asked position by position."""

    def __init__(self, graph: ScenarioGraph) -> None:
        from explorer.analysis.summary import analyse

        self.graph = graph
        self.analysis = analyse(graph)
        self._sub: dict[tuple[str, State], Advisor | None] = {}

    @classmethod
    def of(cls, graph: ScenarioGraph) -> Advisor | None:
        """The advisor, or None when the scenario is too large to solve."""
        from explorer.analysis.unfolding import UnfoldingTooLarge

        try:
            return cls(graph)
        except UnfoldingTooLarge:
            return None

    def at(self, node_id: str, state: State) -> Advice | None:
        """The equilibrium's play at (node, metrics); None at a chance node or an outcome, or when it
        cannot be worked out (a position of a game too large to solve)."""
        kind = self.graph.kind(node_id)
        if kind not in (NodeKind.DECISION, NodeKind.ROUND):
            return None
        u = self.analysis.unfolding
        pos = u.find(node_id, state)
        if pos is None:
            return self._elsewhere(node_id, state)
        eq = self.analysis.equilibrium
        if kind == NodeKind.DECISION:
            option = eq.option(pos)
            return None if option is None else Advice(self.graph.actions(node_id)[option].option.label, option)
        stage, solution = u.stages.get(pos), eq.stages.get(pos)
        compiled = self.graph.round(node_id)
        if stage is None or solution is None or compiled is None:
            return None
        moves, words = [], []
        names = self.graph.scenario.actors
        for a, available, probs in zip(stage.actors, stage.moves, solution.profile, strict=True):
            actor = compiled.actors[a]
            played = [(m, p) for m, p in zip(available, probs, strict=True) if p > 1e-9]
            moves += [(actor, m, p) for m, p in played]
            label = names[actor].label if actor in names else actor
            if len(played) == 1:
                words.append(f"{label}: {compiled.moves[a][played[0][0]].option.label}")
            else:
                mixed = ", ".join(f"{compiled.moves[a][m].option.label} {p:.2f}" for m, p in played)
                words.append(f"{label}: {{{mixed}}}")
        return Advice("; ".join(words), None, tuple(moves))

    def _elsewhere(self, node_id: str, state: State) -> Advice | None:
        key = (node_id, state)
        if key not in self._sub:
            self._sub[key] = self._solve_from(node_id, state) if len(self._sub) < MAX_SUBGAMES else None
        sub = self._sub[key]
        return sub.at(node_id, state) if sub is not None and sub is not self else None

    def _solve_from(self, node_id: str, state: State) -> Advisor | None:
        """The game from (node, metrics), solved on its own: the scenario with that start and those
        initial values."""
        from explorer.analysis.unfolding import UnfoldingTooLarge

        scenario = self.graph.scenario
        metrics = {m: replace(x, initial=v) for (m, x), v in zip(scenario.metrics.items(), state,
                                                                                 strict=True)}
        moved = scenario.model_copy(update={"start": node_id, "metrics": metrics})
        graph = ScenarioGraph(moved, self.graph.parsed_requires, self.graph.parsed_conditions)
        try:
            return Advisor(graph)
        except (UnfoldingTooLarge, ValueError):
            return None
