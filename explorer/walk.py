"""A walk through a scenario: the current node, the metric state, history and undo.

This is the explore-mode domain object the TUI renders; it holds every rule of moving
(availability, lock reasons, effects, dice at chance nodes) so that views hold none.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer.actions import Action, State
from explorer.format.models import NodeKind, Option, RoundMove
from explorer.graph import ScenarioGraph
from explorer.resolution import add_effects


class WalkError(Exception):
    """A move that cannot be made; the message says why, in words."""


@dataclass(frozen=True, slots=True)
class Roll:
    """A dice roll at a chance node: a uniform draw in [0, 1) against cumulative odds."""

    seed: int
    number: int
    """How many rolls this walk had made before this one (the draw's index)."""
    value: float
    index: int
    """The option it picked (0-based)."""
    bands: tuple[tuple[int, float, float], ...]
    """(option index, low, high) for each available option: the roll picks the band it falls in."""


@dataclass(frozen=True, slots=True)
class RoundPlay:
    """How a round was played: each actor's move and the rule that fired."""

    actors: tuple[str, ...]
    moves: tuple[int | None, ...]
    """Each actor's move index (None: it had no available move and sat the round out)."""
    rule: int
    middle: State
    """The state after the moves' effects, before the rule's."""

    def move_of(self, actor: str) -> int | None:
        return self.moves[self.actors.index(actor)] if actor in self.actors else None


@dataclass(frozen=True, slots=True)
class Step:
    """One move made: from where, which option (at a round: which rule fired, and `play`), the state
    before and after."""

    node_id: str
    index: int
    """The option taken (0-based); -1 for a jump."""
    to: str
    label: str
    actor: str | None
    before: State
    after: State
    roll: Roll | None = None
    jump: bool = False
    play: RoundPlay | None = None

    @property
    def route_key(self) -> int | tuple[int | None, ...]:
        """What a `Route` holds for this step: the option index, or at a round each actor's move."""
        return self.index if self.play is None else self.play.moves


@dataclass(frozen=True, slots=True)
class OptionView:
    """An option (or, at a round, one actor's move) as a person sees it at the current position."""

    index: int
    action: Action
    available: bool
    lock_reason: str | None
    effects: tuple[tuple[str, float], ...]
    """(metric id, amount) in the order written."""

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def option(self) -> Option | RoundMove:
        """The option's (or the move's) model."""
        return self.action.option


@dataclass(frozen=True, slots=True)
class ActorMoves:
    """One actor's moves in the current round, and the move used if none is picked for it."""

    actor: str
    moves: tuple[OptionView, ...]
    default: int | None
    """The actor's `default` move when available, else its first available move; None: it sits out."""

    @property
    def sits_out(self) -> bool:
        return self.default is None


Route = tuple[int | tuple[int | None, ...], ...]
"""Moves from the start: an option index, or at a round each actor's move index."""


@dataclass
class Walk:
    """Where a person is in a scenario and how they got there."""

    graph: ScenarioGraph
    seed: int | None = None
    node_id: str = ""
    state: State = ()
    history: list[Step] = field(default_factory=list)
    rolls_made: int = 0
    _routes: dict[str, tuple[int, ...] | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.seed is None:
            self.seed = random.SystemRandom().randrange(1_000_000)
        if not self.node_id:
            self.restart()

    # --- where we are -------------------------------------------------------------------
    @property
    def node(self) -> Any:
        return self.graph.node(self.node_id)

    @property
    def kind(self) -> NodeKind:
        return self.node.KIND

    @property
    def is_over(self) -> bool:
        return self.kind == NodeKind.OUTCOME

    @property
    def metrics(self) -> dict[str, float]:
        return self.graph.state_dict(self.state)

    def last_change(self) -> dict[str, float]:
        """Metric id → change made by the last step (only metrics that changed)."""
        if not self.history:
            return {}
        step = self.history[-1]
        ids = self.graph.metric_ids
        return {ids[i]: a - b for i, (b, a) in enumerate(zip(step.before, step.after, strict=True)) if a != b}

    def options(self) -> list[OptionView]:
        """Every option of the current node in file order, locked ones with the reason."""
        views = []
        for move in self.graph.actions(self.node_id):
            reason = self.graph.lock_reason(move, self.state)
            views.append(OptionView(move.index, move, reason is None, reason, tuple(move.option.effects.items())))
        return views

    def round_moves(self) -> tuple[ActorMoves, ...]:
        """At a round: every actor's moves in file order, locked ones with the reason."""
        compiled = self.graph.round(self.node_id)
        if compiled is None:
            return ()
        available = compiled.available(self.state)
        out = []
        for a, actor in enumerate(compiled.actors):
            views = []
            for action in compiled.moves[a]:
                reason = self.graph.lock_reason(action, self.state)
                views.append(OptionView(action.index, action, reason is None, reason, tuple(action.option.effects.items())))
            out.append(ActorMoves(actor, tuple(views), compiled.default_move(a, available[a])))
        return tuple(out)

    def odds(self) -> dict[int, float]:
        """At a chance node: each available option's probability, renormalised over those available."""
        available = [v for v in self.options() if v.available]
        total = sum(v.option.probability or 0.0 for v in available)
        if total <= 0:
            return {v.index: 1.0 / len(available) for v in available} if available else {}
        return {v.index: (v.option.probability or 0.0) / total for v in available}

    # --- moving -------------------------------------------------------------------------
    def take(self, index: int) -> Step:
        """Take option `index` (0-based); raise `WalkError` if it is locked or absent."""
        if self.is_over:
            raise WalkError("the walk has ended: go back or restart")
        moves = self.graph.actions(self.node_id)
        if not 0 <= index < len(moves):
            raise WalkError(f"there is no option {index + 1} here (options 1–{len(moves)})")
        move = moves[index]
        reason = self.graph.lock_reason(move, self.state)
        if reason is not None:
            raise WalkError(f"option {index + 1} is locked: {reason}")
        return self._advance(move, None)

    def roll(self, odds: Mapping[int, float] | None = None) -> Step:
        """At a chance node, let the seeded dice pick an option by its probability (or by `odds`:
        option index → probability, over available options, e.g. a class's forecast)."""
        if self.kind != NodeKind.CHANCE:
            raise WalkError("dice are rolled only at chance nodes")
        if odds is not None:
            available = {v.index for v in self.options() if v.available}
            if not odds or not set(odds) <= available or abs(sum(odds.values()) - 1) > 1e-9:
                raise WalkError("the odds to roll with must cover available options and sum to 1")
        odds = self.odds() if odds is None else dict(odds)
        if not odds:
            raise WalkError("every option here is locked")
        draw = random.Random(f"{self.seed}:{self.rolls_made}").random()
        bands = []
        low = 0.0
        for index, p in odds.items():
            bands.append((index, low, low + p))
            low += p
        chosen = next((i for i, lo, hi in bands if lo <= draw < hi), bands[-1][0])
        roll = Roll(int(self.seed or 0), self.rolls_made, draw, chosen, tuple(bands))
        self.rolls_made += 1
        return self._advance(self.graph.actions(self.node_id)[chosen], roll)

    def resolve(self, picks: Mapping[str, int] | None = None) -> Step:
        """At a round, play it: each actor's move from `picks` (actor id → move index, 0-based), the
        default move for an actor not in `picks`; raise `WalkError` for a locked or unknown move."""
        compiled = self.graph.round(self.node_id)
        if compiled is None:
            raise WalkError("moves are resolved together only at a round")
        picks = dict(picks or {})
        unknown = [a for a in picks if a not in compiled.actors]
        if unknown:
            raise WalkError(f"{unknown[0]} does not move in this round")
        available = compiled.available(self.state)
        joint: list[int | None] = []
        for a, actor in enumerate(compiled.actors):
            if actor not in picks:
                joint.append(compiled.default_move(a, available[a]))
                continue
            index = picks[actor]
            moves = compiled.moves[a]
            if not 0 <= index < len(moves):
                raise WalkError(f"{actor} has no move {index + 1} here (moves 1–{len(moves)})")
            if index not in available[a]:
                raise WalkError(f"{actor}'s move {index + 1} is locked: {self.graph.lock_reason(moves[index], self.state)}")
            joint.append(index)
        rule, middle, after = compiled.resolve(self.graph.metrics, self.state, tuple(joint))
        if rule is None:
            raise WalkError("no rule of this round fires")
        play = RoundPlay(compiled.actors, tuple(joint), rule.index, middle)
        label = rule.rule.label or self.graph.node(rule.to).title
        step = Step(self.node_id, rule.index, rule.to, label, None, self.state, after, play=play)
        self.history.append(step)
        self.node_id, self.state = rule.to, after
        return step

    def _advance(self, move: Action, roll: Roll | None) -> Step:
        after = self.graph.apply(self.state, move)
        step = Step(
            self.node_id, move.index, move.option.to, move.option.label,
            getattr(self.node, "actor", None), self.state, after, roll,
        )
        self.history.append(step)
        self.node_id, self.state = move.option.to, after
        return step

    def jump(self, node_id: str, *, effects: Mapping[str, float] | None = None, label: str | None = None) -> Step:
        """Go straight to any node (the same one, to change only the metrics), keeping the metrics
        or adding `effects` (metric id → amount, added together and clamped once); recorded and
        undoable. A game's injects and rulings are such steps, off the tree."""
        if node_id not in self.graph:
            raise WalkError(f"there is no node '{node_id}'")
        after = self.state
        if effects:
            unknown = [m for m in effects if m not in self.graph.metric_slot]
            if unknown:
                raise WalkError(f"there is no metric '{unknown[0]}'")
            slot = self.graph.metric_slot
            after = add_effects(self.graph.metrics, self.state, [(slot[m], float(v)) for m, v in effects.items()])
        step = Step(self.node_id, -1, node_id, label or f"jump to {node_id}", None, self.state, after, jump=True)
        self.history.append(step)
        self.node_id, self.state = node_id, after
        return step

    def back(self) -> Step | None:
        """Undo the last step, restoring the node and the metrics; None at the start."""
        if not self.history:
            return None
        step = self.history.pop()
        self.node_id, self.state = step.node_id, step.before
        return step

    def back_to(self, steps: int) -> None:
        """Rewind so that only the first `steps` steps remain (a breadcrumb click)."""
        while len(self.history) > max(steps, 0):
            self.back()

    def restart(self) -> None:
        self.history.clear()
        self.node_id = self.graph.start
        self.state = self.graph.initial_state

    @property
    def path(self) -> list[str]:
        """Node ids from start to here."""
        return [s.node_id for s in self.history] + [self.node_id]

    def payoffs(self) -> dict[str, float]:
        """At an outcome: every actor's payoff in declared order (0 where the outcome states none; in
        format 2 with each actor's `score` added)."""
        values = self.graph.payoffs_at(self.node_id, self.state)
        return dict(zip(self.graph.scenario.actors, values, strict=True))

    def follow(self, indices: Route | Sequence[int]) -> None:
        """Go where taking options `indices` from the start leads (a click on the map); at a round the
        route holds each actor's move (see `Route`).

        Steps already matching are kept, the rest undone, the remainder taken in order.
        All or nothing: if a move on the way is locked, the walk is left as it was and
        `WalkError` says which move and why.
        """
        keep = 0
        for step, index in zip(self.history, indices, strict=False):
            if step.jump or step.route_key != index:
                break
            keep += 1
        saved = (self.node_id, self.state, list(self.history), self.rolls_made)
        self.back_to(keep)
        try:
            for index in indices[keep:]:
                title = self.node.title
                try:
                    if isinstance(index, tuple):
                        compiled = self.graph.round(self.node_id)
                        actors = compiled.actors if compiled is not None else ()
                        self.resolve({a: m for a, m in zip(actors, index, strict=False) if m is not None})
                    else:
                        self.take(index)
                except WalkError as exc:
                    raise WalkError(f"cannot go there: at “{title}”, {exc}") from None
        except WalkError:
            self.node_id, self.state, self.history, self.rolls_made = saved
            raise

    def route(self) -> Route | None:
        """Option indices that lead from the start to here, as a map of the moves draws them.

        The steps taken, except that a jump is replaced by a shortest route from the start to
        its target. None when the current node cannot be reached from the start by moves.
        """
        last_jump = max((i for i, s in enumerate(self.history) if s.jump), default=-1)
        head: tuple[int, ...] | None = ()
        if last_jump >= 0:
            target = self.history[last_jump].to
            if target not in self._routes:
                self._routes[target] = route_to(self.graph, target)
            head = self._routes[target]
            if head is None:
                return None
        return head + tuple(s.route_key for s in self.history[last_jump + 1 :])


def route_to(graph: ScenarioGraph, target: str) -> tuple[int, ...] | None:
    """A shortest sequence of option indices from the start to `target` (breadth first), or None."""
    came_from: dict[str, tuple[str, int] | None] = {graph.start: None}
    queue = deque([graph.start])
    while queue and target not in came_from:
        node_id = queue.popleft()
        for move in graph.actions(node_id):
            if move.option.to not in came_from:
                came_from[move.option.to] = (node_id, move.index)
                queue.append(move.option.to)
    if target not in came_from:
        return None
    indices: list[int] = []
    link = came_from[target]
    while link is not None:
        indices.append(link[1])
        link = came_from[link[0]]
    return tuple(reversed(indices))
