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
