"""Classic simultaneous-move games written as format-2 rounds, with their textbook answers; the tie test
scaled by the outcomes reachable from a position (both formats); `score` payoffs."""

from __future__ import annotations

import pytest

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.stage import StageMethod
from explorer.analysis.stage_report import stage_reports
from explorer.analysis.summary import analyse
from explorer.analysis.unfolding import unfold
from tests.analysis.analysis_helpers import graph_of


def two_by_two(title: str, moves: tuple[str, str], payoffs: dict[tuple[str, str], tuple[float, float]]) -> str:
    """A one-round game of two actors with two moves each, one outcome per joint move."""
    m1, m2 = moves
    rules, outcomes = [], []
    for (x, y), (pa, pb) in payoffs.items():
        rules.append(f"      - {{picks: {{a: {x}, b: {y}}}, to: {x}_{y}}}")
        outcomes.append(f"  {x}_{y}: {{kind: outcome, title: {x} {y}, payoffs: {{a: {pa}, b: {pb}}}}}")
    return "\n".join([
        "format: 2", "id: game", f"title: {title}", "actors:", "  a: {name: Row}", "  b: {name: Column}",
        "start: r", "nodes:", "  r:", "    kind: round", "    title: Both move", "    moves:",
        f"      a: [{{id: {m1}, label: {m1}}}, {{id: {m2}, label: {m2}}}]",
        f"      b: [{{id: {m1}, label: {m1}}}, {{id: {m2}, label: {m2}}}]",
        "    then:", *rules[:-1], f"      - {{to: {m2}_{m2}}}", *outcomes,
    ]) + "\n"


def solved(text: str):
    graph = graph_of(text)
    u = unfold(graph)
    return u, equilibrium(u)


def test_prisoners_dilemma_both_defect() -> None:
    _u, eq = solved(two_by_two("Prisoner's dilemma", ("c", "d"), {
        ("c", "c"): (3, 3), ("c", "d"): (0, 5), ("d", "c"): (5, 0), ("d", "d"): (1, 1)}))
    stage = eq.stages[0]
    assert stage.method is StageMethod.PURE and stage.pure_equilibria == ((1, 1),) and stage.chosen == (1, 1)
    assert eq.values[0] == (1.0, 1.0)


