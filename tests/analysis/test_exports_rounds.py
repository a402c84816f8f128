"""Exports of format-2 rounds: the .efg with information sets, its size counted without writing it, and
rounds in DOT (the picture), Mermaid, GraphML and node-link JSON."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.unfolding import unfold
from explorer.export.efg import TreeTooLarge, efg_text, stage_nodes, tree_size
from explorer.export.graphml import to_graphml
from explorer.export.mermaid import to_mermaid
from explorer.export.nodelink import node_link, to_json
from explorer.export.picture import equilibrium_moves, highlights, picture_dot
from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario
from tests.analysis.analysis_helpers import graph_of
from tests.analysis.round_helpers import round_games
from tests.analysis.test_rounds_classic import TWO_STAGES, two_by_two

PD = two_by_two("Prisoner's dilemma", ("c", "d"), {
    ("c", "c"): (3, 3), ("c", "d"): (0, 5), ("d", "c"): (5, 0), ("d", "d"): (1, 1)})

THREE = """\
format: 2
id: three
title: Three move, one is limited
actors:
  a: {name: Alpha}
  b: {name: Beta}
  c: {name: Gamma}
  d: {name: Delta}
metrics:
  m: {label: Heat, min: 0, max: 3}
start: r1
nodes:
  r1:
    kind: round
    title: First round
    moves:
      b:
        - {id: x, label: Push, effects: {m: 1}}
        - {id: y, label: Wait}
        - {id: z, label: Shout, requires: "m >= 2"}
      a:
        - {id: x, label: Push, effects: {m: 1}}
        - {id: y, label: Push}
      c:
        - {id: x, label: Hold}
    then:
      - {if: "count(x) >= 2", to: r2, label: Two pushed}
      - {to: end}
  r2:
    kind: round
    title: Nobody can move
    moves:
      d:
        - {id: x, label: Strike, requires: "m >= 5"}
    then:
      - {to: end}
  end: {kind: outcome, title: The end, payoffs: {a: 1, b: 2, c: 3, d: 4}}
"""


def contract() -> ScenarioGraph:
    """The contract's round scenario from the valid corpus."""
    result = load_scenario(Path(__file__).parents[1] / "corpus" / "valid" / "rounds_contract.yaml")
    assert result.ok
    return result.graph


def _body(text: str) -> list[str]:
    return text.splitlines()[3:]


def test_efg_of_the_prisoners_dilemma_by_hand() -> None:
    assert _body(efg_text(unfold(graph_of(PD)))) == [
        'p "" 1 1 "" { "c" "d" } 0',
        'p "" 2 1 "" { "c" "d" } 0',  # Column's one information set, across Row's two moves
        't "" 1 "c_c" { 3, 3 }',
        't "" 2 "c_d" { 0, 5 }',
        'p "" 2 1 "" { "c" "d" } 0',
        't "" 3 "d_c" { 5, 0 }',
        't "" 4 "d_d" { 1, 1 }',
    ]


def test_efg_rounds_in_moves_order_with_locked_moves_left_out_and_an_empty_round_skipped() -> None:
    lines = _body(efg_text(unfold(graph_of(THREE))))
    # b (player 2) first, as written in `moves`; Shout is locked (m = 0); a's labels made distinct; c has one
    # move; r2, where nobody can move, is not written: its next position stands in its place.
    assert lines[:4] == [
        'p "" 2 1 "" { "Push" "Wait" } 0',
        'p "" 1 1 "" { "Push" "Push (2)" } 0',
        'p "" 3 1 "" { "Hold" } 0',
        't "" 1 "end" { 1, 2, 3, 4 }',
    ]
    assert sum(line.startswith('p "" 1 ') for line in lines) == 2  # a: one information set, two members
    assert {line.split()[3] for line in lines if line.startswith("p ")} == {"1"}
    assert sum(line.startswith('p "" 3 ') for line in lines) == 4 and len(lines) == 1 + 2 + 4 + 4


def test_stage_nodes_and_tree_size_of_rounds() -> None:
    assert stage_nodes(()) == 0 and stage_nodes((3,)) == 1 and stage_nodes((2, 3, 4)) == 1 + 2 + 6
    u = unfold(graph_of(THREE))
    assert tree_size(u) == stage_nodes((2, 2, 1)) + 2 * 2 * 1 == 11


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(round_games())
def test_tree_size_counts_the_nodes_written(text: str) -> None:
    u = unfold(graph_of(text))
    lines = _body(efg_text(u))
    assert len(lines) == tree_size(u)
    # Information sets numbered per player 1, 2, … in the order they first appear.
    seen: dict[str, list[int]] = {}
    for line in lines:
        if line.startswith("p "):
            player, number = line.split()[2:4]
            numbers = seen.setdefault(player, [])
            if int(number) not in numbers:
                assert int(number) == len(numbers) + 1
                numbers.append(int(number))


