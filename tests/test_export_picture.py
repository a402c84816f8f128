"""Pictures of the tree: the DOT the picture is drawn from (always), and Graphviz's rendering (when `dot` is here)."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

from explorer.bundled import bundled_scenarios
from explorer.cli import main
from explorer.export import render as render_module
from explorer.export.picture import (
    EQUILIBRIUM_COLOUR,
    HISTORICAL_COLOUR,
    Cut,
    CutError,
    Highlights,
    equilibrium_moves,
    highlights,
    historical_moves,
    picture_dot,
    select,
)
from explorer.export.render import RenderError, find_engine, render
from explorer.loading import load_scenario, load_text


def with_history(tiny: str) -> str:
    """The format page's example with a historical path: Threaten, then It breaks."""
    text = tiny.replace("{label: Threaten, to: gamble, effects: {tension: 3}, probability: 0.4}",
                        "{label: Threaten, to: gamble, effects: {tension: 3}, probability: 0.4, historical: true}")
    return text.replace("{label: It breaks, to: war, probability: 0.25}", "{label: It breaks, to: war, probability: 0.25, historical: true}")


@pytest.fixture
def history(tiny_yaml: str) -> str:
    return with_history(tiny_yaml)


needs_dot = pytest.mark.skipif(find_engine() is None, reason="Graphviz's dot is not installed (apt-get install graphviz)")


def graph(text: str):
    result = load_text(text, "tiny.yaml")
    assert result.graph is not None, [str(p) for p in result.problems.sorted()]
    return result.graph


def statement(dot: str, left: str, right: str | None = None) -> str:
    """The DOT statement of a node (or of the edge left -> right)."""
    head = f'"{left}" [' if right is None else f'"{left}" -> "{right}" ['
    [line] = [x for x in dot.splitlines() if x.strip().startswith(head)]
    return line


def test_the_equilibrium_and_the_historical_moves(history: str) -> None:
    g = graph(history)
    assert equilibrium_moves(g) == {("open", 0), ("reply", 0)}  # Talk, then Accept (Escalate is locked)
    assert historical_moves(g) == {("open", 1), ("gamble", 0)}


def test_node_kinds_have_their_shapes_and_the_start_is_doubled(history: str) -> None:
    dot = picture_dot(graph(history), marks=highlights(graph(history)))
    assert "shape=box" in statement(dot, "open") and "peripheries=2" in statement(dot, "open")
    assert "shape=ellipse" in statement(dot, "gamble")
    assert 'style="rounded,filled"' in statement(dot, "deal") and "Alpha 2 · Beta 2" in statement(dot, "deal")
    assert "Alpha decides" in statement(dot, "open")
    assert "Legend" in statement(dot, "legend")


def test_probabilities_in_numbers_and_words_and_conditions_in_labels(history: str) -> None:
    dot = picture_dot(graph(history))
    assert "0.25 · unlikely" in statement(dot, "gamble", "war") and "0.75 · likely" in statement(dot, "gamble", "deal")
    assert "est. 0.60 · likely" in statement(dot, "open", "reply")  # the analyst's estimate on a decision
    escalate = statement(dot, "reply", "gamble")
    assert "if Tension ≥ 4" in escalate and "style=dashed" in escalate


def test_the_paths_are_drawn_in_their_colours(history: str) -> None:
    g = graph(history)
    dot = picture_dot(g, marks=highlights(g))
    assert EQUILIBRIUM_COLOUR in statement(dot, "open", "reply") and EQUILIBRIUM_COLOUR in statement(dot, "reply", "deal")
    assert HISTORICAL_COLOUR in statement(dot, "open", "gamble") and HISTORICAL_COLOUR in statement(dot, "gamble", "war")
    assert "color=" not in statement(dot, "gamble", "deal")
    both = graph(history.replace("{label: Talk, to: reply,", "{label: Talk, historical: true, to: reply,"))
    assert f'"{EQUILIBRIUM_COLOUR}:{HISTORICAL_COLOUR}"' in statement(picture_dot(both, marks=highlights(both)), "open", "reply")


def test_scenario_text_cannot_break_the_dot(history: str) -> None:
    hostile = history.replace("title: A tiny crisis", 'title: "<b>&amp; \\"quoted\\" } ] \\x1b[31m"')
    hostile = hostile.replace("Beta answers the offer", "Beta <answers> & {offers}")
    dot = picture_dot(graph(hostile))
    assert "&lt;b&gt;&amp;amp;" in dot and "&lt;answers&gt; &amp; {offers}" in dot
    assert "\x1b" not in dot and "<b>" not in dot


def test_depth_cuts_the_tree_with_one_stub_per_node_left_out(history: str) -> None:
    g = graph(history)
    picture = select(g, Cut(depth=1), Highlights())
    assert picture.nodes == ["open", "reply", "gamble"]
    dot = picture_dot(g, Cut(depth=1))
    stubs = re.findall(r'"(more \d+)" \[label=<<FONT COLOR="#6b7280">⋯ ([^<]*)</FONT>>', dot)
    assert sorted(title for _, title in stubs) == ["A deal", "War"]
    assert dot.count("-> \"more ") == 3  # reply→deal, gamble→war, gamble→deal (reply→gamble is drawn)
    assert "3 of 5 nodes · 1 move deep" in dot


