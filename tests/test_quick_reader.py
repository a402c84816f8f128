"""The quick read gives exactly what the marked read gives, or declines; a load gives the same models
and the same problems, at the same positions, whichever read a file took."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.bundled import bundled_scenarios
from explorer.loading import load_scenario, load_text, quick_reader
from explorer.loading.yaml_reader import read_yaml
from explorer.problems import Problems
from tests.test_fuzz_loader import mangled_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import broken_scenario, tree_scenario

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.rglob("*.yaml")) + bundled_scenarios()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: Any, b: Any) -> bool:
    """Equal values of the very same classes, all the way down (`WrittenInt` is not `int`; -0.0 is not 0.0)."""
    if a.__class__ is not b.__class__:
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b) or (math.isnan(a) and math.isnan(b))
    return a == b and getattr(a, "yaml_text", None) == getattr(b, "yaml_text", None)


def plain(value: Any) -> Any:
    """The marked read's containers as plain dicts and lists (what the quick read builds)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def agree(text: str) -> bool:
    """The quick read, where it reads `text`, gives the marked read's value; True when it read it."""
    quick = quick_reader.quick_read(text)
    problems = Problems()
    marked = read_yaml(text, "f.yaml", problems, marks=True)
    if quick is None:
        return False
    assert marked.ok and not problems.items, (text, problems.items)
    assert same(quick, plain(marked.value)), text
    return True


