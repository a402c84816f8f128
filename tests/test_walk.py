"""The explore-mode walk: moves, locks with reasons, undo, dice, jumps, clamping."""

from __future__ import annotations

import random

import pytest

from explorer.format.models import NodeKind
from explorer.loading import load_text
from explorer.walk import Dice, Walk, WalkError

BOUNDS = """\
format: 1
id: bounds
title: Bounds
actors: {a: {name: A}}
metrics:
  m: {label: Mood, min: -2, max: 3, initial: 1}
  free: {label: Free}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: S
    options:
      - {label: Up, to: c, effects: {m: 100, free: 7}}
      - {label: Down, to: c, effects: {m: -100, free: -7}}
      - {label: Stay, to: c}
  c:
    kind: chance
    title: Dice
    options:
      - {label: Only when high, to: e1, probability: 0.5, requires: "m >= 3"}
      - {label: B, to: e2, probability: 0.3}
      - {label: C, to: e3, probability: 0.2}
  e1: {kind: outcome, title: One, payoffs: {a: 1}}
  e2: {kind: outcome, title: Two, payoffs: {a: 2}}
  e3: {kind: outcome, title: Three, payoffs: {a: 3}}
"""


@pytest.fixture
def tiny_graph(tiny_yaml: str):
    result = load_text(tiny_yaml, "tiny.yaml")
    assert result.ok
    return result.graph


@pytest.fixture
def bounds_graph():
    result = load_text(BOUNDS, "bounds.yaml")
    assert result.ok, result.problems.sorted()
    return result.graph


