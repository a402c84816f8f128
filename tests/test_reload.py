"""Live reload (domain side): noticing edits to a scenario's files, loading again, replaying the walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.loading import load_scenario
from explorer.reload import ScenarioWatch, StopReason, replay
from explorer.walk import Walk


@pytest.fixture
def with_ids(tiny_yaml: str) -> str:
    """The format page's example, with ids on the options a walk takes (Talk, Accept)."""
    return tiny_yaml.replace("{label: Talk,", "{id: talk, label: Talk,").replace("{label: Accept,", "{id: accept, label: Accept,")


def save(path: Path, text: str) -> None:
    """Write as an editor does, and move the clock on: some file systems keep times in whole seconds."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def settled(watch: ScenarioWatch) -> bool:
    """`changed()` as a timer sees it: the change, then one more poll with the files unchanged."""
    first = watch.changed()
    return first or watch.changed()


@pytest.fixture
def scenario(with_ids: str, tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    save(path, with_ids)
    return path


def walked(path: Path, *indices: int) -> tuple[ScenarioWatch, Walk]:
    watch = ScenarioWatch(path)
    assert watch.result.ok
    walk = Walk(watch.result.graph, seed=7)
    for index in indices:
        walk.take(index)
    return watch, walk


def test_nothing_changed_nothing_reloaded(scenario: Path) -> None:
    watch, walk = walked(scenario)
    assert not watch.changed() and not watch.changed()
    assert watch.poll(walk) is None


def test_a_touch_without_a_change_is_not_a_reload(with_ids: str, scenario: Path) -> None:
    watch, _ = walked(scenario)
    save(scenario, with_ids)
    assert not settled(watch)
    assert not watch.changed()


def test_valid_edit_then_broken_edit_then_fix(with_ids: str, scenario: Path) -> None:
    watch, walk = walked(scenario, 0, 0)  # Talk, Accept: at the outcome 'deal'
    assert walk.node_id == "deal"

    save(scenario, with_ids.replace("title: A deal", "title: A better deal").replace("label: Accept", "label: Accept it"))
    assert settled(watch)
    valid = watch.reload(walk)
    assert valid.ok and valid.changed == (str(scenario),)
    assert valid.replay is not None and valid.replay.complete and valid.replay.replayed == 2
    walk = valid.replay.walk
    assert walk.node_id == "deal" and walk.node.title == "A better deal" and walk.history[-1].label == "Accept it"
    assert walk.state == (3.0,)  # Talk's effect applied again: 5 - 2

    save(scenario, with_ids.replace("title: A tiny crisis", "title: After Hanoi: a tiny crisis"))
    assert settled(watch)
    broken = watch.reload(walk)
    assert not broken.ok and broken.replay is None
    [error] = broken.problems
    assert (error.position.file, error.position.line, error.position.col) == (str(scenario), 3, 19)
    assert "quote it" in error.message
    assert watch.good is valid.result  # the walk stays on the last good graph

    save(scenario, with_ids.replace("title: A tiny crisis", 'title: "After Hanoi: a tiny crisis"'))
    assert settled(watch)
    fixed = watch.reload(walk)
    assert fixed.ok and fixed.problems == [p for p in fixed.problems if p.severity == "warning"]
    assert fixed.replay is not None and fixed.replay.complete and fixed.replay.walk.node_id == "deal"
    assert fixed.result.scenario.title == "After Hanoi: a tiny crisis" and watch.good is fixed.result


def test_settle_waits_for_a_second_poll_with_the_same_files(with_ids: str, scenario: Path) -> None:
    watch, _ = walked(scenario)
    save(scenario, with_ids.replace("title: War", "title: War!"))
    assert not watch.changed()  # just changed: wait one poll
    save(scenario, with_ids.replace("title: War", "title: War!!"))
    assert not watch.changed()  # changed again
    assert watch.changed()
    assert watch.reload().result.scenario.nodes["war"].title == "War!!"
    eager = ScenarioWatch(scenario, settle=False)
    save(scenario, with_ids)
    assert eager.changed()


def test_an_included_file_is_watched_even_while_the_main_file_is_broken(with_ids: str, tmp_path: Path) -> None:
    main = tmp_path / "main.yaml"
    part = tmp_path / "parts" / "end.yaml"
    part.parent.mkdir()
    head, _, _ = with_ids.partition("  deal:")
    save(main, head + "include: [parts/end.yaml]\n")
    save(part, "nodes:\n  deal: {kind: outcome, title: A deal, payoffs: {a: 2, b: 2}}\n"
               "  war: {kind: outcome, title: War, payoffs: {a: -10, b: -8}}\n")
    watch, walk = walked(main, 0, 0)
    assert str(part) in watch.files
    save(main, head.replace("title: A tiny crisis", "title: [broken") + "include: [parts/end.yaml]\n")
    assert settled(watch) and not watch.reload(walk).ok
    assert str(part) in watch.files  # not named by the broken load, still watched
    save(part, "nodes:\n  deal: {kind: outcome, title: Peace, payoffs: {a: 2, b: 2}}\n"
               "  war: {kind: outcome, title: War, payoffs: {a: -10, b: -8}}\n")
    assert settled(watch)
    outcome = watch.reload(walk)
    assert not outcome.ok and str(part) in outcome.changed
    save(main, head + "include: [parts/end.yaml]\n")
    assert settled(watch)
    outcome = watch.reload(walk)
    assert outcome.ok and outcome.replay.walk.node.title == "Peace"


def test_a_deleted_file_is_an_error_then_a_reload(with_ids: str, scenario: Path) -> None:
    watch, walk = walked(scenario, 1)
    scenario.unlink()
    assert settled(watch)
    gone = watch.reload(walk)
    assert not gone.ok and "cannot read file" in gone.problems[0].message
    save(scenario, with_ids)
    assert settled(watch)
    back = watch.reload(walk)
    assert back.ok and back.replay.complete and back.replay.walk.node_id == "gamble"


# --- replaying onto an edited graph ---------------------------------------------------------


def graph_of(tmp_path: Path, text: str, name: str = "s.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_scenario(path)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    return result.graph


def test_options_are_matched_by_id_then_label_then_target(with_ids: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, with_ids)
    walk = Walk(old, seed=1)
    walk.take(0)  # talk (has an id)
    walk.take(0)  # Accept: id 'accept'
    reordered = with_ids.replace(
        "      - {id: talk, label: Talk, to: reply, effects: {tension: -2}, probability: 0.6}\n"
        "      - {label: Threaten, to: gamble, effects: {tension: 3}, probability: 0.4}\n",
        "      - {label: Threaten, to: gamble, effects: {tension: 3}, probability: 0.4}\n"
        "      - {id: talk, label: Talk it over, to: reply, effects: {tension: -2}, probability: 0.6}\n",
    )
    new = graph_of(tmp_path, reordered, "new.yaml")
    result = replay(old, walk.history, new, seed=walk.seed)
    assert result.complete and [s.index for s in result.walk.history] == [1, 0]
    assert result.walk.history[0].label == "Talk it over"


def test_a_removed_option_stops_the_replay_there(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=1)
    walk.take(1)  # Threaten
    walk.take(0)  # It breaks
    new = graph_of(tmp_path, tiny_yaml.replace("      - {label: It breaks, to: war, probability: 0.25}\n", "").replace(
        "{label: It holds, to: deal, probability: 0.75}", "{label: It holds, to: deal, probability: 1}"
    ).replace("  war: {kind: outcome, title: War, payoffs: {a: -10, b: -8}}\n", ""), "new.yaml")
    result = replay(old, walk.history, new)
    assert (result.replayed, result.total) == (1, 2) and result.walk.node_id == "gamble"
    assert result.stop is not None and result.stop.reason is StopReason.OPTION_GONE and result.stop.step == 1
    assert "“It breaks”" in result.stop.detail and "Does the standoff break?" in result.stop.detail
    assert result.summary.startswith("reloaded; replayed 1 of 2 move(s): the option is gone")


def test_an_option_locked_in_the_new_state_stops_the_replay_with_the_reason(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=1)
    walk.take(0)  # Talk: tension 3
    walk.take(0)  # Accept
    new = graph_of(tmp_path, tiny_yaml.replace("{label: Accept, to: deal}", '{label: Accept, to: deal, requires: "tension >= 4"}')
                   .replace("{label: Escalate, to: gamble, requires: \"tension >= 4\", effects: {tension: 2}}",
                            "{label: Escalate, to: gamble, effects: {tension: 2}}"), "new.yaml")
    result = replay(old, walk.history, new)
    assert result.stop is not None and result.stop.reason is StopReason.LOCKED
    assert result.walk.node_id == "reply" and result.replayed == 1
    assert "needs Tension ≥ 4; now Tension 3" in result.stop.detail


def test_an_option_that_leads_elsewhere_is_taken_and_the_replay_stops_after_it(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=1)
    walk.take(0)
    walk.take(0)
    new = graph_of(tmp_path, tiny_yaml.replace("{label: Talk, to: reply,", "{label: Talk, to: gamble,"), "new.yaml")
    result = replay(old, walk.history, new)
    assert result.stop is not None and result.stop.reason is StopReason.LEADS_ELSEWHERE
    assert result.walk.node_id == "gamble" and result.replayed == 1 and "now leads to “Does the standoff break?”" in result.stop.detail


def test_a_new_start_stops_before_the_first_move(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=1)
    walk.take(1)
    new = graph_of(tmp_path, tiny_yaml.replace("start: open", "start: reply"), "new.yaml")
    result = replay(old, walk.history, new)
    assert result.stop is not None and result.stop.reason is StopReason.START_CHANGED and result.walk.node_id == "reply"


def test_jumps_and_dice_are_replayed(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=3)
    walk.take(1)
    walk.roll()
    rolled_to = walk.node_id
    walk.back()
    walk.roll()
    walk.jump("reply")
    new = graph_of(tmp_path, tiny_yaml.replace("title: War", "title: War again"), "new.yaml")
    result = replay(old, walk.history, new, seed=walk.seed)
    assert result.complete and result.walk.node_id == "reply" and result.walk.history[1].to == rolled_to
    assert result.walk.rolls_made == 1  # the next roll draws what it would have drawn
    gone = graph_of(tmp_path, tiny_yaml.replace("start: open", "start: open").replace("  reply:", "  answer:")
                    .replace("to: reply", "to: answer"), "gone.yaml")
    stopped = replay(old, walk.history, gone)
    assert stopped.stop is not None and stopped.stop.reason is StopReason.NODE_GONE


def test_a_roll_is_replayed_with_the_same_draw_on_the_new_odds(tiny_yaml: str, tmp_path: Path) -> None:
    old = graph_of(tmp_path, tiny_yaml)
    walk = Walk(old, seed=3)
    walk.take(1)
    walk.roll()
    recorded = walk.history[-1].roll
    assert recorded is not None
    same = replay(old, walk.history, graph_of(tmp_path, tiny_yaml.replace("title: War", "title: War again"), "same.yaml"),
                  seed=walk.seed)
    again = same.walk.history[-1].roll
    assert same.complete and again is not None and (again.value, again.index, again.number) == (
        recorded.value, recorded.index, recorded.number)  # still a roll, the same draw, the same pick
    breaks = "0.01" if recorded.index == 0 else "0.99"  # odds under which the same draw picks the other option
    flipped = tiny_yaml.replace("probability: 0.25}", f"probability: {breaks}}}").replace(
        "probability: 0.75}", f"probability: {1 - float(breaks):.2f}}}")
    assert recorded.value >= 0.01 if recorded.index == 0 else recorded.value < 0.99
    result = replay(old, walk.history, graph_of(tmp_path, flipped, "flipped.yaml"), seed=walk.seed)
    assert result.stop is not None and result.stop.reason is StopReason.DICE_CHANGED and result.replayed == 2
    now = result.walk.history[-1]
    assert now.roll is not None and now.roll.value == recorded.value and now.index != recorded.index
    assert f"picks “{now.label}”" in result.stop.detail and result.walk.node_id == now.to
