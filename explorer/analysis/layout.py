"""The unfolded game as arrays, and the order the numpy passes walk it in.

A node's *wave* is the length of the longest way to it from the start in the scenario graph, and a
position's wave is its node's: every child is in a later wave than its parent. A backward pass
(values) handles the waves deepest first and a forward pass (odds) from the start, each wave as a few
whole-array operations. Within a wave the positions with moves are grouped by kind (decision,
chance, round) and number of children, so that their children form a rectangle (`Group.kids`).

Sums follow the order the scalar passes used, so the results are the same to the last bit: a forward
pass adds what flows into a position in ascending order of the parents' numbers (`Inflow`), and
sequential totals use `np.cumsum` (which adds left to right) or `np.add.at` (which adds in index
order), never a pairwise `np.sum`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Protocol

import numpy as np

from explorer.graph import CHANCE, DECISION, OUTCOME, ROUND, NodeTable

if TYPE_CHECKING:
    from explorer.analysis.outcome_odds import OutcomeIndex

KINDS = (DECISION, CHANCE, ROUND)


@dataclass(eq=False, slots=True)
class Group:
    """Positions of one wave with the same kind of move and the same number of children."""

    kind: int
    pos: np.ndarray
    """(n,) positions, ascending."""
    edges: np.ndarray
    """(n, k) their edges, in option order."""
    kids: np.ndarray
    """(n, k) their children."""
    actor: np.ndarray | None
    """(n,) the deciding actor at decisions, else None."""


@dataclass(eq=False, slots=True)
class Inflow:
    """Every edge, ordered by its child's wave and, within a wave, by its parent (then option order)."""

    edge: np.ndarray
    src: np.ndarray
    kid: np.ndarray
    bounds: np.ndarray
    """The edges into wave w are edge[bounds[w]:bounds[w + 1]]."""
    merges: list[bool]
    """Per wave: whether some position in it has more than one edge coming in."""


@dataclass(eq=False, slots=True)
class Layout:
    """The arrays every pass over the positions shares (built once per unfolding)."""

    src: np.ndarray
    """Edge → the position it leaves."""
    wave: np.ndarray
    """Position → its wave."""
    down: list[list[Group]]
    """The groups of each wave with moves, deepest wave first: the backward pass's order."""
    widths: dict[int, list[tuple[np.ndarray, np.ndarray]]]
    """Kind → (positions, their (n, k) edges) per number of children k, over every wave."""
    inflow: Inflow
    ends: np.ndarray
    """Positions without moves (outcomes and dead ends), ascending."""
    finals: np.ndarray
    """Positions of outcome nodes, ascending (a node's positions are consecutive)."""
    final_group: np.ndarray
    """For each of `finals`, the index of its node in `outcome_nodes`."""
    outcome_nodes: list[int]
    """Outcome nodes with positions, in topological order."""
    outcome_ids: list[str]
    """Their ids."""
    option_row: np.ndarray
    """Edge → its row among every node's options (node by node, in node-number order)."""
    option_start: np.ndarray
    """Node → the row of its first option (length: nodes + 1)."""
    kinds: np.ndarray
    """Node → its `NodeKind` code."""
    node_wave: np.ndarray
    """Node → its wave (-1 if the start never reaches it)."""
    outcome_payoffs: np.ndarray | None = None
    """(outcome_nodes, actors): each outcome node's payoffs (`NodeTable.payoffs`)."""
    option_odds: np.ndarray | None = None
    """Each option's `probability` (0 where none), in option-row order (`NodeTable.chance`)."""
    outcome_index: OutcomeIndex | None = None
    """`outcome_ids` indexed for `OutcomeOdds`, built by the first policy's odds and shared."""


def node_waves(children: list[list[int]], topo: list[int]) -> list[int]:
    """Each node's wave: the longest way to it from the start (-1 for nodes the start never reaches)."""
    wave = [-1] * len(children)
    if topo:
        wave[topo[0]] = 0
    for n in topo:
        w = wave[n] + 1
        for c in children[n]:
            if wave[c] < w:
                wave[c] = w
    return wave


class Expanded(Protocol):
    """What the layout is built from: the positions, numbered, with their flat arrays."""

    table: NodeTable
    actors: tuple[str, ...]
    topo: list[int]
    pos_node: np.ndarray
    first: np.ndarray
    kid: np.ndarray
    opt: np.ndarray


