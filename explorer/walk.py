"""A walk through a scenario: the current node, the metric state, history and undo.

This is the explore-mode domain object the TUI renders; it holds every rule of moving
(availability, lock reasons, effects, dice at chance nodes) so that views hold none.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer.actions import Action, State
from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.resolution import add_effects
from explorer.walk_steps import (
    ActorMoves,
    Dice,
    OptionView,
    Roll,
    RoundPlay,
    Route,
    Step,
    draw,
)

__all__ = [
    "ActorMoves", "Dice", "OptionView", "Roll", "RoundPlay", "Route", "Step", "Walk", "WalkError",
    "branches", "route_to",
]  # fmt: skip

MAX_RULE_SEARCH = 100_000
"""Joint moves tried when looking for moves that fire a given rule (a map click on a round's rule)."""


class WalkError(Exception):
    """A move that cannot be made; the message says why, in words."""


@dataclass
class Walk:
    """Where a person is in a scenario and how they got there."""

    graph: ScenarioGraph
    seed: int | None = None
    node_id: str = ""
    state: State = ()
    history: list[Step] = field(default_factory=list)
    rolls_made: int = 0
    """Rolls made so far (with `Dice.SEQUENCE`, the next draw's number)."""
    dice: Dice = Dice.SEQUENCE
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
        return self._roll(0, odds)

    def reroll(self) -> Step:
        """Roll the last roll again, deliberately: the roll is undone and drawn anew (its next `attempt`),
        recorded as such. `WalkError` unless the last step was a roll."""
        last = self.history[-1] if self.history else None
        if last is None or last.roll is None:
            raise WalkError("a re-roll redoes the last dice roll, and the last move was not a roll")
        self.back()
        return self._roll(last.roll.attempt + 1)

    def repeat_roll(self, recorded: Roll) -> Step:
        """Roll here as `recorded` was rolled (its seed, draw number and attempt: the same draw), on the
        odds as they are now: a walk replayed on an edited scenario (`explorer.reload`)."""
        return self._roll(recorded.attempt, recorded=recorded)

    def next_draw(self) -> int:
        """The number of the next dice draw (see `Dice`)."""
        if self.dice is Dice.SEQUENCE:
            return self.rolls_made
        return sum(1 for step in self.history if step.roll is not None)

    def _roll(self, attempt: int, odds: Mapping[int, float] | None = None, recorded: Roll | None = None) -> Step:
        if self.kind != NodeKind.CHANCE:
            raise WalkError("dice are rolled only at chance nodes")
        if odds is not None:
            available = {v.index for v in self.options() if v.available}
            if not odds or not set(odds) <= available or abs(sum(odds.values()) - 1) > 1e-9:
                raise WalkError("the odds to roll with must cover available options and sum to 1")
        odds = self.odds() if odds is None else dict(odds)
        if not odds:
            raise WalkError("every option here is locked")
        bands = []
        low = 0.0
        for index, p in odds.items():
            bands.append((index, low, low + p))
            low += p
        seed, number = (recorded.seed, recorded.number) if recorded else (int(self.seed or 0), self.next_draw())
        roll = Roll(seed, number, 0.0, 0, tuple(bands), attempt)
        value = draw(roll.key)
        chosen = next((i for i, lo, hi in bands if lo <= value < hi), bands[-1][0])
        roll = Roll(roll.seed, roll.number, value, chosen, roll.bands, attempt)
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
        self._replay(indices, lambda step, index: step.route_key == index, self._take_route_step)

    def _take_route_step(self, index: int | tuple[int | None, ...]) -> None:
        if isinstance(index, tuple):
            compiled = self.graph.round(self.node_id)
            actors = compiled.actors if compiled is not None else ()
            self.resolve({a: m for a, m in zip(actors, index, strict=False) if m is not None})
        else:
            self.take(index)

    def _replay(self, moves: Sequence[Any], matches: Callable[[Step, Any], bool], step: Callable[[Any], None]) -> None:
        """Keep the steps that already `matches` `moves`, undo the rest and play the remainder with `step`;
        all or nothing: on a refusal the walk is left as it was and `WalkError` says where and why."""
        keep = 0
        for done, move in zip(self.history, moves, strict=False):
            if done.jump or not matches(done, move):
                break
            keep += 1
        saved = (self.node_id, self.state, list(self.history), self.rolls_made)
        self.back_to(keep)
        try:
            for move in moves[keep:]:
                title = self.node.title
                try:
                    step(move)
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

    # --- the walk as a map draws it: one branch (option, or a round's rule) per step ----------------
    def lines(self) -> tuple[tuple[int, ...], int] | None:
        """(branch indices from the start to here, how many of the first ones only lead to a jump's
        target): the steps taken as a map of branches draws them (an option's index, a round's rule),
        a jump replaced by a shortest way to its target, which was not walked. None when no way from
        the start reaches the current node."""
        last_jump = max((i for i, s in enumerate(self.history) if s.jump), default=-1)
        head: tuple[int, ...] | None = ()
        if last_jump >= 0:
            target = self.history[last_jump].to
            if target not in self._routes:
                self._routes[target] = route_to(self.graph, target)
            head = self._routes[target]
            if head is None:
                return None
        return head + tuple(s.index for s in self.history[last_jump + 1 :]), len(head)

    def follow_lines(self, lines: Sequence[int]) -> None:
        """Go where the branches `lines` lead from the start (a click on a map line): an option is
        taken, a round is resolved with moves that fire that rule in the state it is reached in.
        Steps already matching are kept; all or nothing, as `follow`."""
        self._replay(lines, lambda step, index: step.index == index, self._take_line)

    def _take_line(self, index: int) -> None:
        if self.kind == NodeKind.ROUND:
            picks = self.rule_picks(index)
            if picks is None:
                raise WalkError(f"no combination of moves makes rule {index + 1} fire now")
            self.resolve(picks)
        else:
            self.take(index)

    def rule_picks(self, rule: int) -> dict[str, int] | None:
        """At a round: moves (actor → move index) that make rule `rule` the one that fires now, the
        first in move order; None when no combination does (or none is found among the first
        `MAX_RULE_SEARCH`)."""
        compiled = self.graph.round(self.node_id)
        if compiled is None:
            return None
        available = compiled.available(self.state)
        choices = [list(moves) if moves else [None] for moves in available]
        for joint in itertools.islice(itertools.product(*choices), MAX_RULE_SEARCH):
            fired, _, _ = compiled.resolve(self.graph.metrics, self.state, joint)
            if fired is not None and fired.index == rule:
                return {a: m for a, m in zip(compiled.actors, joint, strict=True) if m is not None}
        return None


def branches(graph: ScenarioGraph, node_id: str) -> list[tuple[int, str]]:
    """(index, target) of each branch out of a node as a map draws them: its options, or at a round
    its rules (several may lead to the same node)."""
    compiled = graph.round(node_id)
    if compiled is not None:
        return [(rule.index, rule.to) for rule in compiled.rules]
    return [(move.index, move.option.to) for move in graph.actions(node_id)]


def route_to(graph: ScenarioGraph, target: str) -> tuple[int, ...] | None:
    """A shortest sequence of branch indices (options; rules at a round) from the start to `target`
    (breadth first), or None."""
    came_from: dict[str, tuple[str, int] | None] = {graph.start: None}
    queue = deque([graph.start])
    while queue and target not in came_from:
        node_id = queue.popleft()
        for index, to in branches(graph, node_id):
            if to not in came_from:
                came_from[to] = (node_id, index)
                queue.append(to)
    if target not in came_from:
        return None
    indices: list[int] = []
    link = came_from[target]
    while link is not None:
        indices.append(link[1])
        link = came_from[link[0]]
    return tuple(reversed(indices))