def loads_alike(monkeypatch: pytest.MonkeyPatch, load: Any) -> None:
    """Models, graph and problems (with positions) equal with the quick read on and off."""
    quick = load()
    with monkeypatch.context() as patch:
        patch.setattr(quick_reader, "yaml_rs", None)
        marked = load()
    assert [str(p) for p in quick.problems.sorted()] == [str(p) for p in marked.problems.sorted()]
    assert quick.scenario == marked.scenario
    assert quick.ok == marked.ok
    if quick.graph is not None:
        assert marked.graph is not None
        assert quick.graph.topological_order == marked.graph.topological_order
        for node in quick.graph.topological_order:  # moves alike (`requires` is a compiled function: by its text)
            assert [(m.option, m.effects, m.actor) for m in quick.graph.actions(node)] == \
                [(m.option, m.effects, m.actor) for m in marked.graph.actions(node)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_corpus_and_bundled_files_read_and_load_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    agree(text)
    loads_alike(monkeypatch, lambda: load_scenario(path))


@pytest.mark.parametrize("size", [1, 7, 200])
def test_generated_scenarios_are_read_quickly_and_load_alike(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tree_scenario(size)
    assert agree(text), "the generated scenario is plain: the quick read must take it"
    loads_alike(monkeypatch, lambda: load_text(text, "gen.yaml"))
    broken = broken_scenario(size)
    assert agree(broken)
    loads_alike(monkeypatch, lambda: load_text(broken, "broken.yaml"))


def test_problems_in_a_quickly_read_file_are_at_their_places(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(tree_scenario(7).replace("actor: b\n", "actor: zed\n", 1).replace("    title: End 5\n", "    titel: End 5\n"))
    assert quick_reader.quick_read(path.read_text()) is not None
    found = [str(p) for p in load_scenario(path).problems.sorted()]
    lines = path.read_text().splitlines()
    actor_line = next(i for i, line in enumerate(lines, 1) if "actor: zed" in line)
    titel_line = next(i for i, line in enumerate(lines, 1) if "titel:" in line)
    assert any(p.startswith(f"{path}:{actor_line}:12: error:") and "zed" in p for p in found), found
    assert any(p.startswith(f"{path}:{titel_line}:5: error:") and "titel" in p for p in found), found


@pytest.mark.parametrize(
    "text",
    ["a: !foo x\n", "a: !!str 1\n", "a: &x [1]\nb: *x\n", "? a\n: b\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n",
     "a: 1\tb\n", "a: 1\rb: 2\n", "a: \x85\n", "a: x\u2028y\n", "a: \ufeffx\n", "a: 007\n", "a: 2.10\n", "a: 1e3\n", "a: .5\n", "a: +1\n", "a: -0\n",
     "a: .inf\n", "a: 0x1F\n", "a: 0o17\n", "a: 0b101\n", "a: 1_000\n", "a: [1., 2]\n", "{a: 0.50}\n", "1: x\n",
     "true: x\n", "null: x\n", "a: |2\n   x\n", "a: >+\n  x\n", "a: |\n", "a: |\n  x\n\nb: 1\n", "a: |\n  #", "a: >\n  x\n    y\n", "- " * 200 + "x\n", "a: " + "[" * 70 + "]" * 70 + "\n",
     "a: " + "1" * 5000 + "\n", "a: 1\na: 2\n", "- a\n- b\n", "", "a: [\n", "a: {n,>=b: c}\n", "a: [x, |y]\n"],
)
def test_files_left_to_the_marked_read(text: str) -> None:
    """Tags, anchors, documents, odd characters, numbers kept as written, keys that are no text,
    unusual block headers, block indicators starting a flow item, deep nesting, huge numbers, duplicates,
    a root that is no mapping, errors."""
    assert quick_reader.quick_read(text) is None


@pytest.mark.parametrize(
    "text",
    ["a: R&D, 5 * 3, what?\n", "a: in 2019. And 007 too\n", "a: 'x: 007'\nb: \"2.10\"\n", "a: |\n  x > 1\n  y\n",
     "a: >-\n  folded\n  text\nb: 1\n", "a: x\r\nb: [1, 2.5, -3]\r\n", "a: {b: [c, {d: e}]}\n", "a: tension >= 3\n",
     "a: 2019-06-30\nb: 1:30\nc: yes\nd: ~\ne: True\nf: 0.25\ng:\n", "k: 'it''s'\nq: \"tab\\there\\u263A\"\n"],
)
def test_plain_files_are_read_quickly_and_alike(text: str) -> None:
    assert agree(text)


_WORDS = st.sampled_from(["0", "1", "-1", "+1", "007", "0.5", ".5", "1e3", "2.10", "1.0", "-0.0", "0x1F", "0o7", "1_0",
                          ".inf", "-.inf", ".nan", "null", "Null", "~", "true", "False", "yes", "on", "y", "1:30",
                          "2019-06-30", "x", "n1", "a b", "é", "1,5", "#", "- x", "a: b", "[1]", "{}", "''", '""'])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Small block and flow documents of plain, quoted and odd scalars."""
    lines = []
    for index in range(draw(st.integers(1, 6))):
        word = draw(_WORDS)
        style = draw(st.sampled_from(["plain", "single", "double", "flow", "seq", "nested"]))
        if style == "single":
            word = "'" + word.replace("'", "''") + "'"
        elif style == "double":
            word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
        elif style == "flow":
            word = "[" + ", ".join([word, *draw(st.lists(_WORDS, max_size=3))]) + "]"
        elif style == "seq":
            word = "\n" + "".join(f"  - {w}\n" for w in [word, *draw(st.lists(_WORDS, max_size=3))]).rstrip("\n")
        elif style == "nested":
            word = "\n  inner: " + word
        lines.append(f"k{index}: {word}")
    return "\n".join(lines) + "\n"


@given(documents())
@SETTINGS
def test_generated_documents_read_alike(text: str) -> None:
    agree(text)


@given(mangled_text())
@SETTINGS
def test_mangled_scenarios_read_alike(text: str) -> None:
    """The loader's fuzz seeds (flow style, block scalars, anchors, YAML 1.1 words …) mangled: wherever the
    quick read takes the text, the marked read finds no problem and the same values."""
    agree(text)


def test_an_implicit_key_over_two_lines_is_left_to_the_marked_read() -> None:
    """YAML keeps an implicit key on one line; yaml-rs reads `{k\\nind: …}` as the key 'k ind'."""
    text = "{format: 1, nodes: {s: {k\nind: decision}}}\n"
    assert quick_reader.quick_read(text) is None
    assert quick_reader.quick_read("{format: 1, nodes: {s: {kind: decision}}}\n") is not None
    assert quick_reader.quick_read("{format: 1, nodes: {s\n: {kind: decision}}}\n") is None  # ':' on the next line


def test_a_broken_file_read_quickly_is_read_with_marks_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its raw nodes let go after validation and its positions both come from one marked read."""
    from explorer.loading import sections, yaml_reader

    monkeypatch.setattr(sections, "CHUNK", 8)  # nodes validated 8 at a time, each chunk's raw nodes let go
    path = tmp_path / "s.yaml"
    path.write_text(tree_scenario(40).replace("        to: n38\n", "        to: n3B\n", 1))
    marked: list[bool] = []
    read = yaml_reader.read_yaml
    monkeypatch.setattr(yaml_reader, "read_yaml", lambda *a, **k: marked.append(k.get("marks", False)) or read(*a, **k))
    found = [str(p) for p in load_scenario(path).problems.sorted()]
    lines = path.read_text().splitlines()
    to_line = lines.index("        to: n3B") + 1
    node_line = lines.index("  n38:") + 1
    assert found == [
        f"{path}:{to_line}:13: error: node 'n18', option 2: 'to' names unknown node 'n3B' "
        "(did you mean 'n3'?)",
        f"{path}:{node_line}:3: warning: node 'n38' cannot be reached from start 'n0'",
    ]
    assert marked == [True]
