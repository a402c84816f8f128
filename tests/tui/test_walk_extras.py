"""Unit tests of the walk behaviour the TUI needs: follow (map clicks), route, payoffs."""

from __future__ import annotations

import pytest

from explorer.graph import ScenarioGraph
from explorer.walk import Walk, WalkError, route_to


def test_follow_keeps_the_matching_steps_and_takes_the_rest(fixture_graph: ScenarioGraph) -> None:
    walk = Walk(fixture_graph, seed=1)
    walk.take(0)
    walk.take(0)  # seize → talks → swap
    kept = walk.history[0]
    walk.follow((0, 1))  # seize → talks → patrol (needs trust ≥ 7: 5 + 2 after the protest)
    assert walk.node_id == "patrol" and walk.history[0] is kept
    assert walk.metrics["trust"] == 7.0
    walk.follow((1,))
    assert walk.node_id == "showdown" and [s.index for s in walk.history] == [1]
    walk.follow(())
    assert walk.node_id == "seize" and not walk.history


def test_follow_is_all_or_nothing(fixture_graph: ScenarioGraph) -> None:
    walk = Walk(fixture_graph, seed=1)
    walk.take(1)
    before = (walk.node_id, walk.state, list(walk.history))
    with pytest.raises(WalkError, match="at “Blue answers the seizure”, option 3 is locked: needs Tension ≥ 6"):
        walk.follow((2, 0))
    assert (walk.node_id, walk.state, walk.history) == before
    with pytest.raises(WalkError, match="there is no option 7"):
        walk.follow((0, 6))
    assert (walk.node_id, walk.state, walk.history) == before


def test_route_is_the_steps_taken(fixture_graph: ScenarioGraph) -> None:
    walk = Walk(fixture_graph, seed=1)
    assert walk.route() == ()
    walk.take(0)
    walk.take(0)
    assert walk.route() == (0, 0)
    walk.back()
    assert walk.route() == (0,)


def test_route_after_a_jump_goes_the_shortest_way(fixture_graph: ScenarioGraph) -> None:
    walk = Walk(fixture_graph, seed=1)
    walk.take(0)
    walk.jump("showdown")
    assert walk.route() == (1,)  # seize → showdown directly, not via talks and swap
    walk.take(1)
    assert walk.route() == (1, 1)
    walk.back()
    walk.back()
    assert walk.route() == (0,)


def test_route_to_an_unreachable_node_is_none(fixture_graph: ScenarioGraph) -> None:
    assert route_to(fixture_graph, "seize") == ()
    assert route_to(fixture_graph, "deal") == (0, 0, 0)
    assert route_to(fixture_graph, "nowhere") is None


def test_payoffs_name_every_actor(fixture_graph: ScenarioGraph) -> None:
    walk = Walk(fixture_graph, seed=1)
    walk.jump("stalemate")  # states no payoff for grey
    assert walk.payoffs() == {"blue": 0.0, "red": 0.0, "grey": 0.0}
    walk.jump("clash")
    assert walk.payoffs() == {"blue": -5.0, "red": -4.0, "grey": -2.0}
