"""The game solved again with one parameter moved, touching only what the parameter can change.

A payoff or a chance probability at node n changes the equilibrium only at n's positions and those
above them (`Probe.down`: those groups of the backward pass, cut to the positions that reach n); a
probability changes a policy's move probabilities only at n's positions (`Probe.edges`). `Evaluator`
holds the base solve; `Evaluator.state(probe, x)` re-solves exactly that much, the same passes the
whole solve runs (`equilibrium.resolve`, `odds.push`), so the answers are the whole solve's answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explorer.analysis.equilibrium import Equilibrium, end_values, equilibrium, resolve
from explorer.analysis.layout import Group
from explorer.analysis.odds import outcome_totals, push
from explorer.analysis.policies import policy_weights, round_beliefs, set_round
from explorer.analysis.unfolding import DECISION, ROUND, Unfolding


@dataclass(frozen=True, slots=True)
class Answer:
    """What the sensitivity is measured against."""

    start: tuple[str, int | str] | None
    """(node id, choice) of the first equilibrium choice on the path: at a decision the option index;
    at a round each acting actor's move ("dprk: talks, usa: squeeze"; a mixed actor's support in braces)."""
    likely: str | None
    """The most likely outcome under the policy."""


@dataclass(eq=False, slots=True)
class State:
    """The game solved with the parameter at `x`."""

    x: float
    eq: Equilibrium
    table: np.ndarray
    mass: np.ndarray
    answer: Answer


def rescaled(probs: tuple[float, ...], index: int, value: float) -> tuple[float, ...]:
    """`probs` with option `index` set to `value` and the others scaled to fill the rest."""
    rest = 1.0 - probs[index]
    others = [p for i, p in enumerate(probs) if i != index]
    if rest <= 0:  # the others were all 0: share the rest evenly
        scale_others = [(1.0 - value) / len(others)] * len(others)
    else:
        scale_others = [p * (1.0 - value) / rest for p in others]
    it = iter(scale_others)
    return tuple(value if i == index else next(it) for i in range(len(probs)))


class Probe:
    """One parameter's reach into the game: its node's positions and edges, and what lies above."""

    def __init__(self, ev: Evaluator, kind: str, n: int, option: int | None, actor: int | None, moves_eq: bool) -> None:
        u = ev.u
        self.kind, self.n, self.option, self.actor = kind, n, option or 0, actor
        self.positions = np.array(sorted((u.at[n] or {}).values()), dtype=np.int64)
        first = u.first
        self.edges = np.concatenate([np.arange(first[p], first[p + 1]) for p in self.positions.tolist()] or [np.zeros(0, np.int64)])
        self.owner = u.arrays.src[self.edges]
        self.down: list[list[Group]] = []
        self.rounds = False
        if moves_eq and len(self.positions):
            above = np.zeros(len(u), dtype=bool)
            above[self.positions] = True
            for groups in u.arrays.down:
                kept = []
                for g in groups:
                    hit = above[g.pos] | above[g.kids].any(axis=1)
                    if hit.any():
                        above[g.pos[hit]] = True
                        kept.append(Group(g.kind, g.pos[hit], g.edges[hit], g.kids[hit], None if g.actor is None else g.actor[hit]))
                        self.rounds |= g.kind == ROUND
                self.down.append(kept)
        self.full = bool(len(self.positions)) and len(self.edges) == len(self.positions) * u.table.counts[n]
        """Every option open at every position of the node: its moved probabilities are linear in x."""


class Evaluator:
    """The base solve, and the game solved again with one parameter moved."""

    def __init__(self, u: Unfolding, policy: str) -> None:
        self.u, self.policy = u, policy
        self.base = equilibrium(u)
        self.table = policy_weights(u, policy, self.base)
        self.mass = push(u, self.table)
        self.order = {o: i for i, o in enumerate(u.graph.outcomes)}
        self.move_beliefs = round_beliefs(u)
        self.base_answer = Answer(start_choice(self.base), self.likely(self.mass))
        self.base_state = State(0.0, self.base, self.table, self.mass, self.base_answer)

    def likely(self, mass: np.ndarray) -> str | None:
        """The most likely outcome (the first in file order on ties), or None if none is reached."""
        totals = outcome_totals(self.u, mass)
        if not totals:
            return None
        order = self.order
        return max(totals, key=lambda o: (totals[o], -order[o]))

    def state(self, probe: Probe, x: float) -> State:
        """The game solved with the probe's parameter at `x`."""
        u, base, policy = self.u, self.base, self.policy
        eq, table = base, self.table
        if probe.kind == "payoff":
            payoffs = list(u.table.payoffs)
            vec = list(payoffs[probe.n] or (0.0,) * len(u.actors))
            vec[probe.actor or 0] = x
            payoffs[probe.n] = tuple(vec)
            values = base.values.array.copy()
            values[probe.positions] = end_values(u, payoffs, probe.positions)
            eq = resolve(base, probe.down, values, base.chance, base.odds)
            if policy == "equilibrium":
                table = self._follow(probe, eq, table.copy())
        elif probe.kind == "chance":
            chance = list(u.table.chance)
            chance[probe.n] = rescaled(chance[probe.n], probe.option, x)
            odds = base.odds.copy()
            odds[probe.edges] = self.renormalised(probe, chance[probe.n])
            eq = resolve(base, probe.down, base.values.array.copy(), chance, odds)
            table = table.copy()
            table[probe.edges] = odds[probe.edges]
            if policy == "equilibrium":
                table = self._follow(probe, eq, table)
        elif policy == "beliefs" and probe.actor is None:  # the analyst's probabilities at a decision
            table = table.copy()
            table[probe.edges] = self.renormalised(probe, rescaled(u.table.chance[probe.n], probe.option, x))
        elif policy == "beliefs":  # a round actor's move estimates
            moves = dict(self.move_beliefs)
            a = probe.actor
            moves[probe.n] = tuple(rescaled(row, probe.option, x) if i == a else row for i, row in enumerate(moves[probe.n]))
            table = table.copy()
            for p in probe.positions.tolist():
                set_round(u, policy, eq, p, moves, table)
        mass = self.mass if table is self.table else push(u, table)
        return State(x, eq, table, mass, Answer(start_choice(eq), self.likely(mass)))

    def renormalised(self, probe: Probe, probs: Sequence[float]) -> np.ndarray:
        """`probs` at the node's open options, rescaled to sum to 1 at each position (added in option
        order, as `weights.renormalised` adds them; uniform where they sum to 0)."""
        raw = np.asarray(probs, dtype=float)[self.u.opt[probe.edges]]
        sums = np.zeros(len(self.u))
        np.add.at(sums, probe.owner, raw)
        total = sums[probe.owner]
        width = (self.u.first[probe.owner + 1] - self.u.first[probe.owner]).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(total > 0, raw / total, 1.0 / width)

    def _follow(self, probe: Probe, eq: Equilibrium, table: np.ndarray) -> np.ndarray:
        """The equilibrium policy's table after a re-solve: the new choices and stage equilibria."""
        u = self.u
        for groups in probe.down:
            for g in groups:
                if g.kind == DECISION:
                    table[g.edges] = 0.0
                    table[u.first[g.pos] + eq.choice[g.pos]] = 1.0
                elif g.kind == ROUND:
                    for p in g.pos.tolist():
                        set_round(u, "equilibrium", eq, p, None, table)
        return table


