"""Graph checks: cycles, reachability, payoffs, and the state-aware warnings."""

from __future__ import annotations

import pytest

from explorer.checks.states import check_states
from explorer.loading import load_text
from explorer.problems import Problems


def rows(text: str) -> list[tuple[int, int, str, str]]:
    result = load_text(text, "g.yaml")
    return [(p.position.line, p.position.col, p.severity, p.message) for p in result.problems.sorted()]


HEAD = """\
format: 1
id: g
title: Graph
actors: {a: {name: A}, b: {name: B}}
metrics:
  heat: {label: Heat, min: 0, max: 3, initial: 0}
  cost: {label: Cost}
start: s
nodes:
"""


def test_cycles_are_printed_and_point_at_the_closing_option() -> None:
    text = HEAD + """\
  s: {kind: decision, actor: a, title: S, options: [{label: go, to: x}]}
  x: {kind: decision, actor: a, title: X, options: [{label: on, to: y}, {label: end, to: e}]}
  y: {kind: chance, title: Y, options: [{label: back, to: x, probability: 1}]}
  e: {kind: outcome, title: E, payoffs: {a: 1}}
"""
    assert rows(text) == [
        (12, 59, "error", "cycle: x -> y -> x; a scenario must not loop back (point an option at a new node instead)"),
    ]


def test_a_node_pointing_at_itself_is_a_cycle() -> None:
    text = HEAD + """\
  s: {kind: decision, actor: a, title: S, options: [{label: again, to: s}, {label: stop, to: e}]}
  e: {kind: outcome, title: E, payoffs: {a: 1}}
"""
    assert rows(text) == [(10, 72, "error", "cycle: s -> s; a scenario must not loop back (point an option at a new node instead)")]


def test_two_separate_cycles_are_two_errors() -> None:
    text = HEAD + """\
  s: {kind: decision, actor: a, title: S, options: [{label: a, to: p}, {label: b, to: q}]}
  p: {kind: decision, actor: a, title: P, options: [{label: a, to: p2}]}
  p2: {kind: decision, actor: a, title: P2, options: [{label: a, to: p}]}
  q: {kind: decision, actor: a, title: Q, options: [{label: a, to: q}]}
"""
    found = rows(text)
    assert [r[2] for r in found] == ["error", "error"]
    assert {r[3].split(";")[0] for r in found} == {"cycle: p -> p2 -> p", "cycle: q -> q"}


def test_unreachable_nodes_are_warnings_at_their_id() -> None:
    text = HEAD + """\
  s: {kind: decision, actor: a, title: S, options: [{label: go, to: e}]}
  e: {kind: outcome, title: E, payoffs: {a: 1}}
  island: {kind: decision, actor: a, title: I, options: [{label: go, to: shore}]}
  shore: {kind: outcome, title: Shore, payoffs: {a: 0}}
"""
    assert rows(text) == [
        (12, 3, "warning", "node 'island' cannot be reached from start 's'"),
        (13, 3, "warning", "node 'shore' cannot be reached from start 's'"),
    ]


def test_outcomes_missing_payoffs_for_deciding_actors() -> None:
    text = HEAD + """\
  s: {kind: decision, actor: a, title: S, options: [{label: go, to: t}, {label: end, to: e1}]}
  t: {kind: decision, actor: b, title: T, options: [{label: go, to: e2}, {label: no, to: e3}]}
  e1: {kind: outcome, title: One, payoffs: {a: 1, b: 1}}
  e2: {kind: outcome, title: Two, payoffs: {a: 1}}
  e3:
    kind: outcome
    title: Three
"""
    assert rows(text) == [
        (13, 44, "warning", "outcome 'e2' has no payoff for 'b', who decide elsewhere (counted as 0)"),
        (14, 3, "warning", "outcome 'e3' has no payoff for 'a', 'b', who decide elsewhere (counted as 0)"),
    ]


def test_actors_who_never_decide_need_no_payoffs() -> None:
    text = HEAD + """\
  s: {kind: chance, title: S, options: [{label: go, to: e, probability: 1}]}
  e: {kind: outcome, title: E}
"""
    assert rows(text) == []


STATES = HEAD + """\
  s:
    kind: decision
    actor: a
    title: S
    options:
      - {label: Warm, to: m, effects: {heat: 1, cost: 5}}
      - {label: Cool, to: m, effects: {cost: 1}}
      - {label: Boil, to: m, effects: {heat: 100}}
  m:
    kind: decision
    actor: b
    title: M
    options:
      - {label: Hot only, to: e, requires: "heat >= 1"}
      - {label: Never, to: e, requires: "heat > 5"}
      - {label: Broke, to: e, requires: "cost > 4 and heat < 1"}
  e: {kind: outcome, title: E, payoffs: {a: 1, b: 1}}
"""


def test_never_unlockable_options_and_dead_ends() -> None:
    assert rows(STATES) == [
        (18, 3, "warning", "dead end: node 'm' can be reached with every option locked "
         "(option 1: needs Heat ≥ 1; now Heat 0; option 2: needs Heat > 5; now Heat 0; "
         "option 3: needs Cost > 4; now Cost 1)"),
        (24, 42, "warning", "node 'm', option 2: no reachable state satisfies requires 'heat > 5'; it is always locked"),
        (25, 42, "warning", "node 'm', option 3: no reachable state satisfies requires 'cost > 4 and heat < 1'; it is always locked"),
    ]


def test_clamping_is_applied_when_exploring() -> None:
    """`Boil` adds 100 but heat stops at its max 3, so `heat > 5` stays locked."""
    text = STATES.replace("max: 3", "max: 10")
    assert not any("heat > 5" in r[3] for r in rows(text))


def test_the_state_exploration_bound_says_so() -> None:
    result = load_text(STATES, "g.yaml")
    problems = Problems()
    check_states(result.graph, result.locator, problems, max_positions=2)
    assert [(p.position.line, p.position.col, p.severity, p.message) for p in problems.items] == [
        (9, 1, "warning", "state exploration stopped after 2 (node, metric) positions; "
         "checks for never-unlocked options and dead ends are incomplete"),
    ]


def test_state_checks_are_skipped_while_there_are_errors() -> None:
    text = STATES.replace("title: S\n", "title: S\n    tittle: x\n")
    assert [r[2:] for r in rows(text)] == [("error", "unknown key 'tittle' in node 's' (did you mean 'title'?)")]


@pytest.mark.parametrize("count", [40])
def test_many_metric_values_do_not_multiply_positions_of_unread_metrics(count: int) -> None:
    """Only metrics read by some `requires` tell positions apart; `cost` changes on every move."""
    lines = [HEAD]
    for i in range(count):
        lines.append(
            f"  {'s' if i == 0 else f'n{i}'}: {{kind: decision, actor: a, title: N, options: "
            f"[{{label: x, to: n{i + 1}, effects: {{cost: 1}}}}, {{label: y, to: n{i + 1}, effects: {{cost: 2}}}}]}}\n"
        )
    lines.append(f"  n{count}: {{kind: decision, actor: a, title: Last, options: [{{label: z, to: e, requires: 'heat < 1'}}]}}\n")
    lines.append("  e: {kind: outcome, title: E, payoffs: {a: 1}}\n")
    result = load_text("".join(lines), "g.yaml")
    assert result.ok and result.problems.items == []
