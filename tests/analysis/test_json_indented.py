"""The fast indented JSON writer gives the standard library's text, byte for byte."""

from __future__ import annotations

import enum
import json
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis.summary import analyse
from explorer.bundled import bundled_scenarios
from explorer.commands.shared.json_indented import dumps
from explorer.loading import load_scenario

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=12))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                    max_leaves=40)


def standard(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(DATA)
def test_generated_data(data: object) -> None:
    assert dumps(data) == standard(data)


class Colour(enum.StrEnum):
    RED = "red"


def test_what_it_does_not_know_goes_to_the_standard_library() -> None:
    for data in ({1: "a", "b": 2}, {"k": Colour.RED}, [Colour.RED], {"x": [math.nan, -math.inf, 1e308 * 10]},
                 {"s": "tab\t, quote\" back\\ \u2028 é 日本 \x00"}, [[], {}, [[]], {"a": {}}]):
        assert dumps(data) == standard(data)


def test_solve_answers(tmp_path: Path) -> None:
    for path in bundled_scenarios():
        result = load_scenario(path)
        assert result.ok
        data = analyse(result.graph).as_json()
        assert dumps(data) == standard(data), path.name