def start_choice(eq: Equilibrium) -> tuple[str, int | str] | None:
    """The first equilibrium choice on the path: a decision's option, or a round's play in words."""
    u = eq.unfolding
    for pos in eq.path():
        if u.kind(pos) == DECISION and u.first[pos + 1] > u.first[pos]:
            return u.node_id(pos), eq.option(pos) or 0
        solution = eq.stages.get(pos)
        stage = u.stages.get(pos)
        if solution is not None and stage is not None and any(len(m) > 1 for m in stage.moves):
            return u.node_id(pos), _play_words(u, pos, solution.profile)
    return None


def _play_words(u: Unfolding, pos: int, profile: tuple[tuple[float, ...], ...]) -> str:
    """A round's stage equilibrium as 'actor: move, …' (a mixed actor's support in braces)."""
    stage, compiled = u.stages[pos], u.table.rounds[u.pos_node[pos]]
    assert compiled is not None
    parts = []
    for a, moves, probs in zip(stage.actors, stage.moves, profile, strict=True):
        ids = [compiled.moves[a][m].option.id for m, w in zip(moves, probs, strict=True) if w > 0]
        parts.append(f"{compiled.actors[a]}: " + (ids[0] if len(ids) == 1 else "{" + ", ".join(ids) + "}"))
    return ", ".join(parts)