def test_matching_pennies_is_mixed_half_half() -> None:
    u, eq = solved(two_by_two("Matching pennies", ("h", "t"), {
        ("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)}))
    stage = eq.stages[0]
    assert stage.chosen is None and stage.pure_equilibria == ()
    assert [list(p) for p in stage.profile] == [pytest.approx([0.5, 0.5])] * 2
    assert eq.values[0] == pytest.approx((0.0, 0.0), abs=1e-12)
    analysis = analyse(u.graph, "equilibrium", u)
    assert analysis.results["equilibrium"].outcomes == pytest.approx({"h_h": 0.25, "h_t": 0.25, "t_h": 0.25, "t_t": 0.25})
    (report,) = stage_reports(analysis)
    assert "no pure equilibrium" in report.why() and report.mixed() == {"a": pytest.approx({"h": 0.5, "t": 0.5}),
                                                                         "b": pytest.approx({"h": 0.5, "t": 0.5})}


def test_battle_of_the_sexes_takes_the_first_of_two_undominated_equilibria() -> None:
    u, eq = solved(two_by_two("Battle of the sexes", ("opera", "fight"), {
        ("opera", "opera"): (2, 1), ("opera", "fight"): (0, 0), ("fight", "opera"): (0, 0), ("fight", "fight"): (1, 2)}))
    stage = eq.stages[0]
    assert stage.pure_equilibria == ((0, 0), (1, 1)) and stage.undominated == ((0, 0), (1, 1))
    assert stage.chosen == (0, 0) and eq.values[0] == (2.0, 1.0)
    (report,) = stage_reports(analyse(u.graph, "equilibrium", u))
    assert report.why().startswith("2 pure equilibria, none Pareto-dominated by another; the first in move order")


def test_stag_hunt_takes_the_pareto_dominant_equilibrium_even_when_listed_second() -> None:
    _u, eq = solved(two_by_two("Stag hunt", ("hare", "stag"), {
        ("hare", "hare"): (2, 2), ("hare", "stag"): (3, 0), ("stag", "hare"): (0, 3), ("stag", "stag"): (4, 4)}))
    stage = eq.stages[0]
    assert stage.pure_equilibria == ((0, 0), (1, 1)) and stage.undominated == ((1, 1),) and stage.chosen == (1, 1)


TWO_STAGES = """\
format: 2
id: two_stages
title: Invest first, then coordinate
actors:
  a: {name: Alpha, score: {trust: 1}}
  b: {name: Beta, score: {trust: 1}}
metrics:
  trust: {label: Trust, min: 0, max: 4, initial: 0}
start: first
nodes:
  first:
    kind: round
    title: Invest in trust?
    moves:
      a: [{id: keep, label: Keep}, {id: invest, label: Invest, effects: {trust: 2}}]
      b: [{id: keep, label: Keep}, {id: invest, label: Invest, effects: {trust: 1}}]
    then:
      - {to: second}
  second:
    kind: round
    title: Coordinate
    moves:
      a: [{id: safe, label: Safe}, {id: bold, label: Bold}]
      b: [{id: safe, label: Safe}, {id: bold, label: Bold}]
    then:
      - {picks: {a: bold, b: bold}, if: "trust >= 3", to: boom, label: "Both bold, and it pays"}
      - {picks: {a: bold, b: bold}, to: bust, label: "Both bold, without trust"}
      - {picks: {a: safe, b: safe}, to: calm}
      - {to: split}
  boom: {kind: outcome, title: Boom, payoffs: {a: 5, b: 5}}
  bust: {kind: outcome, title: Bust, payoffs: {a: -5, b: -5}}
  calm: {kind: outcome, title: Calm, payoffs: {a: 1, b: 1}}
  split: {kind: outcome, title: Split, payoffs: {a: 0, b: 0}}
"""


def test_the_first_rounds_choice_changes_the_second_rounds_equilibrium() -> None:
    u, eq = solved(TWO_STAGES)
    graph = u.graph
    second = {u.state(p)["trust"]: p for p in u.positions_of("second")}
    assert set(second) == {0.0, 1.0, 2.0, 3.0}
    # Without enough trust, bold/bold busts: both play safe. With trust 3, bold/bold pays and Pareto-dominates.
    for trust in (0.0, 1.0, 2.0):
        assert eq.stages[second[trust]].chosen == (0, 0)
    assert eq.stages[second[3.0]].chosen == (1, 1)
    # Score counts the final trust: boom at trust 3 is worth 5 + 3 each; so both invest in the first round.
    assert eq.stages[0].chosen == (1, 1) and eq.values[0] == (8.0, 8.0)
    analysis = analyse(graph, "equilibrium", u)
    assert analysis.results["equilibrium"].outcomes == {"boom": 1.0}
    assert analysis.results["equilibrium"].payoffs == {"a": 8.0, "b": 8.0}
    assert [s.node_id for s in analysis.eq_path] == ["first", "second", "boom"]


TIE_SCALE = """\
format: {fmt}
id: tie_scale
title: One huge payoff elsewhere
actors:
  a: {{name: Alpha}}
  b: {{name: Beta}}
start: luck
nodes:
  luck:
    kind: chance
    title: Which way?
    options:
      - {{label: Alpha chooses, to: pick, probability: 0.5}}
      - {{label: Disaster for Beta, to: ruin, probability: 0.5}}
  pick:
    kind: decision
    actor: a
    title: Alpha picks
    options:
      - {{label: Nothing, to: nothing}}
      - {{label: A thousand, to: thousand}}
  nothing: {{kind: outcome, title: Nothing, payoffs: {{a: 0, b: 0}}}}
  thousand: {{kind: outcome, title: A thousand, payoffs: {{a: 1000, b: 0}}}}
  ruin: {{kind: outcome, title: Ruin, payoffs: {{a: 0, b: -2e12}}}}
"""


@pytest.mark.parametrize("fmt", [1, 2])
def test_the_tie_margin_is_scaled_by_the_outcomes_reachable_from_the_position(fmt: int) -> None:
    """With the margin scaled by the largest payoff anywhere (2e12), 0 and 1000 would tie and Alpha take
    the first; scaled by what is reachable from Alpha's position (1000), 1000 is better."""
    u, eq = solved(TIE_SCALE.format(fmt=fmt))
    pick = u.positions_of("pick")[0]
    assert eq.option(pick) == 1
    assert eq.values[0] == pytest.approx((500.0, -1e12))


def test_real_ties_still_go_to_the_option_listed_first() -> None:
    u, eq = solved(TIE_SCALE.format(fmt=1).replace("payoffs: {a: 1000, b: 0}", "payoffs: {a: 1e-10, b: 0}"))
    # 1e-10 against 0: within 1e-9 × 1e-10? No: M = 1e-10, so the margin is 1e-19 and 1e-10 wins.
    assert eq.option(u.positions_of("pick")[0]) == 1
    u, eq = solved(TIE_SCALE.format(fmt=1).replace("payoffs: {a: 0, b: 0}}", "payoffs: {a: 1000, b: 0}}")
                   .replace("payoffs: {a: 1000, b: 0}}", "payoffs: {a: 1000.0000001, b: 0}}", 1))
    assert eq.option(u.positions_of("pick")[0]) == 0  # |a − b| = 1e-7 ≤ 1e-9 × 1000: a tie, the first wins


def test_round_marks_give_each_moves_equilibrium_weight_payoff_and_odds() -> None:
    from explorer.analysis.outlooks import Outlooks

    graph = graph_of(two_by_two("Matching pennies", ("h", "t"), {
        ("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)}))
    marks = Outlooks(analyse(graph, "equilibrium")).round_marks("r", graph.initial_state, "equilibrium")
    assert marks is not None and marks.mixed and marks.why.startswith("no pure equilibrium")
    assert [(m.actor, m.index) for m in marks.moves] == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    for mark in marks.moves:  # indifferent in a mixed equilibrium: every move in the support pays the same
        assert mark.equilibrium == pytest.approx(0.5) and mark.payoff == pytest.approx(0.0, abs=1e-12)
        assert sum(c.probability for c in mark.classes) == pytest.approx(1.0)
    assert {c.outcomes[0]: c.probability for c in marks.classes} == pytest.approx({"h_h": 0.25, "h_t": 0.25, "t_h": 0.25, "t_t": 0.25})
