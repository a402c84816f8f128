"""How moves are taken when computing odds: a policy's probability of each move at every position.

Chance nodes follow their odds, renormalised over the available options. Decisions and each actor
of a round follow the policy: `beliefs` (the analyst's `probability`, renormalised over the
available options or moves; uniform where none is given), `equilibrium` (the solved equilibrium,
mixed at a round whose stage equilibrium is mixed), or `uniform` over the available ones. At a
round the actors pick independently: a joint move's probability is the product of its moves'.

A policy's move probabilities are one array over the unfolding's edges (`Unfolding.kid`): the
probability of moving along each edge from its position.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from explorer.analysis.equilibrium import Equilibrium, chance_odds
from explorer.analysis.layout import option_values, renormalise
from explorer.analysis.unfolding import DECISION, Unfolding
from explorer.analysis.weights import product_weights, renormalised

POLICIES = ("beliefs", "equilibrium", "uniform")

MoveBeliefs = dict[int, tuple[tuple[float, ...], ...]]
"""Round node number → per round actor, each move's `probability` (0.0 where none is given)."""


def round_beliefs(u: Unfolding) -> MoveBeliefs:
    """Round node number → per round actor, each move's `probability` (0.0 where none is given)."""
    out = {}
    for n, compiled in enumerate(u.table.rounds):
        if compiled is not None:
            out[n] = tuple(tuple(m.option.probability or 0.0 for m in moves) for moves in compiled.moves)
    return out


def policy_weights(
    u: Unfolding,
    policy: str,
    eq: Equilibrium | None = None,
    chance: Sequence[tuple[float, ...]] | None = None,
    beliefs: Sequence[tuple[float, ...]] | None = None,
    move_beliefs: MoveBeliefs | None = None,
) -> np.ndarray:
    """Edge → the probability of taking it from its position: chance odds at chance nodes, `policy` at
    decisions and rounds. `chance`, `beliefs` and `move_beliefs` replace the scenario's chance odds,
    decision estimates and round-move estimates (`round_beliefs`)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "equilibrium" and eq is None:
        raise ValueError("the equilibrium policy needs a solved equilibrium")
    chance = u.table.chance if chance is None else chance
    out = eq.odds.copy() if eq is not None and chance is eq.chance else chance_odds(u, chance)
    decisions(u, policy, eq, beliefs, out)
    if u.stages:
        given = round_beliefs(u) if move_beliefs is None and policy == "beliefs" else move_beliefs
        for p in u.stages:
            set_round(u, policy, eq, p, given, out)
    return out


def decisions(u: Unfolding, policy: str, eq: Equilibrium | None, beliefs: Sequence[tuple[float, ...]] | None,
              out: np.ndarray, mask: np.ndarray | None = None) -> None:
    """Fill `out` at the decision positions (those `mask` keeps, per position, when given)."""
    lay = u.arrays
    for pos, edges in lay.widths.get(DECISION, []):
        rows = slice(None) if mask is None else mask[pos]
        if policy == "equilibrium":
            assert eq is not None
            out[edges[rows]] = 0.0
            out[u.first[pos[rows]] + eq.choice[pos[rows]]] = 1.0
        else:
            out[edges[rows]] = 1.0 / edges.shape[1]
    if policy == "beliefs":
        believed = np.array(u.table.beliefs, dtype=bool)[u.pos_node]
        if mask is not None:
            believed &= mask
        if believed.any():
            given = lay.option_odds if beliefs is None or beliefs is u.table.chance else option_values(lay, beliefs)
            raw = given[lay.option_row]
            renormalise(lay, raw, DECISION, out, believed)


def set_round(u: Unfolding, policy: str, eq: Equilibrium | None, p: int, given: MoveBeliefs | None, out: np.ndarray) -> None:
    """Fill `out` at round position `p`: the product of the acting actors' move probabilities."""
    out[u.first[p]:u.first[p + 1]] = product_weights(stage_profile(u, policy, eq, int(u.pos_node[p]), p, given))


def stage_profile(u: Unfolding, policy: str, eq: Equilibrium | None, n: int, p: int,
                  given: MoveBeliefs | None = None) -> list[list[float]]:
    """At round position `p` of node `n`: each acting actor's probability of each of its available moves
    under `policy` (`given`: the round-move estimates, `round_beliefs` by default)."""
    stage = u.stages[p]
    if policy == "equilibrium":
        assert eq is not None
        return [list(probs) for probs in eq.stages[p].profile]
    if policy == "beliefs":
        raw = (round_beliefs(u) if given is None else given)[n]
        return [renormalised(raw[a], moves) for a, moves in zip(stage.actors, stage.moves, strict=True)]
    return [[1.0 / len(moves)] * len(moves) for moves in stage.moves]
