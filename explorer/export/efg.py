"""Gambit's `.efg` extensive form of the unfolded game.

The `.efg` format is a tree: a position reached along several paths is written once per path,
so the file can be far larger than the scenario; `MAX_TREE_NODES` bounds it. Every scenario
actor is a player; every decision is its own information set (perfect information); only the
options available at a position are actions there. Chance probabilities are written as exact
fractions renormalised over the available options, so they sum to exactly 1. Node labels are
left empty (unique node labels make Gambit's reader crawl); each scenario outcome is one
Gambit outcome labelled with its (unique) id; a dead end is a terminal node with no outcome.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from fractions import Fraction

from explorer.analysis.unfolding import CHANCE, DECISION, OUTCOME, Unfolding
from explorer.gc_pause import paused_gc

MAX_TREE_NODES = 1_000_000
"""Largest tree written by default."""


class TreeTooLarge(Exception):
    """The unfolded game tree has more nodes than the limit."""


def tree_size(u: Unfolding, cap: int | None = None) -> int:
    """Nodes in the game tree (positions repeated once per path); stops counting past `cap`."""
    size = [0] * len(u.pos_node)
    limit = cap + 1 if cap is not None else None
    with paused_gc():
        for n in reversed(u.topo):
            group = u.at[n]
            if not group:
                continue
            for p in group.values():
                total = 1 + sum(size[c] for c in u.pos_kids[p])
                size[p] = min(total, limit) if limit is not None else total
    return size[0]


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


def _actions(labels: list[str]) -> list[str]:
    """Option labels made distinct within one node (Gambit looks actions up by label)."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        label = _label(text) or "option"
        count = seen.get(label, 0) + 1
        seen[label] = count
        out.append(label if count == 1 else f"{label} ({count})")
    return out


def players(u: Unfolding) -> list[str]:
    """Gambit player labels, one per actor: the actor ids ("Chance" is reserved by Gambit)."""
    return [f"{a}_" if a.lower() == "chance" else a for a in u.actors]


def write_efg(u: Unfolding, max_nodes: int = MAX_TREE_NODES) -> Iterator[str]:
    """The `.efg` text, line by line; raise `TreeTooLarge` before writing when over `max_nodes`."""
    size = tree_size(u, cap=max_nodes)
    if size > max_nodes:
        raise TreeTooLarge(
            f"the extensive form would have more than {max_nodes:,} nodes: the .efg format is a tree, so "
            f"each of the {len(u):,} (node, state) positions is repeated once per path that reaches it "
            "(raise the limit with --max-nodes, or export a smaller scenario)"
        )
    scenario = u.graph.scenario
    names = " ".join(f'"{_label(p)}"' for p in players(u))
    yield f'EFG 2 R "{_label(scenario.title)}" {{ {names} }}\n'
    yield f'"{_label(scenario.id)}: the scenario unfolded over metric states by scenario explorer"\n\n'
    outcome_number: dict[int, int] = {}
    infosets = [0] * (len(u.actors) + 1)
    chance_sets = 0
    moves: dict[int, str] = {}  # position → the end of its line, after the infoset number
    stack = [0]
    with paused_gc():
        while stack:
            p = stack.pop()
            n = u.pos_node[p]
            kind, kids = u.table.kinds[n], u.pos_kids[p]
            if kind == OUTCOME:
                number = outcome_number.get(n)
                if number is None:
                    number = outcome_number[n] = len(outcome_number) + 1
                    payoffs = ", ".join(_number(x) for x in u.table.payoffs[n] or ())
                    yield f't "" {number} "{_label(u.table.ids[n])}" {{ {payoffs} }}\n'
                else:
                    yield f't "" {number}\n'
                continue
            if not kids:
                yield 't "" 0\n'
                continue
            move = moves.get(p)
            if move is None:
                move = moves[p] = _move(u, p)
            if kind == CHANCE:
                chance_sets += 1
                yield f'c "" {chance_sets} {move}'
            else:
                player = u.table.actor_of[n] + 1
                infosets[player] += 1
                yield f'p "" {player} {infosets[player]} {move}'
            stack.extend(reversed(kids))


def _move(u: Unfolding, p: int) -> str:
    """The part of a decision or chance line that depends only on the position."""
    n = u.pos_node[p]
    opts = u.pos_opts[p]
    options = u.graph.node(u.table.ids[n]).options
    labels = _actions([options[o].label for o in opts])
    if u.table.kinds[n] == CHANCE:
        odds = _exact_odds(u.table.chance[n], opts)
        body = " ".join(f'"{label}" {_number(q)}' for label, q in zip(labels, odds, strict=True))
        return f'"" {{ {body} }} 0\n'
    assert u.table.kinds[n] == DECISION
    return '"" { ' + " ".join(f'"{label}"' for label in labels) + " } 0\n"


def efg_text(u: Unfolding, max_nodes: int = MAX_TREE_NODES) -> str:
    return "".join(write_efg(u, max_nodes))
