"""Sensitivity thresholds on a scenario small enough to work out by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.odds import flow
from explorer.analysis.policies import policy_weights
from explorer.analysis.probe import Answer, start_choice
from explorer.analysis.sensitivity import Sensitivity, Swing, rescaled, sensitivity
from explorer.analysis.unfolding import unfold
from tests.analysis.analysis_helpers import graph_of, scenarios

GAMBLE = """\
format: 1
id: g
title: Sure thing or gamble
actors:
  a: {name: Alpha}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: Take 1 for sure, or gamble on 10
    options:
      - {label: Sure, to: sure, probability: 0.7}
      - {label: Gamble, to: coin, probability: 0.3}
  coin:
    kind: chance
    title: Does the gamble pay?
    options:
      - {label: Win, to: win, probability: 0.05}
      - {label: Lose, to: lose, probability: 0.95}
  sure: {kind: outcome, title: Sure, payoffs: {a: 1}}
  win: {kind: outcome, title: Win, payoffs: {a: 10}}
  lose: {kind: outcome, title: Lose, payoffs: {a: 0}}
"""


def _swing(result: Sensitivity, label: str) -> Swing:
    return next(s for s in result.swings if s.parameter.label == label)


def test_rescaling_keeps_the_sum() -> None:
    assert rescaled((0.5, 0.3, 0.2), 0, 0.8) == pytest.approx((0.8, 0.12, 0.08))
    assert sum(rescaled((0.25, 0.75), 1, 0.1)) == pytest.approx(1.0)
    assert rescaled((1.0, 0.0), 0, 0.4) == pytest.approx((0.4, 0.6))


def test_thresholds_by_hand() -> None:
    result = sensitivity(unfold(graph_of(GAMBLE)))
    assert result.baseline.start == ("s", 0) and result.baseline.likely == "sure"
    # Gamble is worth 10·p: it beats Sure (1) once p > 0.1 (at 0.1 the tie goes to Sure)
    win = _swing(result, "chance p(coin → option 1)")
    assert win.down is None and win.up == pytest.approx(0.1, abs=1e-3) and win.up_answer.start == ("s", 1)
    lose = _swing(result, "chance p(coin → option 2)")  # Lose down to 0.9 means Win up to 0.1
    assert lose.down == pytest.approx(0.9, abs=1e-3) and lose.up is None
    # Sure's payoff below 0.5 makes the gamble better
    sure = _swing(result, "payoff a at sure")
    assert sure.down == pytest.approx(0.5, abs=1e-2) and sure.up is None
    # Win's payoff above 20 makes the gamble better
    assert _swing(result, "payoff a at win").up == pytest.approx(20.0, abs=1e-2)
    # The most likely outcome (beliefs): sure 0.7 against lose 0.3·0.95; Sure's belief below ~0.513 flips it
    belief = _swing(result, "belief p(s → option 1)")
    assert belief.down == pytest.approx(0.95 / 1.95 + 1e-9, abs=2e-3) and belief.down_answer.likely == "lose"
    assert result.swings[0].nearest <= result.swings[-1].nearest


def test_format_example_by_hand(tiny_yaml: str) -> None:
    result = sensitivity(unfold(graph_of(tiny_yaml)), "uniform")
    assert result.baseline.start == ("open", 0) and result.baseline.likely == "deal"
    assert len(result.swings) == 8  # 2 beliefs, 2 chance, 2 actors x 2 outcomes
    # Talk gives Alpha x = payoff(deal); Threaten 0.25·(-10) + 0.75·x: Threaten wins once x < -10
    deal = _swing(result, "payoff a at deal")
    assert deal.down == pytest.approx(-10, abs=0.05) and deal.up is None and deal.down_answer.start == ("open", 1)
    # ... and once payoff(war) = w makes 0.25·w + 1.5 > 2, i.e. w > 2
    assert _swing(result, "payoff a at war").up == pytest.approx(2, abs=0.05)
    moved = {s.parameter.label for s in result.swings if s.down is not None or s.up is not None}
    assert moved == {"payoff a at deal", "payoff a at war"}  # under uniform odds, beliefs do not count
    assert result.swings[0].parameter.label in moved


def test_progress_is_drawn_only_once_a_run_takes_more_than_a_second(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from explorer.commands import sensitivity as command

    clock = [0.0]
    monkeypatch.setattr(command.time, "monotonic", lambda: clock[0])
    progress = command.Progress(True)
    progress(1, 3)
    clock[0] = 0.9
    progress(2, 3)
    assert capsys.readouterr().err == ""
    clock[0] = 1.5
    progress(3, 3)
    assert capsys.readouterr().err == "\r  moving parameter 3/3\n"
    quiet = command.Progress(False)
    clock[0] = 9.0
    quiet(1, 1)
    assert capsys.readouterr().err == ""


def _answer_by_whole_solve(u, policy: str, param, x: float):
    """The answer with one parameter at x, by solving the whole game again (no probe, no sweep)."""
    n = u.table.number[param.node_id]
    payoffs, chance, beliefs = list(u.table.payoffs), list(u.table.chance), list(u.table.chance)
    if param.kind == "payoff":
        vec = list(payoffs[n] or (0.0,) * len(u.actors))
        vec[u.actors.index(param.actor)] = x
        payoffs[n] = tuple(vec)
    elif param.kind == "chance":
        chance[n] = beliefs[n] = rescaled(chance[n], param.option, x)
    else:
        beliefs[n] = rescaled(beliefs[n], param.option, x)
    eq = equilibrium(u, payoffs, chance)
    f = flow(u, policy_weights(u, policy, eq, chance=chance, beliefs=beliefs))
    order = {o: i for i, o in enumerate(u.graph.outcomes)}
    likely = max(f.outcomes, key=lambda o: (f.outcomes[o], -order[o])) if f.outcomes else None
    return Answer(start_choice(eq), likely)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_inner=5, max_outcomes=3), st.sampled_from(["beliefs", "equilibrium", "uniform"]))
def test_the_sweep_finds_the_first_change_a_fine_grid_finds(text: str, policy: str) -> None:
    """Where the sweep finds a change, solving the whole game on a grid of 64 points finds the base
    answer before it and a different one just past it; where it finds none, none on the grid either."""
    u = unfold(graph_of(text))
    result = sensitivity(u, policy)
    for swing in result.swings:
        p = swing.parameter
        for bound, found, changed_to in ((p.low, swing.down, swing.down_answer), (p.high, swing.up, swing.up_answer)):
            if bound == p.value:
                continue
            end = bound if found is None else found
            for k in range(1, 64):
                x = p.value + (end - p.value) * k / 64
                if abs(x - end) > 1e-5 * (p.high - p.low):
                    assert _answer_by_whole_solve(u, policy, p, x) == result.baseline, (p.label, x, found)
            if found is not None:
                past = found + (bound - p.value) / abs(bound - p.value) * 2e-6 * max(p.high - p.low, abs(p.value), 1.0)
                assert _answer_by_whole_solve(u, policy, p, past) == changed_to, (p.label, found)
# --- hostile but valid scenarios (issue 17) ---------------------------------------------------

LOCKED_CHANCE = """\
format: 1
id: locked
title: A chance node no state reaches
actors: {x: {name: X}, y: {name: Y}}
metrics: {m: {label: M, initial: 0}}
start: s
nodes:
  s:
    kind: decision
    actor: x
    title: S
    options:
      - {label: Go, to: c, requires: "m > 5"}
      - {label: Stay, to: e1}
  c:
    kind: chance
    title: Never reached
    options:
      - {label: A, to: e1, probability: 0.5}
      - {label: B, to: e2, probability: 0.5}
  e1: {kind: outcome, title: E1, payoffs: {x: 1, y: 0}}
  e2: {kind: outcome, title: E2, payoffs: {x: 0, y: 1}}
