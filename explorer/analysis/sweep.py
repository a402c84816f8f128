"""Where moving one parameter first changes the answer: a sweep from event to event.

With every choice held, the values above a moved payoff or probability, and the odds below it, are
linear in the parameter when every option of its node is open at each of its positions: a payoff
enters one outcome's value, and a probability moved as `probe.rescaled` moves it keeps its node's
sum at 1. So between *events* — a decision whose best option changes (another comes within the tie
margin, or the chosen one loses its lead), the most probable branch of a chance node on the
equilibrium path changing, one outcome overtaking the most likely one — the answer cannot change,
and the next event is found from the values and their slopes, by solving a line. The sweep goes
to the nearest event, solves the game just past it (`Evaluator.state`, exactly as the whole solve
would), and stops at the first event after which the answer differs. Where a node's probabilities
are renormalised over fewer open options (their odds are then a ratio of lines) the slopes are
tangents: each prediction is checked by a re-solve, and a change is narrowed by bisection. Rounds
between the parameter and the start fall back to `scan`.
"""

from __future__ import annotations

import math

import numpy as np

from explorer.analysis.equilibrium import TOLERANCE
from explorer.analysis.layout import Group
from explorer.analysis.probe import Answer, Evaluator, Probe, State
from explorer.analysis.unfolding import CHANCE, DECISION, Unfolding

MAX_EVENTS = 200
"""Events swept through before the rest of the range is scanned instead."""
NARROWING = 60
"""Bisections that narrow a change found past a tangent's prediction (to the float resolution)."""
STEP = 1e-6
"""How far past an event (a share of the range) the game is solved again: a change that lasts less (the
tie margin's window where three options meet, say) is not reported."""


def sweep(ev: Evaluator, probe: Probe, x0: float, bound: float) -> tuple[float | None, Answer | None, bool]:
    """(where the answer first differs, the answer there, whether the sweep finished); unfinished: the
    caller scans from x0."""
    base = ev.base_answer
    width = abs(bound - x0)
    direction = 1.0 if bound > x0 else -1.0
    step = STEP * max(width, abs(x0), 1.0)
    s = ev.base_state
    state = State(x0, s.eq, s.table, s.mass, s.answer)
    for _ in range(MAX_EVENTS):
        ahead = next_event(ev, probe, state, direction)
        remaining = abs(bound - state.x)
        if ahead is None or ahead > remaining:
            if probe.full:
                return None, None, True
            last = ev.state(probe, bound)
            if last.answer == base:
                return None, None, True
            return _narrow(ev, probe, state.x, bound, last.answer)
        x = _tidy(state.x + direction * ahead, width)
        past = ev.state(probe, _toward(x + direction * step, bound, direction))
        if past.answer != base:
            if probe.full:
                return x, past.answer, True
            return _narrow(ev, probe, state.x, past.x, past.answer)
        state = past
    return None, None, False


def _tidy(x: float, width: float) -> float:
    """`x` to 12 significant digits of the range's scale: a crossing computed as 2.0000000399999998 or
    -1.1e-16 reads 2.00000004 or 0 (the rounding is far below the step past it)."""
    quantum = 10.0 ** (math.floor(math.log10(width)) - 12) if width > 0 else 0.0
    return round(x / quantum) * quantum if quantum > 0 and math.isfinite(x / quantum) else x


def _toward(x: float, bound: float, direction: float) -> float:
    return min(x, bound) if direction > 0 else max(x, bound)


def _narrow(ev: Evaluator, probe: Probe, same: float, changed: float, found: Answer) -> tuple[float, Answer, bool]:
    """Bisect between a value with the base answer and one without it."""
    for _ in range(NARROWING):
        mid = same / 2 + changed / 2
        if mid in (same, changed):
            break
        answer = ev.state(probe, mid).answer
        if answer == ev.base_answer:
            same = mid
        else:
            changed, found = mid, answer
    return changed, found, True


def next_event(ev: Evaluator, probe: Probe, state: State, direction: float) -> float | None:
    """How far from `state.x`, toward `direction`, the nearest event lies (None: none ahead)."""
    u = ev.u
    slopes, moves = _slopes(ev, probe, state)
    found: list[float] = []
    if slopes is not None:
        found += _decision_events(u, probe, state, slopes, direction)
    if moves is not None and probe.kind == "chance":
        found += _branch_events(u, probe, state, moves, direction)
    if moves is not None:
        found += _outcome_events(ev, probe, state, moves, direction)
    ahead = [t for t in found if t > 0]
    return min(ahead) if ahead else None


