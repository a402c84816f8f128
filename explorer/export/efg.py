"""Gambit's `.efg` extensive form of the unfolded game.

The `.efg` format is a tree: a position reached along several paths is written once per path,
so the file can be far larger than the scenario; `MAX_TREE_NODES` bounds it, and `tree_size`
counts the tree without building it. Every scenario actor is a player; every decision is its own
information set (perfect information); only the options available at a position are actions there.

A round (format 2) is written as its acting actors moving one after another, in the order of its
`moves`: the first actor's node, below each of its moves the second actor's node, and so on, every
later actor's nodes in ONE information set (it moves without seeing the earlier actors' moves), so
Gambit reads the simultaneous-move stage; the joint moves' next positions hang below the last
actor's nodes, in joint-move order (the first actor most significant). An actor with one available
move is written with that one action; a round where nobody can move is not written (its one next
position takes its place). Information sets are numbered per player, 1, 2, … in the order they
first appear; chance events likewise among themselves.

Chance probabilities are written as exact fractions renormalised over the available options, so
they sum to exactly 1. Node and information set labels are left empty (Gambit wants unique labels
per player, and unique node labels make its reader crawl). Each distinct (outcome node, payoff
vector) is one Gambit outcome — in format 2 a `score` makes an outcome's payoffs depend on the
metrics — labelled with the node's id (made unique where needed); a dead end is a terminal node with
no outcome.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from fractions import Fraction
from math import prod

from explorer.analysis.equilibrium import end_values
from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, ROUND, Unfolding
from explorer.gc_pause import paused_gc

MAX_TREE_NODES = 1_000_000
"""Largest tree written by default."""
WARN_TREE_NODES = 100_000
"""A tree larger than this is written with a warning that says its size."""
SIZE_CAP = 10**100
"""`tree_size` stops counting past this many nodes (its numbers stay small)."""


class TreeTooLarge(Exception):
    """The unfolded game tree has more nodes than the limit."""


def stage_nodes(shape: tuple[int, ...]) -> int:
    """Decision nodes a round's stage adds to the tree: 1 + m1 + m1·m2 + … + m1·…·m(k−1) for k acting
    actors with m1 … mk moves (0 when nobody acts)."""
    return sum(prod(shape[:i]) for i in range(len(shape)))


def tree_size(u: Unfolding, cap: int | None = SIZE_CAP) -> int:
    """Nodes in the game tree (positions repeated once per path, each round spread over its acting
    actors' nodes); stops counting past `cap`."""
    size = [0] * len(u.pos_node)
    limit = cap + 1 if cap is not None else None
    kinds, pos_kids, stages = u.table.kinds, u.pos_kids, u.stages
    with paused_gc():
        for n in reversed(u.topo):
            group = u.at[n]
            if not group:
                continue
            for p in group.values():
                total = sum([size[c] for c in pos_kids[p]])
                total += stage_nodes(stages[p].shape) if kinds[n] == ROUND else 1
                size[p] = min(total, limit) if limit is not None else total
    return size[0]


def _count(size: int) -> str:
    if size > SIZE_CAP:
        return "more than 10^100"
    return f"{size:,}" if size < 10**15 else f"about {size:.2e}".replace("e+", " × 10^")


_PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": "'", "\u201d": "'", '"': "'", "\\": "/"})


def _label(text: str) -> str:
    """A label Gambit 16.7 accepts: printable ASCII, single spaces, no double quotes or backslashes."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_PLAIN)).encode("ascii", "ignore").decode()
    return " ".join("".join(ch if ch.isprintable() else " " for ch in ascii_text).split())


def _number(x: float | Fraction) -> str:
    q = Fraction(repr(x)) if isinstance(x, float) else Fraction(x)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _exact_odds(raw: tuple[float, ...], opts: tuple[int, ...]) -> list[Fraction]:
    picked = [Fraction(repr(raw[o])) for o in opts]
    total = sum(picked)
    if total <= 0:
        return [Fraction(1, len(opts))] * len(opts)
    return [x / total for x in picked]


def distinct(labels: list[str], fallback: str = "option") -> list[str]:
    """Labels made plain and distinct (Gambit looks actions, players and outcomes up by label): a
    repeated one gets " (2)", " (3)", …"""
    used: set[str] = set()
    out = []
    for text in labels:
        label = base = _label(text) or fallback
        count = 1
        while label in used:
            count += 1
            label = f"{base} ({count})"
        used.add(label)
        out.append(label)
    return out


def players(u: Unfolding) -> list[str]:
    """Gambit player labels, one per actor: the actor ids ("Chance" is reserved by Gambit)."""
    return distinct([f"{a}_" if a.lower() == "chance" else a for a in u.actors], "actor")


def write_efg(u: Unfolding, max_nodes: int = MAX_TREE_NODES) -> Iterator[str]:
    """The `.efg` text, line by line; raise `TreeTooLarge` before writing when over `max_nodes`."""
    size = tree_size(u)
    if size > max_nodes:
        raise TreeTooLarge(
            f"the extensive form would have {_count(size)} nodes, over the limit of {max_nodes:,}: the .efg format is "
            f"a tree, so each of the {len(u):,} (node, state) positions is repeated once per path that reaches it"
            f"{' and every round is spread over its actors, one node per combination of the earlier actors’ moves' if u.stages else ''} "
            "(raise the limit with --max-nodes, or export a smaller scenario)"
        )
    scenario = u.graph.scenario
    names = " ".join(f'"{p}"' for p in players(u))
    yield f'EFG 2 R "{_label(scenario.title)}" {{ {names} }}\n'
    yield f'"{_label(scenario.id)}: the scenario unfolded over metric states by scenario explorer"\n\n'
    yield from _Writer(u).lines()


class _Writer:
    """Writes the tree in prefix order, iteratively (a deep game must not exhaust the stack)."""

    def __init__(self, u: Unfolding) -> None:
        self.u = u
        self.ends = [tuple(row) for row in end_values(u, u.table.payoffs).tolist()]
        self.outcomes: dict[tuple[int, tuple[float, ...]], int] = {}
        self.outcome_labels: set[str] = set()
        self.infosets = [0] * (len(u.actors) + 1)
        self.chance_sets = 0
        self.moves: dict[int, str] = {}
        """Decision or chance position → the end of its line, after the information set number."""
        self.stage_moves: dict[tuple[int, int], tuple[int, str]] = {}
        """(round position, actor level) → (player number, the end of its line after the information set)."""

    def lines(self) -> Iterator[str]:
        u = self.u
        kinds, pos_node, pos_kids = u.table.kinds, u.pos_node.tolist(), u.pos_kids
        stack: list[int | tuple[int, int, int, tuple[int, ...]]] = [0]
        """A position, or (round position, actor level, first joint move below, information sets)."""
        with paused_gc():
            while stack:
                item = stack.pop()
                if isinstance(item, tuple):
                    yield self._stage_node(item, stack)
                    continue
                p = item
                n = pos_node[p]
                kind, kids = kinds[n], pos_kids[p]
                if kind == OUTCOME:
                    yield self._terminal(p, n)
                    continue
                if not kids:
                    yield 't "" 0\n'
                    continue
                if kind == ROUND:
                    stage = u.stages[p]
                    if not stage.actors:  # nobody can move: the one next position stands in for the round
                        stack.append(kids[0])
                        continue
                    compiled = u.table.rounds[n]
                    assert compiled is not None
                    numbers = []
                    for a in stage.actors:  # one information set per acting actor, numbered as they first appear
                        player = compiled.actor_index[a] + 1
                        self.infosets[player] += 1
                        numbers.append(self.infosets[player])
                    yield self._stage_node((p, 0, 0, tuple(numbers)), stack)
                    continue
                move = self.moves.get(p)
                if move is None:
                    move = self.moves[p] = self._options(p)
                if kind == CHANCE:
                    self.chance_sets += 1
                    yield f'c "" {self.chance_sets} {move}'
                else:
                    player = u.table.actor_of[n] + 1
                    self.infosets[player] += 1
                    yield f'p "" {player} {self.infosets[player]} {move}'
                stack.extend(reversed(kids))

    def _terminal(self, p: int, n: int) -> str:
        payoffs = self.ends[p]
        number = self.outcomes.get((n, payoffs))
        if number is not None:
            return f't "" {number}\n'
        number = self.outcomes[(n, payoffs)] = len(self.outcomes) + 1
        label = base = _label(self.u.table.ids[n]) or "outcome"
        count = 1
        while label in self.outcome_labels:
            count += 1
            label = f"{base} ({count})"
        self.outcome_labels.add(label)
        return f't "" {number} "{label}" {{ {", ".join(_number(x) for x in payoffs)} }}\n'

    def _stage_node(self, item: tuple[int, int, int, tuple[int, ...]], stack: list) -> str:
        """One acting actor's node of a round; pushes what hangs below it."""
        p, level, first, numbers = item
        u = self.u
        stage = u.stages[p]
        shape = stage.shape
        span = prod(shape[level + 1:])
        if level + 1 < len(shape):
            stack.extend((p, level + 1, first + j * span, numbers) for j in reversed(range(shape[level])))
        else:
            stack.extend(reversed(u.pos_kids[p][first:first + shape[level]]))
        known = self.stage_moves.get((p, level))
        if known is None:
            compiled = u.table.rounds[u.pos_node[p]]
            assert compiled is not None
            actor = stage.actors[level]
            labels = distinct([compiled.moves[actor][m].option.label for m in stage.moves[level]])
            body = '"" { ' + " ".join(f'"{label}"' for label in labels) + " } 0\n"
            known = self.stage_moves[(p, level)] = (compiled.actor_index[actor] + 1, body)
        player, body = known
        return f'p "" {player} {numbers[level]} {body}'

    def _options(self, p: int) -> str:
        """The part of a decision or chance line that depends only on the position."""
        u = self.u
        n = u.pos_node[p]
        opts = u.pos_opts[p]
        options = u.graph.node(u.table.ids[n]).options
        labels = distinct([options[o].label for o in opts])
        if u.table.kinds[n] == CHANCE:
            odds = _exact_odds(u.table.chance[n], opts)
            body = " ".join(f'"{label}" {_number(q)}' for label, q in zip(labels, odds, strict=True))
            return f'"" {{ {body} }} 0\n'
        assert u.table.kinds[n] == DECISION
        return '"" { ' + " ".join(f'"{label}"' for label in labels) + " } 0\n"


def efg_text(u: Unfolding, max_nodes: int = MAX_TREE_NODES) -> str:
    return "".join(write_efg(u, max_nodes))
