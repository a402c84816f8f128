"""The solver against answers worked out by hand, and against an independent reference solver."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.summary import analyse
from explorer.analysis.unfolding import unfold
from tests.analysis.analysis_helpers import STUCK, Reference, graph_of, scenarios

HEADER = """\
format: 1
id: t
title: T
actors:
  a: {name: Alpha}
  b: {name: Beta}
"""


def test_format_page_example_by_hand(tiny_yaml: str) -> None:
    a = analyse(graph_of(tiny_yaml))
    # reply at tension 3: Escalate (tension >= 4) is locked, so Beta accepts: Talk is worth 2 to Alpha;
    # Threaten is worth 0.25·(-10) + 0.75·2 = -1. Alpha talks.
    assert [s.node_id for s in a.eq_path] == ["open", "reply", "deal"]
    assert a.payoffs == {"a": 2.0, "b": 2.0}
    beliefs, eq, uniform = (a.results[p] for p in ("beliefs", "equilibrium", "uniform"))
    assert beliefs.outcomes == pytest.approx({"deal": 0.6 + 0.4 * 0.75, "war": 0.4 * 0.25})
    assert eq.outcomes == pytest.approx({"deal": 1.0})
    assert uniform.outcomes == pytest.approx({"deal": 0.5 + 0.5 * 0.75, "war": 0.125})
    assert beliefs.payoffs == pytest.approx({"a": 0.9 * 2 - 0.1 * 10, "b": 0.9 * 2 - 0.1 * 8})
    # final tension: 3 after Talk, 8 after Threaten
    assert beliefs.metrics == pytest.approx({"tension": 0.6 * 3 + 0.4 * 8})
    assert eq.metrics == pytest.approx({"tension": 3.0})
    assert uniform.metrics == pytest.approx({"tension": 5.5})
    assert [s.node_id for s in a.likely_path] == ["open", "reply", "deal"]
    assert a.likely_probability == pytest.approx(0.6)
    assert a.most_likely_outcome() == ("deal", pytest.approx(0.9))


def test_json_has_the_promised_keys(tiny_yaml: str) -> None:
    data = analyse(graph_of(tiny_yaml)).as_json()
    assert data["equilibrium"]["path"] == ["open", "reply", "deal"]
    assert data["equilibrium"]["payoffs"] == {"a": 2.0, "b": 2.0}
    assert set(data["distribution"]) == {"beliefs", "equilibrium", "uniform"}
    assert data["distribution"]["uniform"]["war"] == pytest.approx(0.125)


def test_ties_go_to_the_option_listed_first() -> None:
    g = graph_of(HEADER + """\
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: Two equal choices
    options:
      - {label: Left, to: left}
      - {label: Right, to: coin}
  coin:
    kind: chance
    title: Coin
    options:
      - {label: Heads, to: big, probability: 0.5}
      - {label: Tails, to: none, probability: 0.5}
  left: {kind: outcome, title: L, payoffs: {a: 1, b: 0}}
  big: {kind: outcome, title: B, payoffs: {a: 2, b: 5}}
  none: {kind: outcome, title: N, payoffs: {a: 0, b: 5}}
""")
    a = analyse(g)  # Left is worth 1, Right 0.5·2 + 0.5·0 = 1: a tie, so Left
    assert a.eq_path[0].option == 0
    assert a.payoffs == {"a": 1.0, "b": 0.0}


def test_tie_within_float_noise_is_still_a_tie() -> None:
    g = graph_of(HEADER + """\
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: 0.3 sure, or 0.1 three times
    options:
      - {label: Sure, to: sure}
      - {label: Lottery, to: lottery}
  lottery:
    kind: chance
    title: L
    options:
      - {label: x, to: p1, probability: 0.1}
      - {label: y, to: p2, probability: 0.1}
      - {label: z, to: p3, probability: 0.8}
  sure: {kind: outcome, title: S, payoffs: {a: 0.3}}
  p1: {kind: outcome, title: P1, payoffs: {a: 1}}
  p2: {kind: outcome, title: P2, payoffs: {a: 1}}
  p3: {kind: outcome, title: P3, payoffs: {a: 0.125}}