def test_a_round_game_too_large_is_refused_with_the_size_it_would_have() -> None:
    rounds = 7
    lines = ["format: 2", "id: wide", "title: Wide", "actors: {a: {name: A}, b: {name: B}}",
             "metrics: {m: {label: M, min: 0, max: 100}}", "start: r0", "nodes:"]
    for i in range(rounds):
        moves = "[{id: x, label: X, effects: {m: 1}}, {id: y, label: Y}, {id: z, label: Z, effects: {m: 2}}]"
        nxt = f"r{i + 1}" if i + 1 < rounds else "end"
        lines.append(f"  r{i}: {{kind: round, title: R{i}, moves: {{a: {moves}, b: {moves}}}, then: [{{to: {nxt}}}]}}")
    lines.append("  end: {kind: outcome, title: End, payoffs: {a: 1, b: 1}}")
    u = unfold(graph_of("\n".join(lines) + "\n"))
    assert len(u) < 200  # positions merge: the metric takes few values
    size = tree_size(u)
    assert size == sum(9**i * 4 for i in range(rounds)) + 9**rounds
    with pytest.raises(TreeTooLarge, match=f"would have {size:,} nodes, over the limit of 1,000,000"):
        efg_text(u)


def test_scored_outcomes_are_one_gambit_outcome_per_payoff_vector_with_unique_labels() -> None:
    text = efg_text(unfold(graph_of(TWO_STAGES)))
    outcomes = dict(re.findall(r'^t "" (\d+) "([^"]+)"', text, re.M))
    assert sorted(outcomes.values()) == sorted(
        ["boom", "bust", "bust (2)", "bust (3)", "calm", "calm (2)", "calm (3)", "calm (4)",
         "split", "split (2)", "split (3)", "split (4)"])
    assert re.search(r'^t "" \d+ "boom" \{ 8, 8 \}$', text, re.M)  # 5 + trust 3


def test_player_labels_stay_distinct() -> None:
    # "Chance" is Gambit's: an actor called chance becomes chance_, which another actor already is.
    text = PD.replace("a: ", "chance: ").replace("b: ", "chance_: ")
    assert efg_text(unfold(graph_of(text))).splitlines()[0].endswith('{ "chance_" "chance_ (2)" }')


# --- the other exports ----------------------------------------------------------------------
def test_mermaid_draws_a_round_as_one_hexagon_with_an_edge_per_rule() -> None:
    text = to_mermaid(graph_of(THREE))
    assert 'n0{{"First round"}}' in text and "class n0,n1 round" in text
    assert 'n0 ==>|"Two pushed"| n1' in text and 'n0 ==>|"otherwise"| n2' in text
    assert 'n1 ==>|"always"| n2' in text


def test_rule_labels_in_words_name_actors_moves_and_conditions() -> None:
    text = to_mermaid(graph_of(PD))
    assert '==>|"Row: c, Column: d"|' in text
    words = to_mermaid(contract())
    assert "if the number who chose Spell out sanctions off-ramps ≥ 1" in words
    assert "North Korea: Return to working-level talks, United States: Spell out sanctions off-ramps or New Treasury designations" in words


def test_graphml_carries_moves_and_rules_as_flat_values() -> None:
    graph = contract()
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode()), force_multigraph=True)
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    spring = back.nodes["spring_2019"]
    assert spring["kind"] == "round" and json.loads(spring["actors"]) == ["dprk", "usa"] and spring["turn"] == 1
    moves = json.loads(spring["moves"])
    assert moves["dprk"][1] == {"id": "pressure", "label": "Ratchet up pressure", "covert": False, "default": True,
                                "probability": 0.8, "effects": {"tension": 2.0}}
    rules = sorted((d for u, _, d in back.edges(data=True) if u == "spring_2019"), key=lambda d: d["rule"])
    assert [r["rule"] for r in rules] == [1, 2, 3, 4]
    assert json.loads(rules[0]["picks"]) == {"dprk": "pressure", "usa": "squeeze"} and rules[0]["id"] == "both_escalate"
    assert rules[1]["if"] == "momentum >= 3" and rules[1]["label"] == "if Momentum ≥ 3"
    assert rules[0]["label"] == "Both sides escalate" and json.loads(rules[0]["effects"]) == {"tension": 1.0}


def test_node_link_json_carries_moves_and_rules_and_round_trips() -> None:
    graph = contract()
    data = json.loads(to_json(graph))
    assert data == node_link(graph)
    spring = next(n for n in data["nodes"] if n["id"] == "spring_2019")
    assert "then" not in spring and [m["id"] for m in spring["moves"]["usa"]] == ["offramps", "squeeze"]
    rules = [link for link in data["links"] if link["source"] == "spring_2019"]
    assert rules[2] == {"source": "spring_2019", "target": "summer_2019", "key": 2, "rule": 3, "id": "quiet",
                        "if": "count(offramps) >= 1", "to": "summer_2019"}
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_edges() == 6


def test_picture_draws_rounds_and_the_equilibrium_rule() -> None:
    graph = graph_of(PD)
    assert equilibrium_moves(graph) == {("r", 3)}  # both defect: the last rule
    text = picture_dot(graph, marks=highlights(graph))
    assert "shape=hexagon" in text and "Row, Column move at once" in text and "actors move at once" in text
    assert '"r" -> "d_d" [label=<otherwise>, color="#1d4ed8", penwidth=2.5' in text
    assert '"r" -> "c_c" [label=<Row: c, Column: c>, color="#7c3aed", penwidth=1.6]' in text
    pennies = graph_of(two_by_two("Matching pennies", ("h", "t"), {
        ("h", "h"): (1, -1), ("h", "t"): (-1, 1), ("t", "h"): (-1, 1), ("t", "t"): (1, -1)}))
    assert equilibrium_moves(pennies) == {("r", 0)}  # four joint moves at 1/4: the first
