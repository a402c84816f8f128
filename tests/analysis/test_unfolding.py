"""The unfolding: which metrics tell positions apart, lookups, limits."""

from __future__ import annotations

import pytest

from explorer.analysis.unfolding import DECISION, OUTCOME, UnfoldingTooLarge, unfold
from tests.analysis.analysis_helpers import graph_of

HEADER = """\
format: 1
id: t
title: T
actors:
  a: {name: Alpha}
metrics:
  read: {label: Read early}
  noise: {label: Never read}
start: s
nodes:
"""

NODES = """\
  s:
    kind: chance
    title: S
    options:
      - {label: x, to: gate, probability: 0.5, effects: {read: 1, noise: 1}}
      - {label: y, to: gate, probability: 0.5, effects: {noise: 2}}
  gate:
    kind: decision
    actor: a
    title: Gate
    options:
      - {label: Open, to: after, requires: read >= 1}
      - {label: Wait, to: after, effects: {read: 5}}
  after:
    kind: chance
    title: After the gate nothing reads a metric
    options:
      - {label: p, to: end, probability: 0.5, effects: {noise: 3}}
      - {label: q, to: end, probability: 0.5, effects: {read: 1}}
  end: {kind: outcome, title: End, payoffs: {a: 1}}
"""


def test_only_metrics_read_below_a_node_split_its_positions() -> None:
    u = unfold(graph_of(HEADER + NODES))
    graph = u.graph
    assert u.live[u.table.number["gate"]] == (graph.metric_slot["read"],)
    assert u.live[u.table.number["after"]] == ()
    assert len(u.positions_of("gate")) == 2  # read = 1 or 0; noise never matters
    assert len(u.positions_of("after")) == 1  # nothing below reads a metric: one position
    assert len(u.positions_of("end")) == 1
    assert u.kind(0) != OUTCOME and u.table.kinds[u.table.number["gate"]] == DECISION


def test_find_projects_a_full_state() -> None:
    u = unfold(graph_of(HEADER + NODES))
    open_gate = u.find("gate", (1.0, 7.0))
    shut_gate = u.find("gate", (0.0, 2.0))
    assert open_gate is not None and shut_gate is not None and open_gate != shut_gate
    assert u.pos_opts[open_gate] == (0, 1) and u.pos_opts[shut_gate] == (1,)
    assert u.state(open_gate) == {"read": 1.0}
    assert u.find("gate", (3.0, 0.0)) is None  # never reached with read = 3
    assert u.find("nowhere", (0.0, 0.0)) is None


def test_requires_without_metrics_is_constant() -> None:
    u = unfold(graph_of("""\
format: 1
id: t
title: T
actors: {a: {name: A}}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: S
    options:
      - {label: Never, to: o, requires: "false"}
      - {label: Always, to: o, requires: "true or false"}
  o: {kind: outcome, title: O}
"""))
    assert u.pos_opts[0] == (1,)


def test_too_many_positions_is_a_clear_error() -> None:
    g = graph_of(HEADER + NODES)
    with pytest.raises(UnfoldingTooLarge, match="positions"):
        unfold(g, max_positions=2)
