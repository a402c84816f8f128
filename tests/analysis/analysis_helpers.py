"""Helpers for the analysis tests: loading scenario text, random small DAG scenarios, and an
independent reference solver (plain recursion over (node, full metric state), exact fractions)."""

from __future__ import annotations

import textwrap
from fractions import Fraction
from functools import cache

from hypothesis import strategies as st

from explorer.graph import ScenarioGraph
from explorer.loading import load_text

STUCK = "(dead end)"


def graph_of(text: str) -> ScenarioGraph:
    result = load_text(textwrap.dedent(text))
    assert result.ok, [str(p) for p in result.problems.sorted()]
    return result.graph


# --- random scenarios -------------------------------------------------------------------
_SPLITS = {
    1: [(1.0,)],
    2: [(0.5, 0.5), (0.3, 0.7), (0.25, 0.75), (0.9, 0.1), (0.6, 0.4)],
    3: [(0.2, 0.3, 0.5), (0.1, 0.45, 0.45), (0.25, 0.25, 0.5), (0.6, 0.3, 0.1)],
}


@st.composite
def scenarios(draw: st.DrawFn, max_inner: int = 6, max_outcomes: int = 4) -> str:
    """YAML of a small valid DAG scenario: decisions (sometimes with the analyst's probabilities),
    chance nodes, two bounded metrics with effects and `requires` (so states, clamping, locked
    options and dead ends all occur), shared children (merged paths) and payoffs."""
    inner = draw(st.integers(1, max_inner))
    outcomes = [f"o{j}" for j in range(draw(st.integers(1, max_outcomes)))]
    lines = [
        "format: 1", "id: random", "title: Random", "actors:", "  a: {name: Alpha}", "  b: {name: Beta}",
        "metrics:", "  m: {label: M, min: 0, max: 4, initial: 2}", "  k: {label: K, min: -1, max: 1}",
        "start: n0", "nodes:",
    ]
    for i in range(inner):
        kind = draw(st.sampled_from(["decision", "chance"]))
        count = draw(st.integers(1, 3))
        later = [f"n{j}" for j in range(i + 1, inner)] + outcomes
        split = draw(st.sampled_from(_SPLITS[count]))
        beliefs = kind == "chance" or draw(st.booleans())
        lines.append(f"  n{i}:")
        lines.append(f"    kind: {kind}")
        lines.append(f"    title: Node {i}")
        if kind == "decision":
            lines.append(f"    actor: {draw(st.sampled_from(['a', 'b']))}")
        lines.append("    options:")
        for j in range(count):
            parts = [f"label: Option {j}", f"to: {draw(st.sampled_from(later))}"]
            if beliefs:
                parts.append(f"probability: {split[j]}")
            effects = {}
            if draw(st.booleans()):
                effects["m"] = draw(st.integers(-3, 3))
            if draw(st.integers(0, 3)) == 0:
                effects["k"] = draw(st.integers(-2, 2))
            if effects:
                parts.append("effects: {" + ", ".join(f"{key}: {v}" for key, v in effects.items()) + "}")
            if draw(st.integers(0, 2)) == 0:
                parts.append(draw(st.sampled_from(["requires: m >= 2", "requires: m < 3", "requires: k == 0", "requires: m >= 1 and k >= 0"])))
            lines.append("      - {" + ", ".join(parts) + "}")
    for o in outcomes:
        pay = [f"a: {draw(st.integers(-5, 5))}"]
        if draw(st.integers(0, 4)):
            pay.append(f"b: {draw(st.integers(-5, 5))}")
        lines.append(f"  {o}: {{kind: outcome, title: Outcome {o}, payoffs: {{{', '.join(pay)}}}}}")
    return "\n".join(lines) + "\n"


# --- the reference ------------------------------------------------------------------------
class Reference:
    """Backward induction and outcome distributions by memoised recursion over full states, in
    exact fractions. Deliberately simple and independent of `explorer.analysis`."""

    def __init__(self, graph: ScenarioGraph) -> None:
        self.graph = graph
        self.actors = tuple(graph.scenario.actors)
        self.value = cache(self._value)
        self.ends = cache(self._ends)

    def _open(self, node_id: str, state: tuple[float, ...]) -> list:
        return [m for m in self.graph.actions(node_id) if self.graph.is_available(m, state)]

    @staticmethod
    def _renormalised(moves: list) -> list[Fraction]:
        raw = [Fraction(repr(m.option.probability)) if m.option.probability else Fraction(0) for m in moves]
        total = sum(raw)
        return [Fraction(1, len(moves))] * len(moves) if total == 0 else [x / total for x in raw]

    def _value(self, node_id: str, state: tuple[float, ...]) -> tuple[tuple[Fraction, ...], int | None]:
        """(payoff per actor, index into the open moves of the equilibrium choice)."""
        node = self.graph.node(node_id)
        if node.kind == "outcome":
            return tuple(Fraction(repr(float(node.payoffs.get(a, 0)))) for a in self.actors), None
        moves = self._open(node_id, state)
        if not moves:
            return tuple(Fraction(0) for _ in self.actors), None
        children = [self.value(m.option.to, self.graph.apply(state, m))[0] for m in moves]
        if node.kind == "chance":
            probs = self._renormalised(moves)
            return tuple(sum(p * c[i] for p, c in zip(probs, children, strict=True)) for i in range(len(self.actors))), None
        me = self.actors.index(node.actor)
        best = 0
        for i, c in enumerate(children):
            if c[me] > children[best][me]:
                best = i
        return children[best], best

    def probs(self, node_id: str, state: tuple[float, ...], policy: str) -> list[tuple[object, Fraction]]:
        node = self.graph.node(node_id)
        moves = self._open(node_id, state)
        if not moves:
            return []
        if node.kind == "chance" or (policy == "beliefs" and any(m.option.probability for m in moves)):
            return list(zip(moves, self._renormalised(moves), strict=True))
        if policy == "equilibrium":
            choice = self.value(node_id, state)[1]
            return [(m, Fraction(int(i == choice))) for i, m in enumerate(moves)]
        return [(m, Fraction(1, len(moves))) for m in moves]

    def _ends(self, node_id: str, state: tuple[float, ...], policy: str) -> dict[tuple[str, tuple[float, ...]], Fraction]:
        """(outcome id or STUCK, final state) → probability."""
        if self.graph.node(node_id).kind == "outcome":
            return {(node_id, state): Fraction(1)}
        moves = self.probs(node_id, state, policy)
        if not moves:
            return {(STUCK, state): Fraction(1)}
        out: dict[tuple[str, tuple[float, ...]], Fraction] = {}
        for move, p in moves:
            if p:
                for end, q in self.ends(move.option.to, self.graph.apply(state, move), policy).items():
                    out[end] = out.get(end, Fraction(0)) + p * q
        return out

    def distribution(self, policy: str) -> dict[str, Fraction]:
        out: dict[str, Fraction] = {}
        for (end, _), p in self.ends(self.graph.start, self.graph.initial_state, policy).items():
            out[end] = out.get(end, Fraction(0)) + p
        return out

    def metrics(self, policy: str) -> dict[str, float]:
        ends = self.ends(self.graph.start, self.graph.initial_state, policy)
        return {m: float(sum(p * Fraction(repr(s[i])) for (_, s), p in ends.items())) for i, m in enumerate(self.graph.metric_ids)}

    def payoffs(self) -> dict[str, float]:
        vec = self.value(self.graph.start, self.graph.initial_state)[0]
        return {a: float(x) for a, x in zip(self.actors, vec, strict=True)}
