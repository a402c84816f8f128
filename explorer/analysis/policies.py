"""How moves are taken when computing odds: a policy's probability of each move at every position.

Chance nodes follow their odds, renormalised over the available options. Decisions and each actor
of a round follow the policy: `beliefs` (the analyst's `probability`, renormalised over the
available options or moves; uniform where none is given), `equilibrium` (the solved equilibrium,
mixed at a round whose stage equilibrium is mixed), or `uniform` over the available ones. At a
round the actors pick independently: a joint move's probability is the product of its moves'.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from explorer.analysis.equilibrium import Equilibrium
from explorer.analysis.unfolding import CHANCE, ROUND, Unfolding
from explorer.analysis.weights import Weights, chance_weights, product_weights, renormalised

POLICIES = ("beliefs", "equilibrium", "uniform")

def round_beliefs(u: Unfolding) -> dict[int, tuple[tuple[float, ...], ...]]:
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
    move_beliefs: dict[int, tuple[tuple[float, ...], ...]] | None = None,
) -> Weights:
    """Move probabilities at every position: chance odds at chance nodes, `policy` at decisions and
    rounds. `chance`, `beliefs` and `move_beliefs` replace the scenario's chance odds, decision
    estimates and round-move estimates (`round_beliefs`)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if policy == "equilibrium" and eq is None:
        raise ValueError("the equilibrium policy needs a solved equilibrium")
    at_chance = chance_weights(u, chance)
    kinds, has_beliefs = u.table.kinds, u.table.beliefs
    at_belief = chance_weights(u, beliefs)  # the same renormalisation, over the analyst's numbers
    choice = eq.choice if eq is not None else []
    picks = [(1.0,), (1.0, 0.0), (0.0, 1.0)]
    uniform: dict[int, list[float]] = {}
    at_round = _round_weights(u, policy, eq, move_beliefs)

    def weights(n: int, p: int, kids: list[int]) -> Sequence[float]:
        kind = kinds[n]
        if kind == CHANCE:
            return at_chance(n, p, kids)
        if kind == ROUND:
            return at_round(n, p)
        if policy == "equilibrium":
            if len(kids) <= 2:
                return picks[choice[p] + len(kids) - 1]
            out = [0.0] * len(kids)
            out[choice[p]] = 1.0
            return out
        if policy == "beliefs" and has_beliefs[n]:
            return at_belief(n, p, kids)
        even = uniform.get(len(kids))
        if even is None:
            even = uniform[len(kids)] = [1.0 / len(kids)] * len(kids)
        return even

    return weights


def _round_weights(u: Unfolding, policy: str, eq: Equilibrium | None,
                   move_beliefs: dict[int, tuple[tuple[float, ...], ...]] | None) -> Callable[[int, int], list[float]]:
    """The joint-move probabilities at a round position under `policy`."""
    given = round_beliefs(u) if move_beliefs is None else move_beliefs

    def weights(n: int, p: int) -> list[float]:
        return product_weights(stage_profile(u, policy, eq, n, p, given))

    return weights


def stage_profile(u: Unfolding, policy: str, eq: Equilibrium | None, n: int, p: int,
                  given: dict[int, tuple[tuple[float, ...], ...]] | None = None) -> list[list[float]]:
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