def _slopes(ev: Evaluator, probe: Probe, state: State) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(d values / dx at every position (None when the equilibrium does not move), d move probability /
    dx per edge of the node (None when the policy's table does not move))."""
    u = ev.u
    moves = None
    if probe.kind in ("chance", "belief"):
        if probe.kind == "belief" and ev.policy != "beliefs":
            return None, None
        raw = np.asarray(u.table.chance[probe.n], dtype=float)
        moves = _move_slopes(u, probe, raw, state.x)
    if probe.kind == "belief":
        return None, moves
    values, choice = state.eq.values.array, state.eq.choice
    slopes = np.zeros_like(values)
    if probe.kind == "payoff":
        slopes[probe.positions, probe.actor or 0] = 1.0
    added = np.zeros_like(values)
    if moves is not None:
        np.add.at(added, probe.owner, moves[:, None] * values[u.kid[probe.edges]])
    odds = state.eq.odds
    for groups in probe.down:
        for g in groups:
            if g.kind == DECISION:
                slopes[g.pos] = slopes[g.kids[np.arange(len(g.pos)), choice[g.pos]]]
            elif g.kind == CHANCE:
                acc = added[g.pos].copy()
                for j in range(g.kids.shape[1]):
                    acc += odds[g.edges[:, j], None] * slopes[g.kids[:, j]]
                slopes[g.pos] = acc
    return slopes, moves


def _move_slopes(u: Unfolding, probe: Probe, raw: np.ndarray, x: float) -> np.ndarray:
    """d/dx of the renormalised probability of each edge of the node, at x."""
    i = probe.option
    rest = 1.0 - raw[i]
    d_raw = -raw / rest if rest > 0 else np.full(len(raw), -1.0 / max(len(raw) - 1, 1))
    d_raw[i] = 1.0
    scale = (1.0 - x) / rest if rest > 0 else None
    now = raw * scale if scale is not None else np.full(len(raw), (1.0 - x) / max(len(raw) - 1, 1))
    now[i] = x
    opts = u.opt[probe.edges]
    r, dr = now[opts], d_raw[opts]
    total, d_total = np.zeros(len(u)), np.zeros(len(u))
    np.add.at(total, probe.owner, r)
    np.add.at(d_total, probe.owner, dr)
    t, dt = total[probe.owner], d_total[probe.owner]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (dr * t - r * dt) / (t * t)
    return np.where(t > 0, out, 0.0)


def _decision_events(u: Unfolding, probe: Probe, state: State, slopes: np.ndarray, direction: float) -> list[float]:
    """Where a decision above the node would change its choice: another option gets ahead of the chosen
    one by the game-wide margin (an earlier one: draws level), values moving along their slopes."""
    values, choice = state.eq.values.array, state.eq.choice
    wide = TOLERANCE * max(float(np.abs(values[u.arrays.ends]).max(initial=0.0)), 0.0)
    wide = wide if wide > 0 else TOLERANCE
    out = []
    for groups in probe.down:
        for g in groups:
            if g.kind == DECISION:
                out += _overtakes(g, values, slopes, choice, wide, direction)
    return out


def _overtakes(g: Group, values: np.ndarray, slopes: np.ndarray, choice: np.ndarray, wide: float, direction: float) -> list[float]:
    assert g.actor is not None
    rows = np.arange(len(g.pos))
    mine = values[g.kids, g.actor[:, None]]
    moving = slopes[g.kids, g.actor[:, None]] * direction
    c = choice[g.pos]
    gap = mine - mine[rows, c][:, None]
    closing = moving - moving[rows, c][:, None]
    later = np.arange(g.kids.shape[1])[None, :] > c[:, None]
    need = np.where(later, wide, 0.0) - gap
    ok = closing > 0
    if not ok.any():
        return []
    t = need[ok] / closing[ok]
    return t[t > 0].tolist()


def _branch_events(u: Unfolding, probe: Probe, state: State, moves: np.ndarray, direction: float) -> list[float]:
    """Where the most probable branch of the node changes at one of its positions on the equilibrium path."""
    out = []
    path = state.eq.path()
    mine = set(probe.positions.tolist())
    edge_of = {int(e): k for k, e in enumerate(probe.edges.tolist())}
    for p in path:
        if u.kind(p) == DECISION:
            break
        if p not in mine:
            continue
        a, b = int(u.first[p]), int(u.first[p + 1])
        w = state.eq.odds[a:b]
        dw = np.array([moves[edge_of[e]] for e in range(a, b)]) * direction
        best = int(np.argmax(w))
        closing = dw - dw[best]
        ok = closing > 0
        if ok.any():
            t = (w[best] - w)[ok] / closing[ok]
            out += t[t > 0].tolist()
    return out


def _outcome_events(ev: Evaluator, probe: Probe, state: State, moves: np.ndarray, direction: float) -> list[float]:
    """Where another outcome's probability draws level with the most likely one's."""
    u = ev.u
    lay = u.arrays
    d_table = np.zeros(len(u.kid))
    d_table[probe.edges] = moves
    d_mass = np.zeros(len(u))
    inflow = lay.inflow
    bounds = inflow.bounds.tolist()
    mass, table = state.mass, state.table
    for w in range(1, len(bounds) - 1):
        a, b = bounds[w], bounds[w + 1]
        if a < b:
            src, edge = inflow.src[a:b], inflow.edge[a:b]
            np.add.at(d_mass, inflow.kid[a:b], d_mass[src] * table[edge] + mass[src] * d_table[edge])
    totals, d_totals = np.zeros(len(lay.outcome_nodes)), np.zeros(len(lay.outcome_nodes))
    np.add.at(totals, lay.final_group, mass[lay.finals])
    np.add.at(d_totals, lay.final_group, d_mass[lay.finals])
    if state.answer.likely is None:
        return []
    ids = u.table.ids
    best = next(i for i, n in enumerate(lay.outcome_nodes) if ids[n] == state.answer.likely)
    closing = (d_totals - d_totals[best]) * direction
    ok = closing > 0
    if not ok.any():
        return []
    t = (totals[best] - totals)[ok] / closing[ok]
    return t[t > 0].tolist()