def test_a_new_walk_stands_at_the_start(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    assert (walk.node_id, walk.kind, walk.is_over, walk.history, walk.path) == ("open", NodeKind.DECISION, False, [], ["open"])
    assert walk.metrics == {"tension": 5.0}
    assert walk.state == tiny_graph.initial_state


def test_options_show_numbers_effects_and_availability(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    views = walk.options()
    assert [(v.index, v.number, v.option.label, v.available, v.lock_reason, v.effects) for v in views] == [
        (0, 1, "Talk", True, None, (("tension", -2.0),)),
        (1, 2, "Threaten", True, None, (("tension", 3.0),)),
    ]


def test_take_moves_and_applies_effects(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    step = walk.take(0)
    assert (step.node_id, step.index, step.to, step.label, step.actor) == ("open", 0, "reply", "Talk", "a")
    assert (step.before, step.after) == ((5.0,), (3.0,))
    assert walk.node_id == "reply" and walk.metrics == {"tension": 3.0}
    assert walk.last_change() == {"tension": -2.0}


def test_locked_options_carry_their_reason_and_refuse(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    walk.take(0)  # tension 3: Escalate needs 4
    escalate = walk.options()[1]
    assert (escalate.available, escalate.lock_reason) == (False, "needs Tension ≥ 4; now Tension 3")
    with pytest.raises(WalkError, match=r"option 2 is locked: needs Tension ≥ 4; now Tension 3"):
        walk.take(1)
    assert walk.node_id == "reply" and len(walk.history) == 1  # nothing changed


def test_bad_option_numbers_and_moves_after_the_end(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    with pytest.raises(WalkError, match=r"there is no option 3 here \(options 1–2\)"):
        walk.take(2)
    with pytest.raises(WalkError):
        walk.take(-1)
    walk.take(0)
    walk.take(0)
    assert walk.is_over and walk.node_id == "deal"
    with pytest.raises(WalkError, match="the walk has ended"):
        walk.take(0)


def test_back_restores_node_and_metrics(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    assert walk.back() is None
    walk.take(1)
    assert walk.metrics == {"tension": 8.0}
    undone = walk.back()
    assert undone is not None and undone.label == "Threaten"
    assert (walk.node_id, walk.metrics, walk.history) == ("open", {"tension": 5.0}, [])
    assert walk.last_change() == {}


def test_back_to_and_restart(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    walk.take(1)
    walk.take(1)
    assert walk.path == ["open", "gamble", "deal"]
    walk.back_to(1)
    assert (walk.node_id, walk.metrics, len(walk.history)) == ("gamble", {"tension": 8.0}, 1)
    walk.back_to(-5)
    assert (walk.node_id, walk.history) == ("open", [])
    walk.take(0)
    walk.restart()
    assert (walk.node_id, walk.state, walk.history) == ("open", (5.0,), [])


def test_roll_only_at_chance_nodes(tiny_graph) -> None:
    with pytest.raises(WalkError, match="only at chance nodes"):
        Walk(tiny_graph, seed=1).roll()


def _rolls(graph, seed: int, count: int) -> list[tuple[float, int]]:
    walk = Walk(graph, seed=seed)
    walk.take(1)
    found = []
    for _ in range(count):
        step = walk.roll()
        found.append((step.roll.value, step.roll.index))
        walk.back()
    return found


def test_rolls_are_seeded_and_reproducible(tiny_graph) -> None:
    assert _rolls(tiny_graph, 7, 20) == _rolls(tiny_graph, 7, 20)
    assert _rolls(tiny_graph, 7, 20) != _rolls(tiny_graph, 8, 20)
    values = [value for value, _ in _rolls(tiny_graph, 7, 20)]
    assert len(set(values)) == 20  # each roll is a new draw, also after going back


def test_rolls_follow_the_bands(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=3)
    walk.take(1)
    chosen = []
    for _ in range(400):
        step = walk.roll()
        roll = step.roll
        assert roll.bands == ((0, 0.0, 0.25), (1, 0.25, 1.0))
        assert roll.index == (0 if roll.value < 0.25 else 1)
        assert step.to == ("war" if roll.index == 0 else "deal")
        assert roll.number == len(chosen) and roll.seed == 3
        chosen.append(roll.index)
        walk.back()
    assert 60 < chosen.count(0) < 140  # about a quarter of 400


def test_rolls_renormalise_over_available_options(bounds_graph) -> None:
    walk = Walk(bounds_graph, seed=5)
    walk.take(2)  # Stay: m = 1, the first option (m >= 3) is locked
    assert walk.odds() == pytest.approx({1: 0.6, 2: 0.4})
    for _ in range(50):
        step = walk.roll()
        assert step.roll.index in (1, 2)
        assert [(i, round(lo, 9), round(hi, 9)) for i, lo, hi in step.roll.bands] == [(1, 0.0, 0.6), (2, 0.6, 1.0)]
        walk.back()
    walk.restart()
    walk.take(0)  # Up: m clamps to 3, all three are available
    assert walk.odds() == pytest.approx({0: 0.5, 1: 0.3, 2: 0.2})


def test_effects_clamp_at_min_and_max(bounds_graph) -> None:
    walk = Walk(bounds_graph, seed=1)
    walk.take(0)
    assert walk.metrics == {"m": 3.0, "free": 7.0}
    assert walk.last_change() == {"m": 2.0, "free": 7.0}
    walk.restart()
    walk.take(1)
    assert walk.metrics == {"m": -2.0, "free": -7.0}
    walk.restart()
    walk.take(2)
    assert walk.last_change() == {}


def test_jump_keeps_metrics_and_can_be_undone(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=1)
    walk.take(1)
    step = walk.jump("reply")
    assert (step.jump, step.index, step.node_id, step.to) == (True, -1, "gamble", "reply")
    assert walk.node_id == "reply" and walk.metrics == {"tension": 8.0}
    assert walk.options()[1].available  # tension 8 unlocks Escalate here
    walk.back()
    assert walk.node_id == "gamble" and walk.metrics == {"tension": 8.0}
    with pytest.raises(WalkError, match="there is no node 'nowhere'"):
        walk.jump("nowhere")


def test_a_walk_can_end_at_every_outcome(tiny_graph) -> None:
    ends = set()
    for seed in range(30):
        walk = Walk(tiny_graph, seed=seed)
        walk.take(1)
        walk.roll()
        assert walk.is_over
        ends.add(walk.node_id)
    assert ends == {"war", "deal"}


def test_rolling_where_every_option_is_locked_is_refused() -> None:
    text = BOUNDS.replace("      - {label: B, to: e2, probability: 0.3}\n      - {label: C, to: e3, probability: 0.2}\n",
                          "      - {label: B, to: e2, probability: 0.5, requires: \"m >= 3\"}\n")
    result = load_text(text, "locked.yaml")
    assert result.ok and any("dead end: node 'c'" in p.message for p in result.problems.warnings)
    walk = Walk(result.graph, seed=1)
    walk.take(2)
    assert walk.odds() == {}
    with pytest.raises(WalkError, match="every option here is locked"):
        walk.roll()
    assert walk.node_id == "c" and walk.rolls_made == 0


def test_a_walk_without_a_seed_gets_one() -> None:
    walk = Walk(load_text(BOUNDS, "b.yaml").graph)
    assert isinstance(walk.seed, int)


def test_path_dice_give_the_same_rolls_whatever_went_back_and_forth(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=7, dice=Dice.PATH)
    walk.take(1)
    first = walk.roll().roll
    assert first is not None and first.value == random.Random("7:0").random()  # the same draw as a game's first
    for _ in range(5):
        walk.back()
        assert walk.roll().roll == first
    walk.restart()
    walk.take(1)
    assert walk.roll().roll == first
    sequence = Walk(tiny_graph, seed=7)  # a game's dice: each roll ever made is a new draw
    sequence.take(1)
    sequence.roll()
    sequence.back()
    assert sequence.roll().roll.number == 1


def test_a_reroll_is_a_deliberate_new_draw_kept_in_the_walk(tiny_graph) -> None:
    walk = Walk(tiny_graph, seed=7, dice=Dice.PATH)
    with pytest.raises(WalkError, match="the last move was not a roll"):
        walk.reroll()
    walk.take(1)
    first = walk.roll()
    again = walk.reroll()
    assert again.roll is not None and first.roll is not None
    assert (again.roll.number, again.roll.attempt, again.roll.key) == (0, 1, "7:0:1")
    assert again.roll.value == random.Random("7:0:1").random() and len(walk.history) == 2
    assert walk.reroll().roll.attempt == 2
    walk.back()
    assert walk.roll().roll == first.roll  # going back and rolling again is not a re-roll