""")
    assert analyse(g).eq_path[0].option == 0  # 0.1 + 0.1 + 0.8·0.125 = 0.30000000000000004


def test_locked_options_and_clamping_shape_the_equilibrium() -> None:
    g = graph_of(HEADER + """\
metrics:
  heat: {label: Heat, min: 0, max: 3, initial: 2}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: Heat it (clamped at 3) or cool it
    options:
      - {label: Heat, to: t, effects: {heat: 5}}
      - {label: Cool, to: t, effects: {heat: -1}}
  t:
    kind: decision
    actor: b
    title: B's options depend on the heat
    options:
      - {label: Fold, to: fold}
      - {label: Strike, to: strike, requires: heat >= 3}
      - {label: Bargain, to: bargain, requires: heat < 2}
  fold: {kind: outcome, title: F, payoffs: {a: 1, b: 0}}
  strike: {kind: outcome, title: S, payoffs: {a: -5, b: 3}}
  bargain: {kind: outcome, title: B, payoffs: {a: 2, b: 1}}
""")
    u = unfold(g)
    assert len(u.positions_of("t")) == 2  # heat 3 (2 + 5, clamped) and heat 1
    a = analyse(g)
    # Heat: heat 3, B strikes (3 > 0): -5 for A. Cool: heat 1, B bargains (1 > 0): 2 for A.
    assert [s.node_id for s in a.eq_path] == ["s", "t", "bargain"]
    assert a.payoffs == {"a": 2.0, "b": 1.0}
    assert a.results["uniform"].outcomes == pytest.approx({"strike": 0.25, "fold": 0.5, "bargain": 0.25})
    assert a.results["uniform"].metrics == pytest.approx({"heat": 2.0})


def test_merged_paths_with_different_states_are_different_positions() -> None:
    g = graph_of(HEADER + """\
metrics:
  trust: {label: Trust}
start: s
nodes:
  s:
    kind: chance
    title: Two roads to the same meeting
    options:
      - {label: Warm, to: meet, probability: 0.3, effects: {trust: 2}}
      - {label: Cold, to: meet, probability: 0.7}
  meet:
    kind: decision
    actor: a
    title: The meeting
    options:
      - {label: Hold out, to: nothing}
      - {label: Deal, to: deal, requires: trust >= 1}
  nothing: {kind: outcome, title: Nothing, payoffs: {a: 0}}
  deal: {kind: outcome, title: Deal, payoffs: {a: 4}}
""")
    a = analyse(g)
    assert len(a.unfolding.positions_of("meet")) == 2
    assert a.payoffs["a"] == pytest.approx(0.3 * 4)
    assert a.results["equilibrium"].outcomes == pytest.approx({"deal": 0.3, "nothing": 0.7})
    assert a.results["beliefs"].metrics == pytest.approx({"trust": 0.6})
    # the equilibrium path follows the most probable branch at chance nodes
    assert [s.node_id for s in a.eq_path] == ["s", "meet", "nothing"]


def test_merged_paths_with_the_same_state_share_a_position() -> None:
    g = graph_of(HEADER + """\
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: Two ways to m
    options:
      - {label: One, to: m}
      - {label: Two, to: m}
  m: {kind: chance, title: M, options: [{label: x, to: o, probability: 1}]}
  o: {kind: outcome, title: O, payoffs: {a: 1}}
""")
    u = unfold(g)
    assert len(u) == 3 and u.pos_kids[0] == [1, 1]


def test_beliefs_renormalise_over_open_options_and_chance_too() -> None:
    g = graph_of(HEADER + """\