def test_from_a_node_and_an_unknown_node(history: str) -> None:
    g = graph(history)
    assert select(g, Cut(root="gamble"), Highlights()).nodes == ["gamble", "war", "deal"]
    with pytest.raises(CutError, match="did you mean 'gamble'"):
        select(g, Cut(root="gambel"), Highlights())


def test_paths_only_keeps_the_highlighted_moves(history: str) -> None:
    g = graph(history)
    marks = highlights(g)
    picture = select(g, Cut(paths_only=True), marks)
    assert set(picture.nodes) == {"open", "reply", "deal", "gamble", "war"}
    assert picture.hidden_options == {"reply": 1, "gamble": 1}
    dot = picture_dot(g, Cut(paths_only=True), marks)
    assert '"gamble" -> "deal"' not in dot and "+1 other option" in dot


def test_export_dot_with_cuts_and_usage_errors(history: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(history, encoding="utf-8")
    assert main(["export", str(path), "-f", "dot", "--depth", "1", "--from", "reply"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('digraph "tiny" {') and '"reply" -> "deal"' in out and '"open" [' not in out
    assert main(["export", str(path), "-f", "mermaid", "--depth", "1"]) == 2
    assert main(["export", str(path), "-f", "svg", "--from", "nowhere"]) == 2
    assert "there is no node 'nowhere'" in capsys.readouterr().err
    assert main(["export", str(path), "-f", "dot", "--depth", "-1"]) == 2


def test_binary_pictures_are_not_written_to_a_terminal(history: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(history, encoding="utf-8")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", str(path), "-f", "png"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_a_missing_engine_says_how_to_get_one(history: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(history, encoding="utf-8")
    monkeypatch.setenv("GRAPHVIZ_DOT", str(tmp_path / "no-such-dot"))
    assert main(["export", str(path), "-f", "svg", "-o", str(tmp_path / "x.svg")]) == 1
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "Traceback" not in err and not (tmp_path / "x.svg").exists()


def _fake_engine(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-dot"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_an_engine_that_fails_or_hangs_is_reported(tmp_path: Path) -> None:
    failing = _fake_engine(tmp_path, "sys.stderr.write('Error: syntax error in line 1'); sys.exit(1)")
    with pytest.raises(RenderError, match="could not draw it: Error: syntax error in line 1"):
        render("digraph {}", "svg", engine=failing)
    hanging = _fake_engine(tmp_path, "time.sleep(30)")
    with pytest.raises(RenderError, match=r"took longer than 0\.2 s; draw less with --depth"):
        render("digraph {}", "svg", engine=hanging, timeout=0.2)


def test_too_big_a_picture_is_refused(history: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(history, encoding="utf-8")
    monkeypatch.setattr(render_module, "MAX_NODES", 2)
    assert main(["export", str(path), "-f", "svg", "-o", str(tmp_path / "x.svg")]) == 1
    assert "would have 5 nodes" in capsys.readouterr().err


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<svg"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF")])
def test_the_bundled_scenarios_render(tmp_path: Path, fmt: str, magic: bytes) -> None:
    for scenario in bundled_scenarios():
        out = tmp_path / f"{scenario.stem}.{fmt}"
        assert main(["export", str(scenario), "-f", fmt, "-o", str(out)]) == 0
        data = out.read_bytes()
        assert (magic in data[:400]) if fmt == "svg" else data.startswith(magic)


@needs_dot
def test_the_svg_holds_the_titles_and_the_legend() -> None:
    g = load_scenario(bundled_scenarios()[0]).graph
    svg = render(picture_dot(g, Cut(depth=2), highlights(g)), "svg").decode("utf-8")
    assert "Legend" in svg and "equilibrium path" in svg
    assert "Hanoi ends with no" in svg and EQUILIBRIUM_COLOUR.lower() in svg.lower()


@needs_dot
def test_hostile_text_renders(history: str, tmp_path: Path) -> None:
    hostile = history.replace("title: A tiny crisis", 'title: "<b>&amp; \\"quoted\\" } ] \\x1b[31m ' + "w" * 300 + '"')
    assert render(picture_dot(graph(hostile)), "svg").startswith(b"<?xml")


def test_the_engine_comes_from_graphviz_dot_or_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _fake_engine(tmp_path, "sys.stdout.write('<svg/>')")
    monkeypatch.setenv("GRAPHVIZ_DOT", engine)
    assert find_engine() == engine
    assert render("digraph {}", "svg") == b"<svg/>"
    monkeypatch.delenv("GRAPHVIZ_DOT")
    monkeypatch.setenv("PATH", os.pathsep.join([str(tmp_path)]))
    assert find_engine() is None


def test_the_legend_names_only_the_paths_drawn(history: str, tiny_yaml: str) -> None:
    with_paths = statement(picture_dot(graph(history), marks=highlights(graph(history))), "legend")
    assert "equilibrium path" in with_paths and "what really happened" in with_paths
    no_history = statement(picture_dot(graph(tiny_yaml), marks=highlights(graph(tiny_yaml))), "legend")
    assert "equilibrium path" in no_history and "what really happened" not in no_history
    assert "equilibrium path" not in statement(picture_dot(graph(tiny_yaml)), "legend")
