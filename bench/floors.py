"""Plain numpy floors for the analysis benches: the simplest array code that computes the same thing.

Each floor gets the unfolded game as plain arrays (`plain_arrays`, built outside any timing from the
unfolding's lists, by code that shares nothing with `explorer.analysis`) and does the bare arithmetic:
- `backward`: backward induction by levels (a position's level is its height: the longest way down
  to an end), argmax at decisions (the first of equal values), a weighted sum at chance nodes; no tie
  margins, no rounds, no record of choices beyond the values;
- `walks`: lockstep Monte Carlo walks: every walk takes one step per round of array operations, by
  inverting the cumulative move probabilities of its position (a policy's table, given as arrays).
They are what the analysis is measured against: ours must stay within a small factor of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from explorer.graph import DECISION


@dataclass
class Plain:
    """The unfolding as arrays: children in CSR form, levels by height, end payoffs."""

    start: np.ndarray
    """Position → offset of its first child in `kids` (length positions + 1)."""
    kids: np.ndarray
    ends: np.ndarray
    """Position × actor → payoff where the game ends there (0 elsewhere)."""
    levels: list[list[tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]]]
    """Per height 1, 2, …: groups (positions, children (n, k), actor (n) at decisions, weights (n, k) at chance)."""


def plain_arrays(u, chance_odds) -> Plain:
    """`u`: an unfolding (read through its lists); `chance_odds(p)`: the move probabilities at a chance
    position. Not timed."""
    count = len(u.pos_node)
    children_of = [u.pos_kids[p] for p in range(count)]
    sizes = np.fromiter(map(len, children_of), np.int64, count)
    start = np.zeros(count + 1, np.int64)
    np.cumsum(sizes, out=start[1:])
    kids = np.fromiter(chain.from_iterable(children_of), np.int64, int(start[-1]))
    height = [0] * count
    for p in range(count - 1, -1, -1):  # a child's number is above its parent's
        if children_of[p]:
            height[p] = 1 + max(height[c] for c in children_of[p])
    ends = np.zeros((count, len(u.actors)))
    by_level: dict[int, dict[tuple[int, bool], list[int]]] = {}
    tags = {}
    for p, n in enumerate(int(n) for n in u.pos_node):
        if not children_of[p]:
            if u.table.payoffs[n] is not None:
                ends[p] = u.table.payoffs[n]
            continue
        decision = u.table.kinds[n] == DECISION
        tags[p] = u.table.actor_of[n] if decision else -1
        by_level.setdefault(height[p], {}).setdefault((len(children_of[p]), decision), []).append(p)
    levels = []
    for h in sorted(by_level):
        groups = []
        for (k, decision), members in by_level[h].items():
            pos = np.array(members, np.int64)
            children = kids[start[pos][:, None] + np.arange(k)]
            if decision:
                groups.append((pos, children, np.array([tags[p] for p in members], np.int64), None))
            else:
                groups.append((pos, children, None, np.array([chance_odds(p) for p in members], float)))
        levels.append(groups)
    return Plain(start, kids, ends, levels)


def backward(plain: Plain) -> np.ndarray:
    """Values per position and actor by backward induction (the floor of our backward pass)."""
    values = plain.ends.copy()
    for groups in plain.levels:
        for pos, children, actor, weights in groups:
            below = values[children]  # (n, k, actors)
            if actor is not None:
                rows = np.arange(len(pos))
                mine = below[rows[:, None], np.arange(children.shape[1]), actor[:, None]]
                values[pos] = below[rows, mine.argmax(axis=1)]
            else:
                values[pos] = np.einsum("nk,nka->na", weights, below)
    return values


def walk_arrays(plain: Plain, weights: np.ndarray) -> np.ndarray:
    """Per child edge: its position's number plus the cumulative probability up to and including it
    (normalised so each position's last is exactly 1): `walks` inverts it with one search. Not timed."""
    owner = np.repeat(np.arange(len(plain.start) - 1), np.diff(plain.start))
    cumulative = np.zeros(len(weights))
    for p in range(len(plain.start) - 1):
        a, b = plain.start[p], plain.start[p + 1]
        if b > a:
            c = np.cumsum(weights[a:b])
            cumulative[a:b] = c / c[-1]
    return owner + cumulative


def walks(plain: Plain, steps: np.ndarray, runs: int, seed: int) -> np.ndarray:
    """Where each of `runs` lockstep walks from position 0 ends (the floor of our `simulate`)."""
    rng = np.random.default_rng(seed)
    at = np.zeros(runs, np.int64)
    moving = np.arange(runs)
    while moving.size:
        here = at[moving]
        open_ = plain.start[here + 1] > plain.start[here]
        moving, here = moving[open_], here[open_]
        edge = np.searchsorted(steps, here + rng.random(len(here)), side="right")
        edge = np.minimum(edge, plain.start[here + 1] - 1)
        at[moving] = plain.kids[edge]
    return np.bincount(at, minlength=len(plain.start) - 1)
