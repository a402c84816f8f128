"""How far each probability and payoff must move to change the answer: a tornado table.

The answer is two things: the equilibrium choice at the start (or at the first decision on the
equilibrium path when the start is a chance node) and the most likely outcome under a policy.
Each parameter is moved alone, down and then up: a probability over [0, 1] — its node's other
options are rescaled proportionally so the node still sums to 1 — and a payoff over ± twice the
spread of all payoffs (at least 1). The range is scanned in `steps` even steps and the first change is
then narrowed by bisection, so a change and change back between two scan points can be missed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from explorer.analysis.equilibrium import Equilibrium, equilibrium
from explorer.analysis.odds import flow, weight_table
from explorer.analysis.policies import policy_weights, round_beliefs
from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, Unfolding
from explorer.gc_pause import paused_gc

STEPS = 10
BISECTIONS = 10
MAX_PAYOFF_RANGE = 1e300
"""Payoffs move at most this far each way: with payoffs near ±1e308, twice their spread is not a
finite number, and every move, width and share of the range must stay one."""
_LARGEST = sys.float_info.max


@dataclass(frozen=True, slots=True)
class Parameter:
    """One number of the scenario that the analysis depends on."""

    kind: str
    """"chance" (a chance node's probability), "belief" (the analyst's probability at a decision) or "payoff"."""
    node_id: str
    option: int | None
    """The option index, for probabilities."""
    actor: str | None
    """The actor, for payoffs."""
    value: float
    low: float
    high: float

    @property
    def label(self) -> str:
        if self.kind == "payoff":
            return f"payoff {self.actor} at {self.node_id}"
        if self.actor is not None:
            return f"{self.kind} p({self.node_id}: {self.actor} → move {(self.option or 0) + 1})"
        return f"{self.kind} p({self.node_id} → option {(self.option or 0) + 1})"


@dataclass(frozen=True, slots=True)
class Answer:
    """What the sensitivity is measured against."""

    start: tuple[str, int | str] | None
    """(node id, choice) of the first equilibrium choice on the path: at a decision the option index;
    at a round each acting actor's move ("dprk: talks, usa: squeeze"; a mixed actor's support in braces)."""
    likely: str | None
    """The most likely outcome under the policy."""


@dataclass(frozen=True, slots=True)
class Swing:
    """Where a parameter changes the answer, going down and going up (None: not within range)."""

    parameter: Parameter
    down: float | None
    down_answer: Answer | None
    up: float | None
    up_answer: Answer | None

    @property
    def nearest(self) -> float:
        """The smallest move that changes the answer, as a share of the parameter's range."""
        width = self.parameter.high - self.parameter.low or 1.0
        moves = [abs(x - self.parameter.value) / width for x in (self.down, self.up) if x is not None]
        return min(moves, default=float("inf"))


@dataclass(eq=False)
class Sensitivity:
    baseline: Answer
    policy: str
    payoff_range: float
    swings: list[Swing] = field(default_factory=list)
    """Sorted: the parameters that need the smallest move first; those that never change the answer last."""
    skipped: int = 0
    """Parameters not moved because of `max_parameters` (those of the nodes farthest from the start)."""


def parameters(u: Unfolding) -> list[Parameter]:
    """Every probability (on nodes with two or more options) and every deciding actor's payoff at
    every outcome that can be reached (missing payoffs count as 0)."""
    out: list[Parameter] = []
    deciding = {u.table.actor_of[n] for n in u.topo if u.table.kinds[n] == DECISION}
    deciding.update(a for n in u.topo if u.table.rounds[n] is not None for a in u.table.rounds[n].actor_index)
    spread = payoff_range(u)
    for n in u.topo:
        if u.at[n] is None:
            continue  # never reached in any state (behind a `requires` that never holds): it cannot matter
        node_id, kind = u.table.ids[n], u.table.kinds[n]
        compiled = u.table.rounds[n]
        if compiled is not None:
            for actor, moves in zip(compiled.actors, compiled.moves, strict=True):
                if len(moves) >= 2 and moves[0].option.probability is not None:
                    out += [Parameter("belief", node_id, m.index, actor, m.option.probability or 0.0, 0.0, 1.0) for m in moves]
            continue
        if kind == OUTCOME:
            vec = u.table.payoffs[n] or ()
            for a in sorted(deciding):
                low, high = max(vec[a] - spread, -_LARGEST), min(vec[a] + spread, _LARGEST)
                out.append(Parameter("payoff", node_id, None, u.actors[a], vec[a], low, high))
        elif u.table.counts[n] >= 2 and (kind == CHANCE or u.table.beliefs[n]):
            for i, p in enumerate(u.table.chance[n]):
                out.append(Parameter("chance" if kind == CHANCE else "belief", node_id, i, None, p, 0.0, 1.0))
    return out


def payoff_range(u: Unfolding) -> float:
    """How far payoffs are moved each way: twice the spread of all payoffs (at least 1, at most `MAX_PAYOFF_RANGE`)."""
    values = [x for n in u.topo if u.table.payoffs[n] for x in u.table.payoffs[n] or ()]
    spread = max(values, default=0.0) / 2 - min(values, default=0.0) / 2  # halves: no overflow
    return min(max(1.0, 4 * spread), MAX_PAYOFF_RANGE)


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