"""


@pytest.mark.parametrize("policy", ["beliefs", "equilibrium", "uniform"])
def test_a_chance_node_behind_a_requires_that_never_holds_is_no_parameter(policy: str) -> None:
    result = sensitivity(unfold(graph_of(LOCKED_CHANCE)), policy)
    labels = [s.parameter.label for s in result.swings]
    assert labels and not any(" c " in f" {label} " or "(c →" in label for label in labels)
    assert all("e2" not in label for label in labels)  # reachable only through the locked node


HUGE_PAYOFFS = """\
format: 1
id: huge
title: Payoffs at the ends of the float range
actors: {x: {name: X}, y: {name: Y}}
start: s
nodes:
  s:
    kind: chance
    title: S
    options:
      - {label: Go, to: d, probability: 0.5}
      - {label: Stay, to: e2, probability: 0.5}
  d:
    kind: decision
    actor: y
    title: D
    options:
      - {label: A, to: e1}
      - {label: B, to: e2}
  e1: {kind: outcome, title: E1, payoffs: {x: 1e308, y: -1.7976931348623157e308}}
  e2: {kind: outcome, title: E2, payoffs: {x: -1e308, y: 1.7976931348623157e308}}
"""


@pytest.mark.parametrize("policy", ["beliefs", "equilibrium", "uniform"])
def test_payoffs_near_the_largest_float_keep_every_number_finite(policy: str) -> None:
    import math

    result = sensitivity(unfold(graph_of(HUGE_PAYOFFS)), policy)
    assert math.isfinite(result.payoff_range)
    for swing in result.swings:
        p = swing.parameter
        moves = [x for x in (swing.down, swing.up) if x is not None]
        numbers = [p.low, p.high, p.high - p.low, *moves, *([swing.nearest] if moves else [])]
        assert all(math.isfinite(x) for x in numbers), swing