def build_layout(u: Expanded, kinds: np.ndarray) -> Layout:
    """The waves, groups and orders of `u` (its positions numbered and flat arrays stored)."""
    t = u.table
    first, kid = u.first, u.kid
    size = len(u.pos_node)
    counts = np.diff(first)
    src = np.repeat(np.arange(size, dtype=np.int64), counts)
    node_wave = np.array(node_waves(t.children, u.topo), dtype=np.int64)
    wave = node_wave[u.pos_node]
    kind = kinds[u.pos_node]
    moving = np.flatnonzero(counts > 0)
    actor_of = np.array(t.actor_of, dtype=np.int64)
    down: list[list[Group]] = [[] for _ in range(int(wave.max(initial=0)) + 1)]
    widths: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}
    order = moving[np.lexsort((counts[moving], kind[moving], wave[moving]))]
    for part in _runs(order, wave[order], kind[order], counts[order]):
        k, code = int(counts[part[0]]), int(kind[part[0]])
        edges = first[part][:, None] + np.arange(k)
        actor = actor_of[u.pos_node[part]] if code == DECISION else None
        down[int(wave[part[0]])].append(Group(code, part, edges, kid[edges], actor))
    for code in KINDS:
        mine = moving[kind[moving] == code]
        mine = mine[np.argsort(counts[mine], kind="stable")]
        for part in _runs(mine, counts[mine]):
            widths.setdefault(code, []).append((part, first[part][:, None] + np.arange(int(counts[part[0]]))))
    by_wave = np.argsort(wave[kid], kind="stable")
    bounds = np.searchsorted(wave[kid][by_wave], np.arange(len(down) + 1))
    incoming = np.bincount(kid, minlength=size)
    merging = np.zeros(len(down) + 1, dtype=bool)
    np.logical_or.at(merging, wave, incoming > 1)
    inflow = Inflow(by_wave, src[by_wave], kid[by_wave], bounds, merging.tolist())
    finals = np.flatnonzero(kind == OUTCOME)
    outcome_nodes, final_group = _segments(u.pos_node[finals])
    option_start = np.zeros(len(t.ids) + 1, dtype=np.int64)
    np.cumsum(np.array(t.counts, dtype=np.int64), out=option_start[1:])
    option_row = option_start[u.pos_node[src]] + u.opt
    lay = Layout(src, wave, down[::-1], widths, inflow, np.flatnonzero(counts == 0), finals, final_group,
                 outcome_nodes, [t.ids[n] for n in outcome_nodes], option_row, option_start, kinds, node_wave)
    lay.outcome_payoffs = node_payoffs(t.payoffs, outcome_nodes, len(u.actors))
    lay.option_odds = option_values(lay, t.chance)
    return lay


def node_payoffs(payoffs: Sequence[tuple[float, ...] | None], nodes: list[int], width: int) -> np.ndarray:
    """(nodes, actors): the payoffs of `nodes` (zeros where there are none)."""
    zero = (0.0,) * width
    flat = chain.from_iterable(payoffs[n] or zero for n in nodes)
    return np.fromiter(flat, dtype=float, count=len(nodes) * width).reshape(len(nodes), width)


def _runs(order: np.ndarray, *keys: np.ndarray) -> list[np.ndarray]:
    """`order` cut where any of `keys` (aligned with it) changes."""
    if not len(order):
        return []
    change = np.zeros(len(order), dtype=bool)
    for key in keys:
        change[1:] |= key[1:] != key[:-1]
    return np.split(order, np.flatnonzero(change))


def _segments(nodes: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The distinct values of `nodes` (runs, in order) and each element's run number."""
    if not len(nodes):
        return [], np.zeros(0, dtype=np.int64)
    change = np.ones(len(nodes), dtype=bool)
    change[1:] = nodes[1:] != nodes[:-1]
    return nodes[change].tolist(), np.cumsum(change) - 1


def option_values(lay: Layout, per_node: Sequence[Sequence[float]]) -> np.ndarray:
    """One number per option of every node (`per_node[n][i]`), in `Layout.option_row` order; nodes whose
    entry is shorter than their options (rounds) are padded with zeros."""
    option_start = lay.option_start
    lengths = np.fromiter(map(len, per_node), dtype=np.int64, count=len(per_node))
    flat = np.fromiter(chain.from_iterable(per_node), dtype=float, count=int(lengths.sum()))
    if np.array_equal(lengths, np.diff(option_start)):
        return flat
    out = np.zeros(int(option_start[-1]))
    offsets = np.repeat(option_start[:-1] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    out[np.arange(len(flat)) + offsets] = flat
    return out


def renormalise(layout: Layout, raw: np.ndarray, kind: int, out: np.ndarray, mask: np.ndarray | None = None) -> None:
    """At every position of nodes of `kind` (that `mask` keeps, per position, when given): `raw` (per
    edge) rescaled to sum to 1 over the position's edges, or uniform where they sum to 0 or less —
    `weights.renormalised`, summed in the same order."""
    for pos, every in layout.widths.get(kind, []):
        edges = every if mask is None else every[mask[pos]]
        if not len(edges):
            continue
        picked = raw[edges]
        total = picked[:, 0] + 0.0
        for j in range(1, edges.shape[1]):
            total = total + picked[:, j]
        even = total <= 0
        with np.errstate(divide="ignore", invalid="ignore"):
            share = picked / total[:, None]
        if even.any():
            share[even] = 1.0 / edges.shape[1]
        out[edges] = share


def total(values: np.ndarray) -> float:
    """`sum(values)` as Python adds them: left to right from 0 (an empty sum is 0)."""
    if not len(values):
        return 0
    return float(np.cumsum(values)[-1]) + 0.0