metrics:
  m: {label: M}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: Beliefs with one option locked
    options:
      - {label: A, to: c, probability: 0.5}
      - {label: B, to: x, probability: 0.3, requires: m > 0}
      - {label: C, to: y, probability: 0.2}
  c:
    kind: chance
    title: Chance with one option locked
    options:
      - {label: P, to: x, probability: 0.6, requires: m > 0}
      - {label: Q, to: y, probability: 0.1}
      - {label: R, to: z, probability: 0.3}
  x: {kind: outcome, title: X}
  y: {kind: outcome, title: Y}
  z: {kind: outcome, title: Z}
""")
    out = analyse(g).results["beliefs"].outcomes
    # A 5/7, C 2/7; at c: Q 1/4, R 3/4
    assert out == pytest.approx({"y": 2 / 7 + 5 / 7 * 0.25, "z": 5 / 7 * 0.75})


def test_dead_end_scores_zero_and_is_reported_as_stuck() -> None:
    g = graph_of(HEADER + """\
metrics:
  m: {label: M}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: S
    options:
      - {label: Into the trap, to: trap}
      - {label: Safe, to: low}
  trap:
    kind: decision
    actor: b
    title: Every option locked
    options:
      - {label: Never, to: high, requires: m > 0}
  high: {kind: outcome, title: H, payoffs: {a: 9}}
  low: {kind: outcome, title: L, payoffs: {a: -1}}
""")
    a = analyse(g)
    assert a.payoffs == {"a": 0.0, "b": 0.0}  # the dead end (0) beats Safe (-1)
    assert [s.node_id for s in a.eq_path] == ["s", "trap"]
    assert a.results["uniform"].stuck == pytest.approx(0.5)
    assert a.results["uniform"].outcomes == pytest.approx({"low": 0.5})


def test_a_long_chain_needs_no_recursion() -> None:
    n = 20_000
    nodes = "".join(
        f"  n{i}: {{kind: decision, actor: a, title: t, options: [{{label: go, to: n{i + 1}, effects: {{m: 1}}}}, "
        f"{{label: stop, to: end, requires: m >= 3}}]}}\n"
        for i in range(n)
    )
    g = graph_of(HEADER + "metrics:\n  m: {label: M, max: 5}\nstart: n0\nnodes:\n" + nodes
                 + f"  n{n}: {{kind: outcome, title: last, payoffs: {{a: 5}}}}\n  end: {{kind: outcome, title: end, payoffs: {{a: 1}}}}\n")
    a = analyse(g)
    assert len(a.unfolding) > n
    assert a.payoffs["a"] == 5.0 and len(a.eq_path) == n + 1
    assert a.results["equilibrium"].metrics == {"m": 5.0}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_agrees_with_the_reference_solver(text: str) -> None:
    g = graph_of(text)
    ref = Reference(g)
    a = analyse(g)
    assert a.payoffs == pytest.approx(ref.payoffs(), abs=1e-9)
    for policy in ("beliefs", "equilibrium", "uniform"):
        exact = {k: float(v) for k, v in ref.distribution(policy).items() if v}
        mine = dict(a.results[policy].outcomes)
        if a.results[policy].stuck:
            mine[STUCK] = a.results[policy].stuck
        assert mine == pytest.approx(exact, abs=1e-9), policy
        assert a.results[policy].metrics == pytest.approx(ref.metrics(policy), abs=1e-9), policy


def test_outlook_per_option(tiny_yaml: str) -> None:
    a = analyse(graph_of(tiny_yaml), "uniform")
    talk, threaten = a.outlook("open", a.graph.initial_state)
    assert talk.equilibrium and not threaten.equilibrium
    assert talk.payoffs == {"a": 2.0, "b": 2.0} and threaten.payoffs == pytest.approx({"a": -1.0, "b": -0.5})
    assert talk.outcomes == pytest.approx({"deal": 1.0}) and threaten.outcomes == pytest.approx({"war": 0.25, "deal": 0.75})
    assert [o.index for o in a.outlook("reply", (3.0,))] == [0]  # Escalate is locked at tension 3
    assert a.outlook("reply", (9.0,)) == []  # never reached with tension 9