class _Evaluator:
    """Re-solves with one parameter moved; the positions are unfolded once, and the policy's move
    probabilities are computed once and patched only at the node whose probabilities move."""

    def __init__(self, u: Unfolding, policy: str) -> None:
        self.u, self.policy = u, policy
        self.base_eq = equilibrium(u)
        self.table = weight_table(u, policy_weights(u, policy, self.base_eq))
        self.base_likely = self._likely(self.base_eq, self.table)
        self.move_beliefs = round_beliefs(u)

    def answer(self, param: Parameter | None = None, value: float = 0.0) -> Answer:
        if param is None:
            return Answer(_start_choice(self.base_eq), self.base_likely)
        u = self.u
        n = u.table.number[param.node_id]
        if param.kind == "payoff":
            payoffs = list(u.table.payoffs)
            vec = list(payoffs[n] or (0.0,) * len(u.actors))
            vec[u.actors.index(param.actor or "")] = value
            payoffs[n] = tuple(vec)
            eq = equilibrium(u, payoffs)
            if self.policy != "equilibrium":
                return Answer(_start_choice(eq), self.base_likely)  # payoffs move only the equilibrium
            return Answer(_start_choice(eq), self._likely(eq, None))
        if param.kind == "belief" and self.policy != "beliefs":
            return Answer(_start_choice(self.base_eq), self.base_likely)  # the analyst's numbers are not used
        compiled = u.table.rounds[n]
        if compiled is not None:  # a round actor's move estimates: only the beliefs policy reads them
            moves = dict(self.move_beliefs)
            a = compiled.actors.index(param.actor or "")
            moves[n] = tuple(rescaled(row, param.option or 0, value) if i == a else row for i, row in enumerate(moves[n]))
            table = self.table[:]
            weights = policy_weights(u, self.policy, self.base_eq, move_beliefs=moves)
            for p in u.at[n].values():
                table[p] = weights(n, p, u.pos_kids[p])
            return Answer(_start_choice(self.base_eq), self._likely(self.base_eq, table))
        probs = list(u.table.chance)
        probs[n] = rescaled(probs[n], param.option or 0, value)
        eq = self.base_eq if param.kind == "belief" else equilibrium(u, chance=probs)
        if self.policy == "equilibrium":
            return Answer(_start_choice(eq), self._likely(eq, None, probs))
        table = self.table[:]
        weights = policy_weights(u, self.policy, eq, chance=probs, beliefs=probs)
        for p in (u.at[n] or {}).values():
            if u.pos_kids[p]:
                table[p] = weights(n, p, u.pos_kids[p])
        return Answer(_start_choice(eq), self._likely(eq, table))

    def _likely(self, eq: Equilibrium, table: list | None, probs: Sequence[tuple[float, ...]] | None = None) -> str | None:
        if table is None:
            table = weight_table(self.u, policy_weights(self.u, "equilibrium", eq, chance=probs))
        f = flow(self.u, table)
        if not f.outcomes:
            return None
        order = {o: i for i, o in enumerate(self.u.graph.outcomes)}
        return max(f.outcomes, key=lambda o: (f.outcomes[o], -order[o]))


def _start_choice(eq: Equilibrium) -> tuple[str, int | str] | None:
    u = eq.unfolding
    for pos in eq.path():
        if u.kind(pos) == DECISION and u.pos_kids[pos]:
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


def sensitivity(
    u: Unfolding,
    policy: str = "beliefs",
    steps: int = STEPS,
    progress: Callable[[int, int], None] | None = None,
    max_parameters: int | None = None,
) -> Sensitivity:
    """Move every parameter down and up until the answer changes; sort by how little it took.

    Each parameter costs up to 2·(steps + BISECTIONS) re-solves; `max_parameters` keeps only the
    first ones in topological order (nearest the start) for large scenarios."""
    with paused_gc():
        return _sensitivity(u, policy, steps, progress, max_parameters)


def _sensitivity(
    u: Unfolding, policy: str, steps: int, progress: Callable[[int, int], None] | None, max_parameters: int | None
) -> Sensitivity:
    ev = _Evaluator(u, policy)
    base = ev.answer()
    params = parameters(u)
    skipped = 0
    if max_parameters is not None and len(params) > max_parameters:
        skipped = len(params) - max_parameters
        params = params[:max_parameters]
    swings = []
    for done, param in enumerate(params):
        down = _search(ev, param, base, param.low, steps)
        up = _search(ev, param, base, param.high, steps)
        swings.append(Swing(param, down[0], down[1], up[0], up[1]))
        if progress is not None:
            progress(done + 1, len(params))
    swings.sort(key=lambda s: (s.nearest, s.parameter.label))
    return Sensitivity(base, policy, payoff_range(u), swings, skipped)


def _search(ev: _Evaluator, param: Parameter, base: Answer, bound: float, steps: int) -> tuple[float | None, Answer | None]:
    """The value nearest the current one, toward `bound`, where the answer first differs."""
    x0 = param.value
    if bound == x0:
        return None, None
    previous = x0
    for k in range(1, steps + 1):
        x = x0 * (1 - k / steps) + bound * (k / steps)  # between the two, never past the largest float
        found = ev.answer(param, x)
        if found != base:
            same, changed = previous, x
            for _ in range(BISECTIONS):
                mid = same / 2 + changed / 2
                answer = ev.answer(param, mid)
                if answer == base:
                    same = mid
                else:
                    changed, found = mid, answer
            return changed, found
        previous = x
    return None, None
