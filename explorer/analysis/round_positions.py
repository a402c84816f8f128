"""Round positions as stage games: who acts, with which moves, and where each joint move leads.

A round position's key holds the metrics live at the round (those its moves' `requires`, its rules'
`if` and anything below read). Expanding it resolves every joint move of the acting actors — the
actors with at least one available move — over the key, as `resolution.Round.resolve` does over a
full state: the moves' effects added and clamped once, the first rule that fires, its effects. Joint
moves are listed lexicographically by move index, the first acting actor most significant: the
order of a stage game's payoff arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from math import prod

from explorer.analysis.steps import Key
from explorer.format import expressions
from explorer.graph import ScenarioGraph
from explorer.resolution import Round, joint_moves

MAX_STAGE_JOINT_MOVES = 65_536
"""Most joint moves of one round position the analysis resolves and solves as a stage game (16 actors
with two moves each, 8 with four): every joint move is a branch of the game and a cell of each acting
actor's payoff array, and solving a stage of 16 actors already takes about a second. Past it the
analysis refuses in words before resolving any: it never approximates."""


class StageTooLarge(Exception):
    """A round position with more joint moves than the room left for them."""

    def __init__(self, node_id: str, acting: int, joint_moves: int) -> None:
        super().__init__(node_id, acting, joint_moves)
        self.node_id, self.acting, self.joint_moves = node_id, acting, joint_moves


@dataclass(frozen=True, slots=True)
class StagePosition:
    """A round reached with one key, as a stage game."""

    actors: tuple[int, ...]
    """The acting actors, as positions in the round's `actors` (those with at least one available move)."""
    moves: tuple[tuple[int, ...], ...]
    """Each acting actor's available move indices."""
    rules: tuple[int, ...]
    """The rule each joint move fires, in joint-move order."""

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(m) for m in self.moves)

    def joint(self, flat: int) -> tuple[int, ...]:
        """The move index of each acting actor in joint move number `flat`."""
        out = []
        for moves in reversed(self.moves):
            flat, i = divmod(flat, len(moves))
            out.append(moves[i])
        return tuple(reversed(out))


@dataclass(frozen=True, slots=True)
class _KeyRound:
    """A round compiled over one key layout."""

    tests: tuple[tuple[Callable[[Key], bool] | None, ...], ...]
    """Per actor, per move: its `requires` over the key (None: always available)."""
    effects: tuple[tuple[tuple[tuple[int, float], ...], ...], ...]
    """Per actor, per move: (key index, amount) of its effects on live metrics."""
    rules: tuple[tuple[tuple[tuple[int, frozenset[int]], ...], Callable[[Key], bool] | None,
                       tuple[tuple[int, float], ...], int], ...]
    """Per rule: picks, `if` over the key followed by the counts, effects on live metrics, target node."""
    bounds: tuple[tuple[float, float], ...]
    """Per key index: the metric's (min, max)."""


class RoundExpander:
    """Expands round positions; compiles each round once per key layout."""

    def __init__(self, graph: ScenarioGraph, live: list[tuple[int, ...]]) -> None:
        self.graph, self.live = graph, live
        self._compiled: dict[int, _KeyRound] = {}

    def expand(self, n: int, key: Key, room: int) -> tuple[StagePosition, list[tuple[int, Key]]]:
        """The stage game at round node `n` with `key`, and (child node, child key) per joint move;
        `StageTooLarge`, before resolving any, when it has more than `room` joint moves."""
        compiled = self.graph.table.rounds[n]
        assert compiled is not None
        kr = self._compiled.get(n) or self._compile(n, compiled)
        acting, available = [], []
        for a, tests in enumerate(kr.tests):
            open_moves = tuple(m for m, test in enumerate(tests) if test is None or test(key))
            if open_moves:
                acting.append(a)
                available.append(open_moves)
        size = joint_moves(len(m) for m in available)
        if size > room:
            raise StageTooLarge(compiled.node_id, len(acting), size)
        width = len(compiled.actors)
        counted = compiled.counted
        rules_fired, kids = [], []
        projections: dict[int, tuple[int, ...]] = {}
        for choice in product(*available):
            joint: list[int | None] = [None] * width
            for a, m in zip(acting, choice, strict=True):
                joint[a] = m
            middle = _add(key, [e for a, m in zip(acting, choice, strict=True) for e in kr.effects[a][m]], kr.bounds)
            extended = middle
            if counted:
                extended = middle + tuple(
                    float(sum(1 for a, m in zip(acting, choice, strict=True) if m in per_actor[a])) for per_actor in counted
                )
            index = _first_rule(kr, joint, extended)
            if index < 0:  # pragma: no cover - a valid round ends with an unconditional rule
                raise ValueError(f"no rule of round '{compiled.node_id}' fires")
            _, _, effects, target = kr.rules[index]
            after = _add(middle, effects, kr.bounds) if effects else middle
            place = projections.get(target)
            if place is None:
                mine = self.live[n]
                place = projections[target] = tuple(mine.index(s) for s in self.live[target])
            rules_fired.append(index)
            kids.append((target, tuple([after[i] for i in place])))
        return StagePosition(tuple(acting), tuple(available), tuple(rules_fired)), kids

    def _compile(self, n: int, compiled: Round) -> _KeyRound:
        graph = self.graph
        mine = self.live[n]
        index = {graph.metric_ids[s]: i for i, s in enumerate(mine)}
        place = {s: i for i, s in enumerate(mine)}
        tests = tuple(
            tuple(None if m.requires is None else expressions.compile_predicate(graph.parsed_requires[m.key], index) for m in moves)
            for moves in compiled.moves
        )
        effects = tuple(
            tuple(tuple((place[s], x) for s, x in m.effects if s in place) for m in moves) for moves in compiled.moves
        )
        extended = dict(index)
        for k, move_id in enumerate(compiled.count_ids):
            extended[expressions.count_name(move_id)] = len(mine) + k
        rules = tuple(
            (rule.picks,
             None if rule.rule.condition is None else expressions.compile_predicate(
                 graph.parsed_conditions[(compiled.node_id, rule.index)], extended),
             tuple((place[s], x) for s, x in rule.effects if s in place), rule.target)
            for rule in compiled.rules
        )
        bounds = tuple(_bounds(graph, s) for s in mine)
        kr = self._compiled[n] = _KeyRound(tests, effects, rules, bounds)
        return kr


def _first_rule(kr: _KeyRound, joint: list[int | None], extended: Key) -> int:
    for index, (picks, test, _, _) in enumerate(kr.rules):
        if all(joint[a] is not None and joint[a] in allowed for a, allowed in picks) and (test is None or test(extended)):
            return index
    return -1


def joint_count(stage: StagePosition) -> int:
    return prod(stage.shape)


def _add(key: Key, effects: list[tuple[int, float]] | tuple[tuple[int, float], ...], bounds: tuple[tuple[float, float], ...]) -> Key:
    """Effects summed per key index, each clamped once."""
    if not effects:
        return key
    values = list(key)
    totals: dict[int, float] = {}
    for i, x in effects:
        totals[i] = totals.get(i, 0.0) + x
    for i, x in totals.items():
        low, high = bounds[i]
        v = values[i] + x
        values[i] = low if v < low else high if v > high else v
    return tuple(values)


def _bounds(graph: ScenarioGraph, slot: int) -> tuple[float, float]:
    m = graph.metrics[slot]
    return (-float("inf") if m.min is None else m.min, float("inf") if m.max is None else m.max)
