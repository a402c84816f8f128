"""Rounds too large to enumerate: no round, however many actors it has, makes loading or the analysis
hang. The check counts a round's joint moves before resolving any and, past its budget, says in a
warning at the round what it could not establish; the analysis refuses in words; a walk and a game,
which resolve one joint move at a time, play it."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import limits, load_scenario, load_text
from explorer.resolution import Round
from explorer.walk import Walk

NEVER = "m >= 100"
"""A condition no state meets (m stays within 0…10)."""


def crowd(actors: int, moves: int) -> str:
    """One round of `actors` actors with `moves` moves each, every move its own kind (its own effect), so
    that no two moves of an actor look alike: moves ** actors joint moves to the checks."""
    names = [f"a{i}" for i in range(actors)]
    lines = ["format: 2", "id: crowd", "title: A crowded round", "actors:"]
    lines += [f"  {a}: {{name: Actor {i}}}" for i, a in enumerate(names)]
    lines += ["metrics:", "  m: {label: M, min: 0, max: 10, initial: 5}", "start: r0", "nodes:",
              "  r0:", "    kind: round", "    title: Everyone at once", "    moves:"]
    for a in names:
        lines.append(f"      {a}:")
        lines += [f"        - {{id: x{j}, label: Move {j}, effects: {{m: {j - 1}}}}}" for j in range(moves)]
    lines += ["    then:",
              "      - {picks: {a0: x1}, to: deal}",
              f"      - {{if: \"count(x0) >= {actors // 2}\", to: clash}}",
              f"      - {{if: \"{NEVER}\", to: clash}}",
              "      - {to: drift}"]
    pay = ", ".join(f"{a}: 1" for a in names)
    lines += [f"  {end}: {{kind: outcome, title: {end.title()}, payoffs: {{{pay}}}}}" for end in ("deal", "clash", "drift")]
    return "\n".join(lines) + "\n"


def two_rounds(after: str = "") -> str:
    """Two 2-actor rounds in a row (4 joint moves each); the first has a rule that never fires, and
    below the second a decision has an option that is always locked."""
    return f"""format: 2
id: pair
title: Two rounds
actors: {{a: {{name: A}}, b: {{name: B}}}}
metrics: {{m: {{label: M, min: 0, max: 10, initial: 5}}}}
start: r0
nodes:
  r0:
    kind: round
    title: First
    moves:
      a: [{{id: up, label: Up, effects: {{m: 1}}}}, {{id: down, label: Down}}]
      b: [{{id: up, label: Up}}, {{id: down, label: Down, effects: {{m: -1}}}}]
    then:
      - {{if: "{NEVER}", to: end}}
      - {{to: r1}}
  r1:
    kind: round
    title: Second
    moves:
      a: [{{id: up, label: Up, effects: {{m: 1}}}}, {{id: down, label: Down}}]
      b: [{{id: up, label: Up}}, {{id: down, label: Down, effects: {{m: -1}}}}]
    then:
      - {{if: "{NEVER}", to: end}}
      - {{to: pick}}
  pick:
    kind: decision
    actor: a
    title: Last word
    options:
      - {{label: Win big, to: end, requires: "{NEVER}"}}
      - {{label: Settle, to: end}}
  end: {{kind: outcome, title: End, payoffs: {{a: 1, b: 1}}}}
{after}"""


@pytest.fixture
def resolved(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every joint move the check (or a walk) resolves."""
    calls: list[int] = []
    real = Round.resolve

    def counting(self, metrics, state, joint):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(self, metrics, state, joint)

    monkeypatch.setattr(Round, "resolve", counting)
    return calls


@pytest.mark.parametrize(("actors", "moves"), [(20, 2), (20, 3), (30, 2), (30, 3), (60, 2), (60, 3),
                                               (15_000, 2)])  # 2^15000 has more digits than int → str allows
