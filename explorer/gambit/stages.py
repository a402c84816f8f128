"""Which parts of a Gambit game tree a scenario can express, and why the rest cannot be.

A scenario observes everything except the moves of the other actors of the same round, and reveals a
round's moves once the round is over. So a Gambit tree is expressible when every information set either
has one node (a decision: the player sees everything before it) or is one level of a *stage*: below a
player's single-node information set, the second player's information set holds exactly the nodes
below the first player's moves, the third player's exactly the nodes below every combination of the
first two players' moves, and so on — each a different player. A stage becomes a `round`.

Everything else is refused, information set by information set, with the reason: a chance move the
player does not see, a move of its own it forgets, a round's moves it never learns, or moves it does
not see that are not one round's.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from explorer.gambit.efg_reader import CHANCE, PLAYER, TERMINAL, EfgGame, Infoset


@dataclass(frozen=True)
class Refusal:
    """An information set the format cannot express, and why."""

    player: int
    number: int
    player_name: str
    label: str
    reason: str
    line: int
    col: int

    @property
    def message(self) -> str:
        label = f' ("{self.label}")' if self.label else ""
        return (f'player {self.player} ("{self.player_name}"), information set {self.number}{label}: '
                f"cannot be written as a scenario: {self.reason}")


@dataclass
class Plan:
    """The tree read as scenario nodes: stages (a round each) and the information sets refused."""

    stages: dict[int, list[list[int]]]
    """Node index of a stage's first player → the stage's levels: node indices per acting player."""
    inside: dict[int, int]
    """Node index of a later player's node in a stage → the stage's first node."""
    refusals: list[Refusal]
    reached: list[bool]
    """Whether a node is written (nodes below a chance action of probability 0 are left out)."""


def plan(game: EfgGame) -> Plan:
    """Find the stages top-down; refuse every multi-node information set that is not a level of one."""
    nodes = game.nodes
    result = Plan({}, {}, [], [False] * len(nodes))
    refused: set[tuple[int, int]] = set()
    stack = [0]
    while stack:
        n = stack.pop()
        result.reached[n] = True
        node = nodes[n]
        if node.kind == TERMINAL:
            continue
        kids = node.children
        if node.kind == CHANCE:
            odds = game.infoset_of(n).probabilities or []
            stack.extend(reversed([c for c, q in zip(kids, odds, strict=True) if q > 0]))
            continue
        infoset = game.infoset_of(n)
        if len(infoset.members) > 1:
            if (infoset.player, infoset.number) not in refused:
                refused.add((infoset.player, infoset.number))
                result.refusals.append(_refusal(game, infoset, result))
            stack.extend(reversed(kids))
            continue
        levels = _grow(game, n)
        if len(levels) > 1:
            result.stages[n] = levels
            for level in levels[1:]:
                for m in level:
                    result.inside[m] = n
                    result.reached[m] = True
            stack.extend(reversed([c for m in levels[-1] for c in nodes[m].children]))
            continue
        stack.extend(reversed(kids))
    return result


def _grow(game: EfgGame, first: int) -> list[list[int]]:
    """The levels of the stage that starts at `first` (just [[first]] when there is none)."""
    nodes = game.nodes
    levels = [[first]]
    players = {nodes[first].player}
    while True:
        kids = [c for m in levels[-1] for c in nodes[m].children]
        if len(kids) < 2 or any(nodes[c].kind != PLAYER for c in kids):
            return levels
        infoset = game.infoset_of(kids[0])
        if infoset.player in players or len(infoset.members) != len(kids) or any(game.infoset_of(c) is not infoset for c in kids):
            return levels
        levels.append(kids)
        players.add(infoset.player)


def player_name(game: EfgGame, player: int) -> str:
    """A player's name, or "Player N" where the file gives none."""
    return game.players[player - 1] or f"Player {player}"


def _path(game: EfgGame, n: int) -> list[int]:
    out = [n]
    while game.nodes[out[-1]].parent >= 0:
        out.append(game.nodes[out[-1]].parent)
    return out[::-1]


def _refusal(game: EfgGame, infoset: Infoset, result: Plan) -> Refusal:
    nodes = game.nodes
    first = nodes[infoset.members[0]]
    name = player_name(game, infoset.player)

    def refuse(reason: str) -> Refusal:
        return Refusal(infoset.player, infoset.number, name, infoset.label, reason, first.line, first.col)

    members = set(infoset.members)
    paths = [_path(game, m) for m in infoset.members]
    if any(m in path[:-1] for path in paths for m in members):
        return refuse("the player can pass through it twice on one path, forgetting it has moved already; a scenario's "
                      "actors always know where they are")
    # The nodes where the paths to the members part: what the player does not see.
    below: dict[int, set[int]] = {}
    for path in paths:
        for parent, child in itertools.pairwise(path):
            below.setdefault(parent, set()).add(child)
    forks = sorted((x for x, kids in below.items() if len(kids) > 1), key=lambda x: nodes[x].line)
    chance = [x for x in forks if nodes[x].kind == CHANCE]
    if chance:
        x = nodes[chance[0]]
        what = game.infoset_of(chance[0]).label or x.label
        return refuse(f"the player does not see the chance move on line {x.line}{f' ({what})' if what else ''}; in a "
                      "scenario every actor sees what chance picks (an unobserved chance move, as in a card game, "
                      "cannot be written)")
    own = [x for x in forks if nodes[x].player == infoset.player]
    if own:
        return refuse(f"the player does not remember its own move on line {nodes[own[0]].line}; in a scenario every "
                      "actor knows what it did before")
    x = forks[0]
    who = f'the move of player {nodes[x].player} ("{player_name(game, nodes[x].player)}") on line {nodes[x].line}'
    if x in result.stages or x in result.inside:
        return refuse(f"the player does not see {who}, which is part of a round of "
                      "players moving at once; a scenario reveals a round's moves to every actor once the round is over")
    return refuse(f"the player does not see {who}, but its {len(members)} nodes are not "
                  "the nodes that follow one round of players moving at once: a move can be hidden only from the later "
                  "players of its own round, each of whom must have one information set that takes in every "
                  "combination of the earlier players' moves in that round, and nothing else")
