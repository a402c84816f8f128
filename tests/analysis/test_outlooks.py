"""Per-option marks, outcome classes and most likely paths as the explorer shows them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.outlooks import DEAD_END, Outlooks, group_odds, outcome_classes
from explorer.analysis.summary import analyse
from tests.analysis.analysis_helpers import graph_of, scenarios

TAGGED = """\
format: 1
id: tagged
title: Tagged endings
actors:
  a: {name: Alpha}
  b: {name: Beta}
start: s
nodes:
  s:
    kind: chance
    title: Fate
    options:
      - {label: One, to: d1, probability: 0.1}
      - {label: Two, to: d2, probability: 0.2}
      - {label: Three, to: w, probability: 0.3}
      - {label: Four, to: plain, probability: 0.4}
  d1: {kind: outcome, title: Deal one, tags: [end, deal]}
  d2: {kind: outcome, title: Deal two, tags: [end, deal, signed]}
  w: {kind: outcome, title: War, tags: [end, war]}
  plain: {kind: outcome, title: Nothing happens, tags: [end]}
"""


def test_classes_are_the_endings_by_title_not_by_tag() -> None:
    graph = graph_of(TAGGED.replace("Deal two, tags", "Deal one, tags"))  # two outcomes share a title
    classes = outcome_classes(graph)
    assert classes == {"d1": "Deal one", "d2": "Deal one", "w": "War", "plain": "Nothing happens", DEAD_END: "dead end"}
    order = {o: i for i, o in enumerate(graph.outcomes)}
    grouped = group_odds({"w": 0.3, "d2": 0.25, "d1": 0.1, "plain": 0.3, "x": 0.0}, classes, order)
    # most likely first; War and "Nothing happens" tie, and War comes first in the file
    assert [(c.label, c.outcomes) for c in grouped] == [
        ("Deal one", ("d1", "d2")), ("War", ("w",)), ("Nothing happens", ("plain",)),
    ]  # fmt: skip
    assert [c.probability for c in grouped] == pytest.approx([0.35, 0.3, 0.3])


def test_an_ending_tagged_like_another_is_not_counted_as_it() -> None:
    """The issue's case: "A partial deal collapses" tagged `deal` was counted as a deal."""
    text = TAGGED.replace("d2: {kind: outcome, title: Deal two, tags: [end, deal, signed]}",
                          "d2: {kind: outcome, title: A partial deal collapses, tags: [end, deal]}")
    graph = graph_of(text)
    outlooks = Outlooks(analyse(graph))
    marks = outlooks.marks("s", graph.initial_state, "beliefs")
    assert [[(c.label, c.probability) for c in m.classes] for m in marks[:2]] == [
        [("Deal one", 1.0)], [("A partial deal collapses", 1.0)]]
    overall = group_odds(dict(outlooks.outcome_odds("beliefs")), outlooks.classes, outlooks.order)
    assert [(c.label, c.probability) for c in overall] == [
        ("Nothing happens", pytest.approx(0.4)), ("War", pytest.approx(0.3)),
        ("A partial deal collapses", pytest.approx(0.2)), ("Deal one", pytest.approx(0.1))]


def test_marks_on_the_format_page_example_by_hand(tiny_yaml: str) -> None:
    graph = graph_of(tiny_yaml)
    outlooks = Outlooks(analyse(graph))
    talk, threaten = outlooks.marks(graph.start, graph.initial_state, "beliefs")
    # Talk (tension 3): Beta's Escalate is locked, Beta accepts. Threaten: 0.25 war, 0.75 deal.
    assert (talk.index, talk.equilibrium, threaten.equilibrium) == (0, True, False)
    assert talk.payoffs == pytest.approx({"a": 2.0, "b": 2.0})
    assert threaten.payoffs == pytest.approx({"a": -1.0, "b": -0.5})
    assert [(c.label, c.probability) for c in talk.classes] == [("A deal", pytest.approx(1.0))]
    assert [(c.label, c.probability) for c in threaten.classes] == [
        ("A deal", pytest.approx(0.75)), ("War", pytest.approx(0.25)),
    ]  # fmt: skip
    assert outlooks.cached(graph.start, graph.initial_state, "beliefs")
    assert not outlooks.cached(graph.start, graph.initial_state, "uniform")
    assert outlooks.marks("deal", graph.initial_state, "beliefs") == ()
    assert outlooks.marks("reply", (9.0,), "beliefs") == ()  # a position the game never reaches
    with pytest.raises(ValueError, match="unknown policy"):
        outlooks.marks(graph.start, graph.initial_state, "greedy")


def test_likely_paths_and_odds_follow_the_policy(tiny_yaml: str) -> None:
    graph = graph_of(tiny_yaml)
    outlooks = Outlooks(analyse(graph))
    assert outlooks.likely_route("beliefs") == (0, 0)  # Talk (0.6), Accept
    steps, p = outlooks.likely_path("uniform")
    assert [s.node_id for s in steps] == ["open", "reply", "deal"]
    assert p == pytest.approx(0.5)
    assert outlooks.outcome_odds("beliefs") == [("deal", pytest.approx(0.9)), ("war", pytest.approx(0.1))]
    assert outlooks.outcome_odds("equilibrium") == [("deal", pytest.approx(1.0))]


def _same_as_outlook(graph) -> int:
    """Check every reached position's marks against `Analysis.outlook` (the flow over the whole
    game); return how many positions were checked."""
    analysis = analyse(graph)
    outlooks = Outlooks(analysis)
    u = analysis.unfolding
    checked = 0
    for pos in range(len(u)):
        node_id = u.node_id(pos)
        state = list(graph.initial_state)
        for slot, value in zip(u.live[u.pos_node[pos]], u.pos_key[pos], strict=True):
            state[slot] = value
        if u.find(node_id, tuple(state)) != pos:
            continue  # a key that drops metrics: rebuild only positions the full state finds
        for policy in ("beliefs", "equilibrium", "uniform"):
            expected = analysis.outlook(node_id, tuple(state), policy)
            marks = outlooks.marks(node_id, tuple(state), policy)
            assert [(m.index, m.equilibrium) for m in marks] == [(o.index, o.equilibrium) for o in expected]
            for mark, outlook in zip(marks, expected, strict=True):
                assert mark.payoffs == outlook.payoffs
                want = group_odds(outlook.outcomes, outlooks.classes, outlooks.order)
                assert [c.label for c in mark.classes] == [c.label for c in want]
                assert [c.probability for c in mark.classes] == pytest.approx([c.probability for c in want])
        checked += 1
    return checked


def test_marks_agree_with_the_whole_game_flow_on_the_format_page_example(tiny_yaml: str) -> None:
    assert _same_as_outlook(graph_of(tiny_yaml)) >= 4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_marks_agree_with_the_whole_game_flow(text: str) -> None:
    assert _same_as_outlook(graph_of(text)) >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_first_outcomes_are_the_head_of_the_whole_ranking(text: str) -> None:
    outlooks = Outlooks(analyse(graph_of(text)))
    for policy in ("beliefs", "equilibrium", "uniform"):
        ranked = outlooks.outcome_odds(policy)
        assert outlooks.reached_count(policy) == len(ranked)
        for most in (1, 2, 3, len(ranked) + 1):
            assert outlooks.outcome_odds(policy, most) == ranked[:most]
