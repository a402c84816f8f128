"""The walk as a map draws it: one branch per step (an option, or at a round the rule that fired), jumps
as a shortest way that was not walked, and a map click followed through rounds by moves that fire the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario
from explorer.walk import Walk, WalkError, branches, route_to

ROUNDS = Path(__file__).parent / "tui" / "fixtures" / "rounds.yaml"


@pytest.fixture
def rounds_graph() -> ScenarioGraph:
    result = load_scenario(ROUNDS)
    assert result.ok and result.graph is not None
    return result.graph


def test_branches_are_options_or_a_rounds_rules(rounds_graph: ScenarioGraph) -> None:
    assert branches(rounds_graph, "first") == [(0, "standoff"), (1, "table"), (2, "standoff")]
    assert branches(rounds_graph, "standoff") == [(0, "calm"), (1, "war")]
    assert branches(rounds_graph, "war") == []


def test_lines_name_the_rule_that_fired(rounds_graph: ScenarioGraph) -> None:
    walk = Walk(rounds_graph, seed=1)
    assert walk.lines() == ((), 0)
    walk.resolve({"north": 0, "east": 0})  # talks and mediation: rule 2 fires
    walk.resolve({"north": 1, "south": 1})
    assert walk.lines() == ((1, 1), 0)
    assert walk.route() == ((0, 0, 0), (1, 1))  # the route holds the moves, the lines the rules


def test_a_jump_is_drawn_as_a_shortest_way_not_walked(rounds_graph: ScenarioGraph) -> None:
    walk = Walk(rounds_graph, seed=1)
    walk.jump("war")
    assert route_to(rounds_graph, "war") == (0, 1)  # through the round's first rule
    assert walk.lines() == ((0, 1), 2)  # both lines only lead to the jump's target


def test_rule_picks_find_moves_that_fire_a_rule(rounds_graph: ScenarioGraph) -> None:
    walk = Walk(rounds_graph, seed=1)
    assert walk.rule_picks(0) == {"north": 0, "south": 1, "east": 0}  # South arms: the first such joint move
    assert walk.rule_picks(1) == {"north": 0, "south": 0, "east": 0}
    assert walk.rule_picks(2) == {"north": 0, "south": 0, "east": 1}
    assert walk.rule_picks(7) is None
    walk.resolve({"north": 0, "east": 0})  # to the table: matching pennies
    assert [walk.rule_picks(r) for r in range(3)] == [{"north": 0, "south": 0}, {"north": 1, "south": 1},
                                                      {"north": 0, "south": 1}]
    walk.jump("standoff")
    assert walk.rule_picks(0) is None  # not a round


def test_follow_lines_plays_rounds_and_is_all_or_nothing(rounds_graph: ScenarioGraph) -> None:
    walk = Walk(rounds_graph, seed=1)
    walk.follow_lines((1, 2))
    assert walk.node_id == "south_wins" and [s.index for s in walk.history] == [1, 2]
    kept = walk.history[0]
    walk.follow_lines((1, 0))
    assert walk.node_id == "north_wins" and walk.history[0] is kept
    before = (walk.node_id, walk.state, list(walk.history))
    with pytest.raises(WalkError, match="at “The first round”, no combination of moves makes rule 9 fire now"):
        walk.follow_lines((8,))
    assert (walk.node_id, walk.state, walk.history) == before
