"""Our solution played in Gambit: the `.efg` export read back by pygambit, our equilibrium as a behaviour
profile on it (decisions pure, rounds as their stage equilibria, chance as written), and the regret of
every agent of every subgame, computed from Gambit's own node values."""

from __future__ import annotations

import io
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from explorer.analysis.equilibrium import Equilibrium
from explorer.analysis.unfolding import DECISION, ROUND, Unfolding
from explorer.export.efg import efg_text


@dataclass
class Agent:
    """One information set of ours in Gambit's tree: its members, each with the probability that play
    inside its stage reaches it (1 at a decision), and the probabilities our profile gives its actions."""

    player: Any
    members: list[tuple[Any, float]] = field(default_factory=list)
    behaviour: tuple[float, ...] = ()


@dataclass
class Played:
    game: Any
    profile: Any
    agents: list[Agent]

    def payoffs(self) -> list[float]:
        return [float(self.profile.payoff(player)) for player in self.game.players]

    def agent_regrets(self) -> list[float]:
        """Per agent: the best action's value minus the value of our behaviour, both conditional on
        reaching the information set from its stage's root, with Gambit's node values (which are under
        our profile everywhere below, on the equilibrium path or not): all ≈ 0 is subgame perfection."""
        out = []
        for agent in self.agents:
            weight = sum(w for _, w in agent.members)
            if weight <= 0:
                continue
            width = len(agent.behaviour)
            values = [sum(w * float(self.profile.node_value(agent.player, list(node.children)[i])) for node, w in agent.members) / weight
                      for i in range(width)]
            ours = sum(p * v for p, v in zip(agent.behaviour, values, strict=True))
            out.append(max(values) - ours)
        return out


def play(u: Unfolding, eq: Equilibrium) -> Played:
    """Read our export with Gambit and set our equilibrium on it, walking both trees side by side."""
    import pygambit as gbt

    game = gbt.read_efg(io.StringIO(efg_text(u)))
    profile = game.mixed_behavior_profile(rational=False)
    agents: list[Agent] = []
    kinds = u.table.kinds
    stack: list[tuple[Any, ...]] = [(0, game.root)]
    while stack:
        item = stack.pop()
        if len(item) == 2:
            p, node = item
            kids = u.pos_kids[p]
            kind = kinds[u.pos_node[p]]
            if kind == ROUND:
                if not u.stages[p].actors:
                    stack.append((kids[0], node))
                    continue
                level_agents = [Agent(None, [], eq.stages[p].profile[i]) for i in range(len(u.stages[p].actors))]
                agents.extend(level_agents)
                stack.append((p, node, 0, 0, 1.0, level_agents))
                continue
            children = list(node.children)
            assert len(kids) == len(children)
            if not kids:
                continue
            if kind == DECISION:
                pure = tuple(1.0 if i == eq.choice[p] else 0.0 for i in range(len(kids)))
                for action, x in zip(node.infoset.actions, pure, strict=True):
                    profile[action] = x
                agents.append(Agent(node.player, [(node, 1.0)], pure))
            stack.extend(zip(kids, children, strict=True))
            continue
        p, node, level, first, reach, level_agents = item
        stage = u.stages[p]
        agent = level_agents[level]
        agent.player = node.player
        agent.members.append((node, reach))
        for action, x in zip(node.infoset.actions, agent.behaviour, strict=True):
            profile[action] = x
        children = list(node.children)
        assert len(children) == stage.shape[level]
        if level + 1 < len(stage.shape):
            span = 1
            for m in stage.shape[level + 1:]:
                span *= m
            stack.extend((p, child, level + 1, first + j * span, reach * agent.behaviour[j], level_agents)
                         for j, child in enumerate(children))
        else:
            stack.extend(zip(u.pos_kids[p][first:first + len(children)], children, strict=True))
    return Played(game, profile, agents)


def strategies(game: Any) -> list[int]:
    """Per player, its number of pure strategies (a product over its information sets): what Gambit's
    strategy-based computations (`max_regret`, the strategic form) enumerate."""
    out = []
    for player in game.players:
        total = 1
        for infoset in player.infosets:
            total *= len(infoset.actions)
        out.append(total)
    return out


def generic_stages(seed: int, actors: int = 3) -> str:
    """YAML of a seeded generic multi-stage game: a round in which every joint move has its own next node
    — an outcome, a decision or chance node over fresh outcomes, or a second round like the first (at
    most two rounds deep) — with payoffs drawn uniformly from [−5, 5]: no ties, every actor's move matters."""
    rng = random.Random(seed)
    names = "abcd"[:actors]
    lines = ["format: 2", f"id: generic{seed}", "title: Generic stages", "actors:",
             *(f"  {a}: {{name: Actor {a}}}" for a in names), "start: n0", "nodes:"]
    fresh = itertools.count(1)

    def outcome(node: str) -> None:
        pay = ", ".join(f"{a}: {rng.uniform(-5, 5):.4f}" for a in names)
        lines.append(f"  {node}: {{kind: outcome, title: End {node}, payoffs: {{{pay}}}}}")

    def stage(node: str, depth: int) -> None:
        widths = [rng.choice([2, 2, 3]) if actors == 2 else 2 for _ in names]
        lines.extend([f"  {node}:", "    kind: round", f"    title: Round {node}", "    moves:"])
        lines.extend(f"      {a}: [" + ", ".join(f"{{id: m{j}, label: Move {j}}}" for j in range(w)) + "]"
                     for a, w in zip(names, widths, strict=True))
        lines.append("    then:")
        joints = list(itertools.product(*(range(w) for w in widths)))
        kids = [f"n{next(fresh)}" for _ in joints]
        for i, (joint, kid) in enumerate(zip(joints, kids, strict=True)):
            picks = ", ".join(f"{a}: m{j}" for a, j in zip(names, joint, strict=True))
            lines.append(f"      - {{picks: {{{picks}}}, to: {kid}}}" if i < len(joints) - 1 else f"      - {{to: {kid}}}")
        for kid in kids:
            below(kid, depth + 1)

    def below(node: str, depth: int) -> None:
        kind = "outcome" if depth >= 2 else rng.choice(["outcome", "outcome", "round", "decision", "chance"])
        if kind == "outcome":
            outcome(node)
            return
        if kind == "round":
            stage(node, depth)
            return
        kids = [f"n{next(fresh)}" for _ in range(rng.choice([2, 3]))]
        lines.extend([f"  {node}:", f"    kind: {kind}", f"    title: Node {node}"])
        if kind == "decision":
            lines.append(f"    actor: {rng.choice(names)}")
        lines.append("    options:")
        odds = ["0.5", "0.5"] if len(kids) == 2 else ["0.2", "0.3", "0.5"]
        for kid, p in zip(kids, odds, strict=True):
            lines.append(f"      - {{label: Option {kid}, to: {kid}" + (f", probability: {p}}}" if kind == "chance" else "}"))
        for kid in kids:
            outcome(kid)

    stage("n0", 0)
    return "\n".join(lines) + "\n"
