"""`include`: merging fragments, folder confinement, loops, duplicates naming both places."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.loading import load_scenario

MAIN = """\
format: 1
id: inc
title: Includes
include: {include}
actors:
  a: {{name: Alpha}}
start: open
nodes:
  open:
    kind: decision
    actor: a
    title: Open
    options:
      - {{label: Go, to: end}}
"""
END = "nodes:\n  end: {kind: outcome, title: End, payoffs: {a: 1}}\n"


def main_with(include: str) -> str:
    return MAIN.format(include=include)


def _short(value: object) -> str:
    return str(value)[:24]


def found(result) -> list[tuple[str, int, int, str, str]]:
    return [(p.position.file, p.position.line, p.position.col, p.severity, p.message) for p in result.problems.sorted()]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the temporary folder, so that displayed paths are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fragments_in_subfolders_merge(write_scenario, in_tmp) -> None:
    path = write_scenario(
        main_with("[parts/metrics.yaml, parts/deep/nodes.yaml]"),
        files={
            "parts/metrics.yaml": "metrics:\n  m: {label: M}\nsources:\n  s: {title: S}\n",
            "parts/deep/nodes.yaml": "include: [../actors.yaml]\n" + END,
            "parts/actors.yaml": "actors:\n  b: {name: Beta}\n",
        },
    )
    result = load_scenario(Path("s.yaml"))
    assert result.ok, found(result)
    assert set(result.scenario.actors) == {"a", "b"}
    assert set(result.scenario.metrics) == {"m"} and set(result.scenario.sources) == {"s"}
    assert result.files == ["s.yaml", "parts/metrics.yaml", os.path.join("parts", "deep", "nodes.yaml"), "parts/actors.yaml"]
    assert path.exists()


def test_a_single_include_string(write_scenario, in_tmp) -> None:
    write_scenario(main_with("end.yaml"), files={"end.yaml": END})
    assert load_scenario("s.yaml").ok


def test_errors_in_fragments_point_into_the_fragment(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[parts/end.yaml]"),
                   files={"parts/end.yaml": "nodes:\n  end:\n    kind: outcome\n    title: End\n    payof: {a: 1}\n"})
    assert found(load_scenario("s.yaml")) == [
        ("parts/end.yaml", 5, 5, "error", "unknown key 'payof' in node 'end' (did you mean 'payoffs'?)"),
        ("parts/end.yaml", 2, 3, "warning", "outcome 'end' has no payoff for 'a', who decide elsewhere (counted as 0)"),
    ]


def test_fragments_may_not_hold_top_level_keys(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[end.yaml]"), files={"end.yaml": "format: 1\nstart: x\n" + END})
    assert found(load_scenario("s.yaml")) == [
        ("end.yaml", 1, 1, "error", "unknown key 'format' (allowed: sources, actors, metrics, nodes, include)"),
        ("end.yaml", 2, 1, "error", "unknown key 'start' (allowed: sources, actors, metrics, nodes, include)"),
    ]


def test_duplicate_ids_across_files_name_both_places(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[end.yaml, more.yaml]"), files={
        "end.yaml": END,
        "more.yaml": "actors:\n  a: {name: Again}\nnodes:\n  end: {kind: outcome, title: Twice}\n  open: {kind: outcome, title: X}\n",
    })
    assert found(load_scenario("s.yaml")) == [
        ("more.yaml", 2, 3, "error", "duplicate actor id 'a': also defined at s.yaml:6:3"),
        ("more.yaml", 4, 3, "error", "duplicate node id 'end': also defined at end.yaml:2:3"),
        ("more.yaml", 5, 3, "error", "duplicate node id 'open': also defined at s.yaml:9:3"),
    ]


@pytest.mark.parametrize(
    ("include", "col", "fragment"),
    [
        ("[../x.yaml]", 11, "include '../x.yaml' points outside the scenario's folder"),
        ("[parts/../../x.yaml]", 11, "points outside the scenario's folder"),
        ("[/etc/hostname]", 11, "include '/etc/hostname' points outside the scenario's folder"),
        ("[missing.yaml]", 11, "included file 'missing.yaml' does not exist"),
        ("[parts]", 11, "included file 'parts' is not a file"),
        ("['']", 12, "include item 1 is empty"),
        ("[5]", 11, "include item 1: expected a file path, got 5"),
        ('["a\\0b.yaml"]', 12, "is not a usable path"),
        ("[" + "x" * 5000 + ".yaml]", 11, "is not a usable path: File name too long"),
        ("{a: 1}", 10, "'include': expected a list, got a mapping"),
        ("[~]", 11, "'include' item 1: expected text, got None"),
    ],
    ids=_short,
)
def test_bad_include_entries(write_scenario, in_tmp, include: str, col: int, fragment: str) -> None:
    (in_tmp / "parts").mkdir()
    (in_tmp.parent / "x.yaml").write_text(END, encoding="utf-8")
    write_scenario(main_with(include))
    problems = found(load_scenario("s.yaml"))
    assert len(problems) == 1, problems
    assert problems[0][:4] == ("s.yaml", 4, col, "error")
    assert fragment in problems[0][4]


def test_a_symlink_pointing_out_is_outside(write_scenario, in_tmp, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "end.yaml"
    outside.write_text(END, encoding="utf-8")
    write_scenario(main_with("[link.yaml]"))
    (in_tmp / "link.yaml").symlink_to(outside)
    assert found(load_scenario("s.yaml")) == [
        ("s.yaml", 4, 11, "error", "include 'link.yaml' points outside the scenario's folder; keep included files beside or below it"),
    ]


def test_a_symlink_inside_the_folder_is_fine(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[link.yaml]"), files={"parts/end.yaml": END})
    (in_tmp / "link.yaml").symlink_to(in_tmp / "parts" / "end.yaml")
    assert load_scenario("s.yaml").ok


def test_include_loops_print_the_chain(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[a.yaml]"), files={"a.yaml": "include: [b.yaml]\n" + END, "b.yaml": "include: [a.yaml]\n"})
    assert found(load_scenario("s.yaml")) == [("b.yaml", 1, 11, "error", "include loop: a.yaml -> b.yaml -> a.yaml")]


def test_including_itself_is_a_loop(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[s.yaml, end.yaml]"), files={"end.yaml": END})
    assert found(load_scenario("s.yaml")) == [("s.yaml", 4, 11, "error", "include loop: s.yaml -> s.yaml")]


def test_a_file_included_twice_is_read_once(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[end.yaml, x.yaml]"), files={"end.yaml": END, "x.yaml": "include: [end.yaml]\n"})
    result = load_scenario("s.yaml")
    assert result.ok, found(result)
    assert result.files == ["s.yaml", "end.yaml", "x.yaml"]


@pytest.mark.parametrize(
    ("content", "line", "col", "fragment"),
    [
        (b"- a\n- b\n", 1, 1, "an included file must be a mapping"),
        (b"", 1, 1, "the file is empty"),
        (b"nodes:\n\t- x\n", 2, 1, "tab character"),
        (b"nodes: {a: \xff}\n", 1, 12, "not valid UTF-8"),
        (b"nodes: !!python/object:os.system {}\n", 1, 8, "not allowed"),
    ],
)
def test_broken_fragments(write_scenario, in_tmp, content: bytes, line: int, col: int, fragment: str) -> None:
    write_scenario(main_with("[end.yaml, bad.yaml]"), files={"end.yaml": END, "bad.yaml": content})
    problems = found(load_scenario("s.yaml"))
    assert len(problems) == 1, problems
    assert problems[0][:4] == ("bad.yaml", line, col, "error")
    assert fragment in problems[0][4]


def test_references_across_files_with_suggestions(write_scenario, in_tmp) -> None:
    write_scenario(main_with("[end.yaml]").replace("to: end", "to: ende"), files={"end.yaml": END})
    assert found(load_scenario("s.yaml")) == [
        ("s.yaml", 14, 25, "error", "node 'open', option 1: 'to' names unknown node 'ende' (did you mean 'end'?)"),
        ("end.yaml", 2, 3, "warning", "node 'end' cannot be reached from start 'open'"),
    ]


def test_the_main_file_is_missing_or_a_folder(tmp_path: Path) -> None:
    missing = load_scenario(tmp_path / "nope.yaml")
    assert [(p.position.line, p.message) for p in missing.problems.items] == [(0, "cannot read file: No such file or directory")]
    folder = load_scenario(tmp_path)
    assert [(p.position.line, p.message) for p in folder.problems.items] == [(0, "not a file")]
    assert str(folder.problems.items[0]) == f"{tmp_path}: error: not a file"
