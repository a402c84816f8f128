"""Random small format-2 games and an independent reference for them: rounds resolved by plain code over
full metric states (not `explorer.resolution`), outcome odds in exact fractions, and stage regrets by
brute force over every unilateral deviation."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from itertools import product

from hypothesis import strategies as st

from explorer.format import expressions
from explorer.graph import ScenarioGraph

STUCK = "(dead end)"
_SPLITS = {2: [(0.5, 0.5), (0.3, 0.7), (0.9, 0.1)], 3: [(0.2, 0.3, 0.5), (0.6, 0.3, 0.1)]}
_IFS = ["m >= 2", "m < 2", "count(x) >= 2", "count(y) == 0", "m >= 1 and count(x) >= 1", "k != 0"]


@st.composite
def round_games(draw: st.DrawFn, max_rounds: int = 3) -> str:
    """YAML of a small valid format-2 game: 2–3 actors; rounds (2–3 moves each, ids x/y/z shared across
    actors, some `requires`, effects on two bounded metrics, rules with `picks`, `if` and `count`),
    sometimes a chance node or a decision between rounds; outcomes with payoffs; sometimes a `score`."""
    actors = ["a", "b", "c"][: draw(st.integers(2, 3))]
    scored = draw(st.booleans())
    rounds = draw(st.integers(1, max_rounds))
    outcomes = [f"o{j}" for j in range(draw(st.integers(2, 4)))]
    lines = ["format: 2", "id: random", "title: Random rounds", "actors:"]
    for a in actors:
        score = ", score: {m: 1}" if scored and a == "a" else ""
        lines.append(f"  {a}: {{name: Actor {a}{score}}}")
    lines += ["metrics:", "  m: {label: M, min: 0, max: 3, initial: 1}", "  k: {label: K, min: -1, max: 1}", "start: n0", "nodes:"]
    count = rounds + draw(st.integers(0, 2))
    kinds = ["round"] * rounds + [draw(st.sampled_from(["chance", "decision"])) for _ in range(count - rounds)]
    kinds = [kinds[0], *draw(st.permutations(kinds[1:]))]
    for i, kind in enumerate(kinds):
        later = [f"n{j}" for j in range(i + 1, count)] + outcomes
        lines += [f"  n{i}:", f"    kind: {kind}", f"    title: Node {i}"]
        if kind == "round":
            lines += _round(draw, actors, later)
            continue
        if kind == "decision":
            lines.append(f"    actor: {draw(st.sampled_from(actors))}")
        width = draw(st.integers(2, 3))
        split = draw(st.sampled_from(_SPLITS[width]))
        lines.append("    options:")
        for j in range(width):
            odds = f", probability: {split[j]}" if kind == "chance" else ""
            effect = f", effects: {{m: {draw(st.integers(-1, 1))}}}" if draw(st.booleans()) else ""
            lines.append(f"      - {{label: Option {j}, to: {draw(st.sampled_from(later))}{odds}{effect}}}")
    for o in outcomes:
        pay = ", ".join(f"{a}: {draw(st.integers(-4, 4))}" for a in actors)
        lines.append(f"  {o}: {{kind: outcome, title: Outcome {o}, payoffs: {{{pay}}}}}")
    return "\n".join(lines) + "\n"


def _round(draw: st.DrawFn, actors: list[str], later: list[str]) -> list[str]:
    lines = ["    moves:"]
    ids = ["x", "y", "z"]
    beliefs = draw(st.booleans())
    for a in actors:
        width = draw(st.integers(2, 3))
        split = draw(st.sampled_from(_SPLITS[width]))
        lines.append(f"      {a}:")
        for j in range(width):
            parts = [f"id: {ids[j]}", f"label: Move {ids[j]}"]
            if beliefs:
                parts.append(f"probability: {split[j]}")
            if draw(st.booleans()):
                parts.append(f"effects: {{m: {draw(st.integers(-1, 2))}}}")
            elif draw(st.integers(0, 3)) == 0:
                parts.append(f"effects: {{k: {draw(st.integers(-1, 1))}}}")
            if j > 0 and draw(st.integers(0, 3)) == 0:
                parts.append(f'requires: "{draw(st.sampled_from(["m >= 1", "m < 3", "k == 0"]))}"')
            if j == 0 and draw(st.integers(0, 3)) == 0:
                parts.append("default: true")
            lines.append("        - {" + ", ".join(parts) + "}")
    lines.append("    then:")
    for _ in range(draw(st.integers(0, 3))):
        parts = []
        if draw(st.booleans()):
            who = draw(st.sampled_from(actors))
            parts.append(f"picks: {{{who}: {draw(st.sampled_from(['x', 'y', '[x, y]']))}}}")
        if not parts or draw(st.booleans()):
            parts.append(f'if: "{draw(st.sampled_from(_IFS))}"')
        if draw(st.integers(0, 2)) == 0:
            parts.append(f"effects: {{m: {draw(st.integers(-2, 2))}}}")
        parts.append(f"to: {draw(st.sampled_from(later))}")
        lines.append("      - {" + ", ".join(parts) + "}")
    lines.append(f"      - {{to: {draw(st.sampled_from(later))}}}")
    return lines


class RoundReference:
    """Outcome odds by memoised recursion over (node, full state), in exact fractions, with rounds resolved
    here from the models: moves' effects summed then clamped once, the first rule whose picks and `if`
    hold, its effects clamped. Decisions under `beliefs`/`uniform` only (the equilibrium is checked by
    regret instead)."""

    def __init__(self, graph: ScenarioGraph) -> None:
        self.graph = graph
        self.scenario = graph.scenario
        self.metric_ids = graph.metric_ids
        self.ends = cache(self._ends)

    def clamp(self, state: tuple[Fraction, ...], totals: dict[str, Fraction]) -> tuple[Fraction, ...]:
        out = list(state)
        for metric_id, amount in totals.items():
            i = self.metric_ids.index(metric_id)
            metric = self.scenario.metrics[metric_id]
            v = out[i] + amount
            if metric.min is not None:
                v = max(v, Fraction(repr(metric.min)))
            if metric.max is not None:
                v = min(v, Fraction(repr(metric.max)))
            out[i] = v
        return tuple(out)

    def holds(self, text: str | None, state: tuple[Fraction, ...], counts: dict[str, int] | None = None) -> bool:
        if text is None:
            return True
        values = {m: float(v) for m, v in zip(self.metric_ids, state, strict=True)}
        for move_id, n in (counts or {}).items():
            values[expressions.count_name(move_id)] = float(n)
        parse = expressions.parse_rule if counts is not None else expressions.parse
        return expressions.holds(parse(text), values)

    def resolve(self, node_id: str, state: tuple[Fraction, ...], joint: dict[str, int]) -> tuple[str, tuple[Fraction, ...]]:
        node = self.scenario.nodes[node_id]
        totals: dict[str, Fraction] = {}
        for actor, index in joint.items():
            for metric_id, amount in node.moves[actor][index].effects.items():
                totals[metric_id] = totals.get(metric_id, Fraction(0)) + Fraction(repr(amount))
        middle = self.clamp(state, totals)
        chosen = {actor: node.moves[actor][index].id for actor, index in joint.items()}
        counts: dict[str, int] = {}
        for move_id in chosen.values():
            counts[move_id] = counts.get(move_id, 0) + 1
        for rule in node.then:
            picks = rule.picked()
            if all(actor in chosen and chosen[actor] in wanted for actor, wanted in picks.items()) and \
                    self.holds(rule.condition, middle, counts):
                effects = {m: Fraction(repr(x)) for m, x in rule.effects.items()}
                return rule.to, self.clamp(middle, effects)
        raise AssertionError("a valid round always fires a rule")

    def available(self, node_id: str, state: tuple[Fraction, ...]) -> dict[str, list[int]]:
        node = self.scenario.nodes[node_id]
        return {a: [i for i, m in enumerate(moves) if self.holds(m.requires, state)] for a, moves in node.moves.items()}

    @staticmethod
    def spread(probabilities: list[float | None]) -> list[Fraction]:
        raw = [Fraction(repr(p)) if p else Fraction(0) for p in probabilities]
        total = sum(raw)
        return [Fraction(1, len(raw))] * len(raw) if total == 0 else [x / total for x in raw]

    def _ends(self, node_id: str, state: tuple[Fraction, ...], policy: str) -> dict[str, Fraction]:
        node = self.scenario.nodes[node_id]
        if node.kind == "outcome":
            return {node_id: Fraction(1)}
        out: dict[str, Fraction] = {}
        for p, to, after in self.moves(node_id, state, policy):
            for end, q in self.ends(to, after, policy).items():
                out[end] = out.get(end, Fraction(0)) + p * q
        return out or {STUCK: Fraction(1)}

    def moves(self, node_id: str, state: tuple[Fraction, ...], policy: str) -> list[tuple[Fraction, str, tuple[Fraction, ...]]]:
        node = self.scenario.nodes[node_id]
        if node.kind == "round":
            open_moves = {a: ms for a, ms in self.available(node_id, state).items() if ms}
            weights = {}
            for a, ms in open_moves.items():
                given = [node.moves[a][i].probability for i in ms]
                weights[a] = self.spread(given if policy == "beliefs" else [None] * len(ms))
            out = []
            for combo in product(*(list(zip(ms, weights[a], strict=True)) for a, ms in open_moves.items())):
                joint = {a: i for a, (i, _) in zip(open_moves, combo, strict=True)}
                p = Fraction(1)
                for _, w in combo:
                    p *= w
                to, after = self.resolve(node_id, state, joint)
                out.append((p, to, after))
            return out
        options = [o for o in node.options if self.holds(o.requires, state)]
        if not options:
            return []
        given = [o.probability for o in options] if node.kind == "chance" or policy == "beliefs" else [None] * len(options)
        return [(w, o.to, self.clamp(state, {m: Fraction(repr(x)) for m, x in o.effects.items()}))
                for w, o in zip(self.spread(given), options, strict=True)]

    def initial(self) -> tuple[Fraction, ...]:
        return tuple(Fraction(repr(m.initial)) for m in self.scenario.metrics.values())


@st.composite
def stage_games(draw: st.DrawFn) -> str:
    """YAML of one round in which every joint move has its own outcome (random payoffs): the normal form
    written as a round, where games without a pure equilibrium (mixed play, by support enumeration for
    two actors and the logit path for three) are common."""
    actors = ["a", "b", "c"][: draw(st.integers(2, 3))]
    widths = [draw(st.integers(2, 3 if len(actors) == 2 else 2)) for _ in actors]
    ids = ["x", "y", "z"]
    lines = ["format: 2", "id: stage", "title: A stage game", "actors:"]
    lines += [f"  {a}: {{name: Actor {a}}}" for a in actors]
    lines += ["start: r", "nodes:", "  r:", "    kind: round", "    title: Everyone moves", "    moves:"]
    for a, width in zip(actors, widths, strict=True):
        lines.append(f"      {a}: [" + ", ".join(f"{{id: {ids[j]}, label: {ids[j]}}}" for j in range(width)) + "]")
    lines.append("    then:")
    joints = list(product(*(range(w) for w in widths)))
    outcomes = []
    for n, joint in enumerate(joints):
        picks = ", ".join(f"{a}: {ids[j]}" for a, j in zip(actors, joint, strict=True))
        rule = f"{{picks: {{{picks}}}, to: o{n}}}" if n < len(joints) - 1 else f"{{to: o{n}}}"
        lines.append(f"      - {rule}")
        pay = ", ".join(f"{a}: {draw(st.integers(-9, 9))}" for a in actors)
        outcomes.append(f"  o{n}: {{kind: outcome, title: Outcome {n}, payoffs: {{{pay}}}}}")
    return "\n".join(lines + outcomes) + "\n"
