"""Generate scenarios of any size as YAML text, for the benchmarks.

A binary tree of decision and chance nodes with metrics, effects, `requires` and payoffs:
the shapes real scenarios use, so that every part of the loader does its work.
"""

from __future__ import annotations

import io


def tree_scenario(n_nodes: int, *, metrics: bool = True) -> str:
    """A scenario of `n_nodes` nodes: internal nodes alternate decision/chance, leaves are outcomes."""
    out = io.StringIO()
    w = out.write
    w("format: 1\nid: bench\ntitle: Benchmark scenario\n")
    w("sources:\n  s1: {title: A source, author: Someone, date: 2019-06-30}\n")
    w("actors:\n  a: {name: Alpha, short: A}\n  b: {name: Beta, short: B}\n")
    if metrics:
        w("metrics:\n  tension: {label: Tension, min: 0, max: 10, initial: 5}\n")
    w("start: n0\nnodes:\n")
    for i in range(n_nodes):
        left, right = 2 * i + 1, 2 * i + 2
        if left == n_nodes - 1:  # the last node is an only child
            w(
                f"  n{i}:\n    kind: decision\n    actor: a\n    title: Decision {i}\n"
                f"    options:\n      - {{label: Go on, to: n{left}}}\n"
            )
        elif right < n_nodes:
            if i % 3 == 2:
                w(
                    f"  n{i}:\n    kind: chance\n    title: Chance {i}\n    sources: [{{ref: s1, note: p. {i}}}]\n"
                    f"    options:\n      - {{label: Breaks, to: n{left}, probability: 0.25}}\n"
                    f"      - {{label: Holds, to: n{right}, probability: 0.75}}\n"
                )
            else:
                actor = "a" if i % 2 == 0 else "b"
                effects = "\n        effects: {tension: 1}" if metrics else ""
                requires = "\n        requires: tension <= 10 and not tension < 0" if metrics else ""
                w(
                    f"  n{i}:\n    kind: decision\n    actor: {actor}\n    title: Decision {i}\n"
                    f"    text: |\n      What does {actor} do at step {i}?\n    when: March 2019\n"
                    f"    options:\n      - label: Press on\n        to: n{left}{effects}\n        confidence: moderate\n"
                    f"        indicators: [Troop movements]\n"
                    f"      - label: Hold back\n        to: n{right}{requires}\n"
                )
        else:
            w(f"  n{i}:\n    kind: outcome\n    title: End {i}\n    payoffs: {{a: {i % 7 - 3}, b: {i % 5 - 2}}}\n")
    return out.getvalue()


def broken_scenario(n_items: int) -> str:
    """A scenario of `n_items` decision nodes with one mistake each, in turn: a misspelt key
    (`titel`, so `title` is missing too), a metric effect that is not a number, and an option
    leading to an unknown node. The leaves are outcomes."""
    out = io.StringIO()
    w = out.write
    w("format: 1\nid: broken\ntitle: Broken benchmark scenario\n")
    w("actors:\n  a: {name: Alpha}\n  b: {name: Beta}\n")
    w("metrics:\n  tension: {label: Tension, min: 0, max: 10, initial: 5}\n")
    w("start: n0\nnodes:\n")
    for i in range(n_items):
        left, right = f"n{2 * i + 1}", f"n{2 * i + 2}"
        title = "titel" if i % 3 == 0 else "title"
        effect = "lots" if i % 3 == 1 else "1"
        if i % 3 == 2:
            right += "x"
        w(
            f"  n{i}:\n    kind: decision\n    actor: {'a' if i % 2 == 0 else 'b'}\n    {title}: Decision {i}\n"
            f"    options:\n      - {{label: Press on, to: {left}, effects: {{tension: {effect}}}}}\n"
            f"      - {{label: Hold back, to: {right}}}\n"
        )
    for i in range(n_items, 2 * n_items + 1):
        w(f"  n{i}: {{kind: outcome, title: End {i}, payoffs: {{a: 1, b: -1}}}}\n")
    return out.getvalue()


def round_scenario(rounds: int, actors: int, moves: int, *, metrics: int = 2, span: int = 6, seed: int = 1,
                   generic: bool = False) -> str:
    """A format-2 game of `rounds` rounds in a row, each played by `actors` actors with `moves` moves:
    every move pushes one of `metrics` bounded metrics (0…`span`) up, down or not at all; rules use
    `picks` and `count(…)`; the last round's rules lead to outcomes, and every actor is scored on the
    metrics (so every metric state at the end is its own position). Positions grow with the reachable
    metric states, joint moves with moves ** actors."""
    import random

    rng = random.Random(seed)
    names = [f"a{i}" for i in range(actors)]
    ids = [f"x{j}" for j in range(moves)]
    out = io.StringIO()
    w = out.write
    w(f"format: 2\nid: rounds\ntitle: {rounds} rounds, {actors} actors, {moves} moves\nactors:\n")
    for i, a in enumerate(names):
        up, down = (round(rng.uniform(0.8, 1.2), 4), round(rng.uniform(-0.6, -0.4), 4)) if generic else (1, -0.5)
        w(f"  {a}: {{name: Actor {i}, score: {{m{i % metrics}: {up}, m{(i + 1) % metrics}: {down}}}}}\n")
    w("metrics:\n")
    for k in range(metrics):
        w(f"  m{k}: {{label: Metric {k}, min: 0, max: {span}, initial: {span // 2}}}\n")
    w("start: r0\nnodes:\n")
    for r in range(rounds):
        nxt = f"r{r + 1}" if r + 1 < rounds else None
        w(f"  r{r}:\n    kind: round\n    title: Round {r}\n    turn: {r + 1}\n    moves:\n")
        for i, a in enumerate(names):
            w(f"      {a}:\n")
            for j, move in enumerate(ids):
                metric = (i + j + r) % metrics
                step = (j % 3) - 1
                effects = f", effects: {{m{metric}: {step}}}" if step else ""
                requires = f', requires: "m{metric} >= 1"' if j == moves - 1 and j > 1 else ""
                w(f"        - {{id: {move}, label: Move {j}{effects}{requires}}}\n")
        w("    then:\n")
        if nxt is None:
            w(f'      - {{if: "count({ids[-1]}) >= {max(1, actors // 2)}", to: clash, effects: {{m0: -1}}}}\n')
            w("      - {if: \"m0 >= " + str(span // 2 + 1) + "\", to: deal}\n")
            w("      - {to: drift}\n")
        else:
            first, second = names[0], names[-1]
            w(f"      - {{picks: {{{first}: {ids[0]}, {second}: {ids[0]}}}, to: {nxt}, effects: {{m{r % metrics}: 1}}}}\n")
            w(f'      - {{if: "count({ids[-1]}) >= {max(1, actors // 2)}", to: {nxt}, effects: {{m{(r + 1) % metrics}: -1}}}}\n')
            w(f"      - {{to: {nxt}}}\n")
    for end in ("clash", "deal", "drift"):
        pay = ", ".join(f"{a}: {rng.randint(-5, 5) + (round(rng.uniform(-0.3, 0.3), 4) if generic else 0)}" for a in names)
        w(f"  {end}: {{kind: outcome, title: {end.title()}, payoffs: {{{pay}}}}}\n")
    return out.getvalue()
