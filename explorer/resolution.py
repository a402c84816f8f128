"""How a round resolves: its actors' moves and its rules, compiled, and the contract's order.

Each actor's move is fixed; the effects of all chosen moves are added together and clamped once
(so the order of actors does not matter); the first rule that fires is found (its `picks` hold and
its `if` holds over the metrics after the moves' effects and the `count(…)` of this round's
choices); its effects are added and clamped; the walk goes to its `to`. A move's `requires` reads
the state as the round begins; an actor with no available move sits the round out (its `picks`
are false).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from explorer.actions import Action, State
from explorer.format.models import Metric, Rule

Joint = tuple[int | None, ...]
"""One move index per round actor, in the order of the round's `moves` (None: sits out)."""


@dataclass(frozen=True, slots=True)
class RuleAction:
    """One rule of a round, compiled."""

    index: int
    rule: Rule
    picks: tuple[tuple[int, frozenset[int]], ...]
    """(round actor position, the move indices it must have chosen) for each actor the rule names."""
    test: Callable[[tuple[float, ...]], bool] | None
    """The `if` over the metric state followed by the round's counts (`Round.count_ids` order)."""
    effects: tuple[tuple[int, float], ...]
    target: int
    """Node number of `to` (-1 when unknown: only in a scenario with errors)."""

    @property
    def to(self) -> str:
        return self.rule.to

    def fires(self, joint: Joint, extended: tuple[float, ...]) -> bool:
        for actor, allowed in self.picks:
            move = joint[actor]
            if move is None or move not in allowed:
                return False
        return self.test is None or self.test(extended)


@dataclass(frozen=True, slots=True)
class Round:
    """A round node, compiled: who moves, with which moves, and the rules in order."""

    node_id: str
    actors: tuple[str, ...]
    """Actor ids in the order of `moves` (the first is the most significant in joint-move order)."""
    actor_index: tuple[int, ...]
    """Each round actor's index among the scenario's actors (-1 when unknown)."""
    moves: tuple[tuple[Action, ...], ...]
    defaults: tuple[int, ...]
    """Each actor's `default` move index (-1: none given, the first available one is used)."""
    rules: tuple[RuleAction, ...]
    count_ids: tuple[str, ...]
    """The move ids that rules count with `count(…)`, in order of first use."""
    counted: tuple[tuple[frozenset[int], ...], ...]
    """Per count id, per actor: the indices of that actor's moves with that id."""
    reads: int
    """Bit mask of the metric slots read by the moves' `requires` and the rules' `if`."""

    def available(self, state: State) -> tuple[tuple[int, ...], ...]:
        """Per actor, the indices of the moves whose `requires` holds in `state` (before the round)."""
        return tuple(tuple(m.index for m in moves if m.requires is None or m.requires(state)) for moves in self.moves)

    def default_move(self, actor: int, available: Sequence[int]) -> int | None:
        """The move used for an actor nobody entered a move for: its `default` when available, else its
        first available move; None when it has none (it sits the round out)."""
        if not available:
            return None
        chosen = self.defaults[actor]
        return chosen if chosen in available else available[0]

    def counts(self, joint: Joint) -> tuple[float, ...]:
        return tuple(
            float(sum(1 for a, m in enumerate(joint) if m is not None and m in per_actor[a])) for per_actor in self.counted
        )

    def resolve(self, metrics: Sequence[Metric], state: State, joint: Joint) -> tuple[RuleAction | None, State, State]:
        """(the rule that fired, the state after the moves, the state after the rule); no rule (None,
        and the state unchanged by any rule) only in a scenario whose last rule has a condition."""
        middle = add_effects(metrics, state, [e for a, m in enumerate(joint) if m is not None for e in self.moves[a][m].effects])
        extended = middle + self.counts(joint) if self.count_ids else middle
        for rule in self.rules:
            if rule.fires(joint, extended):
                return rule, middle, add_effects(metrics, middle, rule.effects)
        return None, middle, middle


def add_effects(metrics: Sequence[Metric], state: State, effects: Sequence[tuple[int, float]]) -> State:
    """Effects added together per metric, then each metric clamped once (the state itself when there are none)."""
    if not effects:
        return state
    totals: dict[int, float] = {}
    for slot, amount in effects:
        totals[slot] = totals.get(slot, 0.0) + amount
    values = list(state)
    for slot, amount in totals.items():
        values[slot] = metrics[slot].clamp(values[slot] + amount)
    return tuple(values)


JOINT_MOVES_COUNTED = 10**15
"""Joint moves counted exactly; past it a count says only "more than 10^15" (60 actors with two moves
have about 10^18: a product of thousands of actors' moves would be a number thousands of digits long)."""


def joint_moves(sizes: Iterable[int]) -> int:
    """The product of `sizes` (moves or classes per actor), or `JOINT_MOVES_COUNTED + 1` once past it."""
    total = 1
    for size in sizes:
        total *= size
        if total > JOINT_MOVES_COUNTED:
            return JOINT_MOVES_COUNTED + 1
    return total


def joint_moves_text(count: int) -> str:
    """A count of `joint_moves` in words: "1,048,576 joint moves", "more than 10^15 joint moves"."""
    return "more than 10^15 joint moves" if count > JOINT_MOVES_COUNTED else f"{count:,} joint moves"
