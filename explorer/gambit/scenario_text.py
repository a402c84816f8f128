"""A Gambit game, planned by `stages.plan`, written as a format-2 scenario in YAML.

Players become actors (ids made from their names); a single-node information set a `decision`, a
chance node a `chance` node (its exact probabilities as decimals; an action of probability 0 is left
out, since it never happens), a stage a `round` with each player's moves and one `picks` rule per joint
move (the last one unconditional, as the format requires), and each terminal an `outcome` whose payoffs
are the sum of the Gambit outcomes met on the way (Gambit adds up outcomes at non-terminal nodes);
terminals with the same outcome and the same sum share one outcome node. Ids are slugs of the labels,
made unique; titles are the labels, or say what the node is. Text is written double-quoted.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from explorer.gambit.efg_reader import CHANCE, TERMINAL, EfgGame
from explorer.gambit.stages import Plan, player_name
from explorer.scaffold import q


def _slug(text: str, fallback: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return words[:40].rstrip("_") or fallback


class _Ids:
    """Unique slugs within one namespace."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, fallback: str) -> str:
        base = _slug(text, fallback)
        made = base
        for k in itertools.count(2):
            if made not in self.used:
                break
            made = f"{base}_{k}"
        self.used.add(made)
        return made


def _number(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else repr(float(x))


@dataclass
class _Scenario:
    game: EfgGame
    plan: Plan
    actors: list[str]
    names: list[str]
    """Each player's name (its number where Gambit gives none)."""
    ids: dict[int, str]
    """Node index → scenario node id (stage first nodes and non-terminals; terminals map to their outcome)."""
    outcome_nodes: dict[tuple[int, tuple[Fraction, ...]], str]


def scenario_text(game: EfgGame, plan: Plan, source: str) -> str:
    """The scenario's YAML; `source` names the .efg file in the header comment."""
    return "".join(_lines(game, plan, source))


def _lines(game: EfgGame, plan: Plan, source: str) -> Iterator[str]:
    actor_ids = _Ids()
    names = [player_name(game, i + 1) for i in range(len(game.players))]
    actors = [actor_ids.make(name, f"player_{i + 1}") for i, name in enumerate(names)]
    s = _Scenario(game, plan, actors, names, {}, {})
    totals = _totals(game, plan)
    node_ids = _Ids()
    for n, node in enumerate(game.nodes):
        if not plan.reached[n] or n in plan.inside:
            continue
        if node.kind == TERMINAL:
            key = (node.outcome, totals[n])
            if key not in s.outcome_nodes:
                outcome = game.outcomes.get(node.outcome)
                s.outcome_nodes[key] = node_ids.make(outcome.label if outcome else node.label, "end")
            s.ids[n] = s.outcome_nodes[key]
        elif n in plan.stages:
            s.ids[n] = node_ids.make(node.label, "round")
        else:
            s.ids[n] = node_ids.make(node.label or game.infoset_of(n).label, "chance" if node.kind == CHANCE else "decision")
    yield f"# Imported from {source} (a Gambit extensive-form game) by `explorer import`.\n"
    yield "# Moves a player makes seeing everything before it are decisions; players who move without seeing each\n"
    yield "# other's moves, revealed once all have moved, are rounds. Probabilities and payoffs are written as decimals.\n"
    yield "format: 2\n"
    yield f"id: {_slug(game.title or source, 'imported')}\n"
    yield f"title: {q(game.title or source)}\n"
    if game.comment:
        yield f"summary: {q(game.comment)}\n"
    yield "actors:\n"
    for actor, name in zip(actors, names, strict=True):
        yield f"  {actor}: {{name: {q(name)}}}\n"
    yield f"start: {s.ids[0]}\n"
    yield "nodes:\n"
    for n, node in enumerate(game.nodes):
        if n in s.ids and node.kind != TERMINAL:
            yield from _round(s, n) if n in plan.stages else _node(s, n)
    for (number, payoffs), node_id in s.outcome_nodes.items():
        outcome = game.outcomes.get(number)
        title = outcome.label if outcome and outcome.label else "End"
        pays = ", ".join(f"{a}: {_number(x)}" for a, x in zip(actors, payoffs, strict=True))
        yield f"  {node_id}: {{kind: outcome, title: {q(title)}, payoffs: {{{pays}}}}}\n"


def _totals(game: EfgGame, plan: Plan) -> dict[int, tuple[Fraction, ...]]:
    """Each written terminal's payoffs: the sum of the outcomes from the root to it."""
    zero = (Fraction(0),) * len(game.players)
    acc: dict[int, tuple[Fraction, ...]] = {}
    out = {}
    for n, node in enumerate(game.nodes):  # prefix order: a parent comes before its children
        if not plan.reached[n]:
            continue
        here = acc[node.parent] if node.parent >= 0 else zero
        outcome = game.outcomes.get(node.outcome)
        if outcome is not None:
            here = tuple(a + b for a, b in zip(here, outcome.payoffs, strict=True))
        acc[n] = here
        if node.kind == TERMINAL:
            out[n] = here
    return out


def _labels(actions: list[str]) -> list[str]:
    return [a or f"Action {i + 1}" for i, a in enumerate(actions)]


def _node(s: _Scenario, n: int) -> Iterator[str]:
    game = s.game
    node = game.nodes[n]
    infoset = game.infoset_of(n)
    chance = node.kind == CHANCE
    title = node.label or infoset.label or ("Chance" if chance else f"{s.names[node.player - 1]} moves")
    yield f"  {s.ids[n]}:\n    kind: {'chance' if chance else 'decision'}\n    title: {q(title)}\n"
    if not chance:
        yield f"    actor: {s.actors[node.player - 1]}\n"
    yield "    options:\n"
    for i, (label, child) in enumerate(zip(_labels(infoset.actions), node.children, strict=True)):
        if chance:
            odds = (infoset.probabilities or [])[i]
            if odds > 0:
                yield f"      - {{label: {q(label)}, to: {s.ids[child]}, probability: {float(odds)!r}}}\n"
        else:
            yield f"      - {{label: {q(label)}, to: {s.ids[child]}}}\n"


def _round(s: _Scenario, n: int) -> Iterator[str]:
    game = s.game
    levels = s.plan.stages[n]
    players = [game.nodes[level[0]].player for level in levels]
    names = [s.names[p - 1] for p in players]
    title = game.nodes[n].label or f"{', '.join(names[:-1])} and {names[-1]} move at once"
    yield f"  {s.ids[n]}:\n    kind: round\n    title: {q(title)}\n    moves:\n"
    move_ids = []
    for level, player in zip(levels, players, strict=True):
        ids = _Ids()
        actions = game.infoset_of(level[0]).actions
        mine = [ids.make(label, f"move_{i + 1}") for i, label in enumerate(actions)]
        move_ids.append(mine)
        yield f"      {s.actors[player - 1]}:\n"
        for move_id, label in zip(mine, _labels(actions), strict=True):
            yield f"        - {{id: {move_id}, label: {q(label)}}}\n"
    yield "    then:\n"
    leaves = [c for m in levels[-1] for c in game.nodes[m].children]
    written = [c for c in leaves if c in s.ids]
    for leaf in written[:-1]:
        chosen = []
        x = leaf
        for _ in levels:
            chosen.append(game.nodes[x].action)
            x = game.nodes[x].parent
        picks = ", ".join(f"{s.actors[p - 1]}: {ids[a]}" for p, ids, a in zip(players, move_ids, reversed(chosen), strict=True))
        yield f"      - {{picks: {{{picks}}}, to: {s.ids[leaf]}}}\n"
    yield f"      - {{to: {s.ids[written[-1]]}}}\n"
