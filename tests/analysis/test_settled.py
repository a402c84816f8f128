"""`settled`: a bounded metric's value where every walk brings the same one, NaN where walks with
different values meet (the expected metrics keep distributions only there)."""

from __future__ import annotations

import math

from explorer.analysis.settled import EdgeEffects, settled
from explorer.analysis.unfolding import unfold
from explorer.loading import load_text

SCENARIO = """\
format: 1
id: s
title: Settled
actors:
  a: {name: A}
metrics:
  m: {label: M, min: 0, max: 2, initial: 1}
start: open
nodes:
  open:
    kind: chance
    title: Open
    options:
      - {label: Left, to: left, probability: 0.5, effects: {m: 1}}
      - {label: Right, to: right, probability: 0.5}
  left:
    kind: decision
    actor: a
    title: Left
    options:
      - {label: On, to: meet}
  right:
    kind: decision
    actor: a
    title: Right
    options:
      - {label: On, to: meet, effects: {m: 1}}
  meet:
    kind: chance
    title: Meet
    options:
      - {label: Up, to: up, probability: 0.5, effects: {m: 5}}
      - {label: Down, to: down, probability: 0.5, effects: {m: -1}}
  up:
    kind: decision
    actor: a
    title: Up
    options:
      - {label: On, to: last}
  down:
    kind: decision
    actor: a
    title: Down
    options:
      - {label: On, to: last}
  last: {kind: outcome, title: Last, payoffs: {a: 1}}
"""


def test_walks_that_meet_with_one_value_are_settled_and_with_two_are_not() -> None:
    result = load_text(SCENARIO)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    u = unfold(result.graph)
    values = settled(u, EdgeEffects(u, [0]))[0]
    at = {u.table.ids[int(n)]: float(v) for n, v in zip(u.pos_node, values, strict=True)}
    assert at["open"] == 1 and at["left"] == 2 and at["right"] == 1
    assert at["meet"] == 2  # both ways bring 2
    assert at["up"] == 2 and at["down"] == 1  # +5 clamped to the maximum
    assert math.isnan(at["last"])  # 2 and 1 meet
