"""Size limits of whole files, scenarios and include sets, each with its own message."""

from __future__ import annotations

import pytest

from explorer.loading import limits, load_scenario, load_text
from explorer.problems import Position, Problem, Problems, printable


def test_file_size_limit(write_scenario, tiny_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_scenario(tiny_yaml)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    result = load_scenario(path)
    assert [(p.position.line, p.message) for p in result.problems.items] == [
        (0, f"file is {path.stat().st_size} bytes; the limit is 100"),
    ]
    assert str(result.problems.items[0]).startswith(f"{path}: error: file is ")


def test_included_file_size_limit(write_scenario, tiny_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    main = tiny_yaml.replace("title: A tiny crisis", "title: A tiny crisis\ninclude: [big.yaml]")
    path = write_scenario(main, files={"big.yaml": "metrics:\n" + "".join(f"  m{i}: {{label: M}}\n" for i in range(400))})
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(main) + 10)
    result = load_scenario(path)
    assert [(p.position.file, p.position.line, p.message.split(";")[0]) for p in result.problems.sorted()] == [
        (str(path.parent / "big.yaml"), 0, f"file is {(path.parent / 'big.yaml').stat().st_size} bytes"),
    ]


def test_scenario_node_limit(load_yaml, problem_rows, tiny_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_SCENARIO_NODES", 3)
    assert problem_rows(load_yaml(tiny_yaml)) == [(10, 1, "error", "more than 3 nodes")]
    assert load_text(tiny_yaml.replace("  war:", "  # war:"), "t.yaml").problems.errors[0].message == "more than 3 nodes"


def test_include_count_limit(write_scenario, tiny_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_INCLUDES", 2)
    names = [f"f{i}.yaml" for i in range(5)]
    main = tiny_yaml.replace("title: A tiny crisis", f"title: A tiny crisis\ninclude: [{', '.join(names)}]")
    path = write_scenario(main, files={name: f"sources:\n  s{i}: {{title: S}}\n" for i, name in enumerate(names)})
    errors = load_scenario(path).problems.errors
    assert [(p.position.line, p.position.col, p.message) for p in errors] == [(4, 29, "more than 2 included files")]  # at f2


def test_problems_sort_errors_first_and_drop_duplicates() -> None:
    problems = Problems()
    problems.warning("w", Position("a.yaml", 1, 1))
    problems.error("late", Position("a.yaml", 9, 1))
    problems.error("early", Position("a.yaml", 2, 5))
    problems.error("early", Position("a.yaml", 2, 5))
    problems.error("other file", Position("0.yaml", 50, 1))
    assert [p.message for p in problems.sorted()] == ["other file", "early", "late", "w"]
    assert Problem("error", "m", Position("f", 3, 4)).as_dict() == {"file": "f", "line": 3, "col": 4, "severity": "error", "message": "m"}


def test_messages_are_printable_one_liners() -> None:
    assert printable("a\nb\tc\x1b[31m\u2028") == "a\\nb\\tc\\x1b[31m\\u2028"
    long = printable("start " + "x" * 5000 + " the reason")
    assert len(long) < 1010 and long.startswith("start x") and long.endswith("x the reason")
