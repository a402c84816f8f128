"""Hostile scenario files that cannot be committed to the corpus: symbolic links, and inputs made
large at test time. Each gives a clean error at the right place, or loads within a bound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.loading import load_scenario

TINY_HEAD = "format: 1\nid: s\ntitle: T\nactors: {a: {name: A}}\nstart: s\n"


def _where(result) -> list[tuple[str, int, int, str]]:
    return [(p.position.file, p.position.line, p.position.col, p.message) for p in result.problems.sorted()]


def test_an_include_through_a_symbolic_link_loop_is_an_error_at_the_include(tmp_path: Path) -> None:
    (tmp_path / "loop_a").symlink_to("loop_b")
    (tmp_path / "loop_b").symlink_to("loop_a")
    main = tmp_path / "s.yaml"
    main.write_text(TINY_HEAD + "include: [loop_a]\nnodes: {s: {kind: outcome, title: S}}\n")
    [(file, line, col, message)] = _where(load_scenario(main))
    assert (file, line, col) == (str(main), 6, 11)
    assert message == "include 'loop_a' is not a usable path: a symbolic link loop"


def test_a_main_file_that_is_a_link_names_its_includes_in_the_real_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "s.yaml").write_text(TINY_HEAD + "include: [frag.yaml]\nnodes: {s: {kind: outcome, title: S}}\n")
    (real / "frag.yaml").write_text("nodes:\n  t: {kind: outcome, title: T, colour: red}\n")
    (tmp_path / "s.yaml").symlink_to(Path("real") / "s.yaml")
    monkeypatch.chdir(tmp_path)
    result = load_scenario("s.yaml")
    assert result.files == ["s.yaml", os.path.join("real", "frag.yaml")]
    frag = os.path.join("real", "frag.yaml")
    assert [row[:3] for row in _where(result)] == [(frag, 2, 32), (frag, 2, 3)]  # the key, then "cannot be reached"
    assert _where(result)[0][3].startswith("unknown key 'colour'")


def test_a_symbolic_link_loop_as_the_scenario_is_refused_in_words(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    [(file, line, col, message)] = _where(load_scenario(tmp_path / "a.yaml"))
    assert (file, line, col) == (str(tmp_path / "a.yaml"), 0, 0)
    assert message.startswith("cannot read file")


# --- many items with a mistake each: every one reported, once ----------------------------------


def test_twenty_thousand_items_with_a_mistake_each_are_each_reported(write_scenario) -> None:
    """Salvaging bad items once scanned every error for every item: 20k items took minutes."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import broken_scenario

    count = 20_000
    result = load_scenario(write_scenario(broken_scenario(count), dedent=False))
    errors = result.problems.errors
    assert len(errors) == count
    kinds = {"unknown key 'titel'": 0, "expected a number, got 'lots'": 0, "unknown node": 0}
    for error in errors:
        for fragment in kinds:
            kinds[fragment] += fragment in error.message
    assert kinds == {"unknown key 'titel'": 6667, "expected a number, got 'lots'": 6667, "unknown node": 6666}
    first = min(errors, key=lambda p: p.position.line)
    assert (first.position.line, first.position.col) == (14, 5)  # n0's `titel`


# --- huge mappings and lists: a bound that holds -------------------------------------------


def test_a_mapping_of_many_unknown_keys_is_reported_in_a_bounded_number_of_lines(write_scenario) -> None:
    """5M unknown top-level keys took 9 minutes and 8.5 GB: past 100, they are summed up in one line
    and never reach pydantic."""
    count = 200_000
    text = TINY_HEAD + "nodes: {s: {kind: outcome, title: S}}\n" + "".join(f"k{i}: 1\n" for i in range(count))
    result = load_scenario(write_scenario(text, dedent=False))
    errors = result.problems.errors
    assert len(errors) == 101
    *each, summary = result.problems.sorted()
    assert [e.position.line for e in each] == list(range(7, 107))
    assert (summary.position.line, summary.position.col) == (107, 1)
    assert summary.message.startswith(f"{count - 100:,} more unknown keys after these")


def test_a_long_list_of_numbers_where_text_is_wanted_shares_one_text_per_number(write_scenario) -> None:
    """A 19.9M-value list took 2.2 GB: each number became its own string."""
    count = 1_000_000
    text = TINY_HEAD + "nodes: {s: {kind: outcome, title: S}}\nauthors: [" + "1, " * count + "2]\n"
    result = load_scenario(write_scenario(text, dedent=False))
    assert result.ok
    authors = result.scenario.authors
    assert len(authors) == count + 1 and authors[0] == "1" and authors[-1] == "2"
    assert len({id(a) for a in authors}) == 2