def test_a_crowded_round_loads_with_a_warning_and_without_enumerating(actors: int, moves: int, resolved: list[int]) -> None:
    result = load_text(crowd(actors, moves), "crowd.yaml")
    assert result.ok
    [warning] = result.problems.warnings
    assert (warning.position.line, warning.position.col) == (actors + 9, 3)  # the round's `r0:`
    count = f"{moves ** actors:,}" if moves ** actors <= 10**15 else "more than 10^15"
    assert warning.message.startswith(f"round 'r0': {count} joint moves of its {actors} actors")
    assert f"({limits.MAX_ROUND_JOINT_MOVES:,} in the whole check)" in warning.message
    assert "which of its rules can fire" in warning.message and "fewer actors per round" in warning.message
    assert len(resolved) == 1  # the defaults' joint move, followed below the round


def test_under_the_budget_the_findings_are_those_of_every_joint_move(resolved: list[int]) -> None:
    result = load_text(crowd(8, 2), "crowd.yaml")
    [warning] = result.problems.warnings
    assert "rule 3 never fires" in warning.message
    assert len(resolved) == 2 ** 8


def test_past_the_budget_no_finding_that_needs_every_joint_move_is_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    everything = [w.message for w in load_text(two_rounds()).problems.warnings]
    assert any("round 'r0', rule 1" in w and "never fires" in w for w in everything)
    assert any("round 'r1', rule 1" in w and "never fires" in w for w in everything)
    assert any("node 'pick', option 1" in w and "always locked" in w for w in everything)
    monkeypatch.setattr(limits, "MAX_ROUND_JOINT_MOVES", 6)  # r0's 4 joint moves fit; r1's 4 more do not
    result = load_text(two_rounds())
    [r0_rule, skipped] = sorted(result.problems.warnings, key=lambda w: w.position.line)
    assert "round 'r0', rule 1" in r0_rule.message and "never fires" in r0_rule.message
    assert skipped.message.startswith("round 'r1': 4 joint moves of its 2 actors")
    assert "(6 in the whole check)" in skipped.message


def test_a_dead_end_below_a_skipped_round_is_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROUND_JOINT_MOVES", 1)
    text = two_rounds().replace("      - {label: Settle, to: end}", "      - {label: Settle, to: end, requires: \"m >= 100\"}")
    messages = [w.message for w in load_text(text).problems.warnings]
    assert any(m.startswith("dead end: node 'pick'") for m in messages)  # reached along the defaults: sure
    assert not any("always locked" in m for m in messages)  # not sure: other joint moves were not followed
    assert sum("joint moves of its 2 actors" in m for m in messages) == 2


def test_a_walk_resolves_a_thirty_actor_round(resolved: list[int]) -> None:
    graph = load_text(crowd(30, 2)).graph
    assert graph is not None
    resolved.clear()
    walk = Walk(graph, seed=1)
    step = walk.resolve({"a0": 1})
    assert (step.to, walk.node_id) == ("deal", "deal") and len(resolved) == 1


def test_a_game_plays_a_thirty_actor_round(tmp_path: Path) -> None:
    path = tmp_path / "crowd.yaml"
    path.write_text(crowd(30, 2))
    game = GameSession.create(load_scenario(path), tmp_path / "g.sqlite", teams=Teams.from_pairs([("a0", "Red")]), seed=1)
    game.close_round({"a0": 0, "a1": 0})
    assert game.node_id == "clash"  # a0 did not pick x1; every default is x0: 30 ≥ 15 counted


@pytest.mark.parametrize("command", [["solve"], ["simulate", "--runs", "10"], ["sensitivity"], ["export", "--format", "efg"]])
def test_every_analysis_refuses_a_crowded_round_in_one_line(tmp_path: Path, command: list[str],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crowd.yaml"
    path.write_text(crowd(30, 2))
    assert main([command[0], str(path), *command[1:]]) == 1
    err = capsys.readouterr().err
    *warnings, error = err.strip().splitlines()
    assert error.startswith(f"explorer {command[0]}: error: round 'r0' has 1,073,741,824 joint moves of its 30 acting actors")
    assert "65,536" in error and "Traceback" not in err
    assert [w.split(": warning: ")[1][:22] for w in warnings] == ["round 'r0': 1,073,741,"]


def test_the_picture_of_a_crowded_round_is_drawn_without_the_analysis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crowd.yaml"
    path.write_text(crowd(30, 2))
    assert main(["export", str(path), "--format", "dot", "-o", str(tmp_path / "crowd.dot")]) == 0
    assert "r0" in (tmp_path / "crowd.dot").read_text()
