"""How far each probability and payoff must move to change the answer: a tornado table.

The answer is two things: the equilibrium choice at the start (or at the first decision on the
equilibrium path when the start is a chance node) and the most likely outcome under a policy.
Each parameter is moved alone, down and then up: a probability over [0, 1] — its node's other
options are rescaled proportionally so the node still sums to 1 — and a payoff over ± twice the
spread of all payoffs (at least 1, at most 1e300). Only what the parameter can change is solved
again (`probe.Probe`), and the nearest value where the answer changes is found by sweeping from
event to event (`sweep`): exactly, up to the tie margin, where the node's options are all open at
each of its positions; by a checked tangent and bisection where some are locked. A parameter with
a round between it and the start is scanned in `steps` even steps instead, the first change then
narrowed by bisection (so a change and change back between two scan points can be missed there).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from explorer.analysis.probe import Answer, Evaluator, Probe, rescaled
from explorer.analysis.sweep import sweep
from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, Unfolding
from explorer.gc_pause import paused_gc

__all__ = ["Answer", "Parameter", "Sensitivity", "Swing", "parameters", "payoff_range", "rescaled", "sensitivity"]

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
    every outcome that can be reached (missing payoffs count as 0). Nodes no state reaches (behind a
    `requires` that never holds) cannot matter and have none."""
    out: list[Parameter] = []
    deciding = {u.table.actor_of[n] for n in u.topo if u.table.kinds[n] == DECISION}
    deciding.update(a for n in u.topo if u.table.rounds[n] is not None for a in u.table.rounds[n].actor_index)
    spread = payoff_range(u)
    for n in u.topo:
        if u.at[n] is None:
            continue
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


def sensitivity(
    u: Unfolding,
    policy: str = "beliefs",
    steps: int = STEPS,
    progress: Callable[[int, int], None] | None = None,
    max_parameters: int | None = None,
) -> Sensitivity:
    """Move every parameter down and up until the answer changes; sort by how little it took.

    `max_parameters` keeps only the first ones in topological order (nearest the start) for large
    scenarios; `steps` is the scan of parameters with a round between them and the start."""
    with paused_gc():
        return _sensitivity(u, policy, steps, progress, max_parameters)


def _sensitivity(
    u: Unfolding, policy: str, steps: int, progress: Callable[[int, int], None] | None, max_parameters: int | None
) -> Sensitivity:
    ev = Evaluator(u, policy)
    base = ev.base_answer
    params = parameters(u)
    skipped = 0
    if max_parameters is not None and len(params) > max_parameters:
        skipped = len(params) - max_parameters
        params = params[:max_parameters]
    swings = []
    for done, param in enumerate(params):
        down = up = (None, None)
        if _can_move(param, policy):
            probe = _probe(ev, param)
            down = _search(ev, probe, param, base, param.low, steps)
            up = _search(ev, probe, param, base, param.high, steps)
        swings.append(Swing(param, down[0], down[1], up[0], up[1]))
        if progress is not None:
            progress(done + 1, len(params))
    swings.sort(key=lambda s: (s.nearest, s.parameter.label))
    return Sensitivity(base, policy, payoff_range(u), swings, skipped)


def _can_move(param: Parameter, policy: str) -> bool:
    """Whether the parameter can change the answer at all: the analyst's probabilities move only the
    beliefs policy's odds."""
    return param.kind != "belief" or policy == "beliefs"


def _probe(ev: Evaluator, param: Parameter) -> Probe:
    u = ev.u
    n = u.table.number[param.node_id]
    compiled = u.table.rounds[n]
    if param.kind == "payoff":
        return Probe(ev, "payoff", n, None, u.actors.index(param.actor or ""), True)
    if compiled is not None:
        return Probe(ev, "belief", n, param.option, compiled.actors.index(param.actor or ""), False)
    return Probe(ev, param.kind, n, param.option, None, param.kind == "chance")


def _search(ev: Evaluator, probe: Probe, param: Parameter, base: Answer, bound: float, steps: int) -> tuple[float | None, Answer | None]:
    """The value nearest the current one, toward `bound`, where the answer first differs."""
    x0 = param.value
    if bound == x0 or not len(probe.positions):
        return None, None
    round_moves = probe.kind == "belief" and probe.actor is not None
    if not probe.rounds and not round_moves:
        where, found, finished = sweep(ev, probe, x0, bound)
        if finished:
            return where, found
    return _scan(ev, probe, base, x0, bound, steps)


def _scan(ev: Evaluator, probe: Probe, base: Answer, x0: float, bound: float, steps: int) -> tuple[float | None, Answer | None]:
    """Scan `steps` even steps toward `bound`; narrow the first change by bisection."""
    previous = x0
    for k in range(1, steps + 1):
        x = x0 * (1 - k / steps) + bound * (k / steps)  # between the two, never past the largest float
        found = ev.state(probe, x).answer
        if found != base:
            same, changed = previous, x
            for _ in range(BISECTIONS):
                mid = same / 2 + changed / 2
                answer = ev.state(probe, mid).answer
                if answer == base:
                    same = mid
                else:
                    changed, found = mid, answer
            return changed, found
        previous = x
    return None, None
