"""Outcome odds as an array-backed mapping: the same as the dict it replaced, read lazily."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis.outcome_odds import OutcomeIndex, OutcomeOdds
from explorer.analysis.outlooks import DEAD_END, Outlooks
from explorer.analysis.summary import analyse
from explorer.loading import load_text

IDS = ["war", "deal", "talks", "freeze"]
"""Topological order; the file lists them as FILE_ORDER."""
FILE_ORDER = ["deal", "freeze", "talks", "war"]


def odds(sums: list[float]) -> OutcomeOdds:
    return OutcomeOdds(OutcomeIndex(IDS, FILE_ORDER), np.array(sums))


def test_reads_as_the_dict_of_reached_outcomes() -> None:
    found = odds([0.25, 0.0, 0.75, 0.0])
    expected = {"war": 0.25, "talks": 0.75}
    assert found == expected and expected.__eq__(found) is NotImplemented and expected == found  # dict defers to the mapping
    assert found != {"war": 0.25, "talks": 0.75, "deal": 0.0}
    assert list(found) == ["war", "talks"] and len(found) == 2
    assert found["talks"] == 0.75 and type(found["talks"]) is float
    assert found.get("deal", -1.0) == -1.0 and found.get("nowhere") is None
    assert "war" in found and "deal" not in found and 3 not in found
    with pytest.raises(KeyError):
        _ = found["deal"]
    assert found.as_dict() == dict(found.items()) == {"war": 0.25, "talks": 0.75}
    assert json.loads(json.dumps(found.as_dict())) == {"war": 0.25, "talks": 0.75}
    assert repr(found) == repr({"war": 0.25, "talks": 0.75})


def test_top_is_most_likely_first_and_file_order_on_ties() -> None:
    found = odds([0.3, 0.1, 0.3, 0.3])
    assert found.top(1) == [("freeze", 0.3)]  # three tie: freeze is first in the file
    assert found.top(3) == [("freeze", 0.3), ("talks", 0.3), ("war", 0.3)]
    assert found.top(10) == [("freeze", 0.3), ("talks", 0.3), ("war", 0.3), ("deal", 0.1)]
    assert odds([0.0] * 4).top(1) == [] and found.top(0) == []


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.5]), min_size=4, max_size=4), st.integers(1, 5))
def test_top_matches_sorting_every_entry(sums: list[float], k: int) -> None:
    found = odds(sums)
    rank = {o: i for i, o in enumerate(FILE_ORDER)}
    assert found.top(k) == sorted(found.as_dict().items(), key=lambda item: (-item[1], rank[item[0]]))[:k]


SCENARIO = """\
format: 1
id: t
title: T
actors:
  a: {name: A}
start: open
nodes:
  open:
    kind: chance
    title: Open
    options:
      - {label: Stall, to: stall, probability: 0.5}
      - {label: War, to: war, probability: 0.25}
      - {label: Deal, to: deal, probability: 0.25}
  stall:
    kind: decision
    actor: a
    title: Stall
    options:
      - {label: Wait, to: war, requires: "false"}
  deal: {kind: outcome, title: Deal, payoffs: {a: 1}}
  war: {kind: outcome, title: War, payoffs: {a: 0}}
"""


def test_the_most_likely_ending_counts_a_dead_end_and_ties_go_to_the_file_order() -> None:
    result = load_text(SCENARIO)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    analysis = analyse(result.graph)
    outlooks = Outlooks(analysis)
    for policy in ("beliefs", "uniform"):
        assert outlooks.likeliest(policy) == outlooks.outcome_odds(policy)[0] == (DEAD_END, 0.5)
    assert analysis.most_likely_outcome("beliefs") == ("deal", 0.25)  # war and deal tie: deal is first in the file
    assert analysis.as_json()["distribution"]["beliefs"] == {"war": 0.25, "deal": 0.25}
