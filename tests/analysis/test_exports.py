"""Exports: DOT quoting, Mermaid ids and escapes, flat GraphML, node-link JSON, and the .efg text."""

from __future__ import annotations

import io
import json
import re
from fractions import Fraction

import networkx as nx
import pytest

from explorer.analysis.unfolding import unfold
from explorer.export.dot import quote
from explorer.export.efg import TreeTooLarge, efg_text, tree_size
from explorer.export.graphml import to_graphml
from explorer.export.mermaid import to_mermaid
from explorer.export.nodelink import node_link, to_json
from explorer.export.picture import picture_dot
from tests.analysis.analysis_helpers import graph_of

AWKWARD = r'''
format: 1
id: awkward
title: 'Titles "quoted", with \ and [brackets] | pipes # and <tags>'
actors:
  a: {name: Alpha}
start: end
nodes:
  end:
    kind: decision
    actor: a
    title: "A node called end, \"quoted\"\nover two lines"
    tags: [one, two]
    sources: []
    options:
      - {label: 'Go "on" [x] | y', to: n.1-b, probability: 0.5, effects: {}}
      - {label: Stop, to: o_2, probability: 0.5}
  n.1-b:
    kind: chance
    title: 'C:\path'
    options:
      - {label: 'x', to: o_2, probability: 1}
  o_2: {kind: outcome, title: Done, payoffs: {a: 1.5}}
'''

QUOTED = r'"(?:[^"\\]|\\.)*"'


def test_dot_quote_escapes_everything_that_would_break_an_id() -> None:
    assert quote('a:b') == '"a:b"'
    assert quote('say "hi"') == r'"say \"hi\""'
    assert quote("back\\slash") == r'"back\\slash"'
    assert quote("two\nlines") == r'"two\nlines"'


def _without_html_labels(line: str) -> str:
    """The line with each Graphviz HTML-like label (`<…>`, nested) replaced by H."""
    out, depth = [], 0
    for i, ch in enumerate(line):
        if ch == "<" and (depth or line[i - 1] == "="):
            depth += 1
            if depth == 1:
                out.append("H")
        elif ch == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    assert depth == 0, line
    return "".join(out)


def test_dot_statements_are_well_formed() -> None:
    text = picture_dot(graph_of(AWKWARD))
    body = text.splitlines()[1:-1]
    for line in body:
        bare = re.sub(QUOTED, "Q", _without_html_labels(line))
        assert re.fullmatch(r"\s*[A-Za-z0-9_=,;\[\] ->.]*", bare), line
    assert '"n.1-b" -> "o_2"' in text and text.startswith('digraph "awkward" {')
    assert "&quot;" not in text and '\\"quoted\\"' not in text and '"quoted"' in text


def test_mermaid_uses_safe_ids_and_escaped_labels() -> None:
    text = to_mermaid(graph_of(AWKWARD))
    lines = [x.strip() for x in text.splitlines()[1:] if not x.strip().startswith("%%")]
    for line in lines:
        for label in re.findall(r'"([^"]*)"', line):
            assert not set(label) & set('"[]|<>`{}#') - {"#"} and "\n" not in label
    node_ids = {m for line in lines for m in re.findall(r"\b(n\d+)\b", line)}
    assert node_ids == {"n0", "n1", "n2"}
    assert "#quot;quoted#quot;" in text and "#91;x#93; #124; y" in text
    assert not re.search(r"^\s*end\b", text, re.M)


def test_graphml_has_only_flat_values_and_reads_back() -> None:
    g = graph_of(AWKWARD)
    back = nx.read_graphml(io.BytesIO(to_graphml(g).encode()), force_multigraph=True)
    assert back.is_multigraph() and back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert back.nodes["end"]["tags"] == "one; two"
    assert json.loads(back.nodes["o_2"]["payoffs"]) == {"a": 1.5}
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_node_link_json_round_trips() -> None:
    g = graph_of(AWKWARD)
    data = json.loads(to_json(g))
    assert data == node_link(g)
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert data["graph"]["start"] == "end" and data["links"][0]["label"] == 'Go "on" [x] | y'


def _lines(text: str) -> list[str]:
    return text.splitlines()[3:]


def test_efg_text_by_hand(tiny_yaml: str) -> None:
    text = efg_text(unfold(graph_of(tiny_yaml)))
    assert text.splitlines()[0] == 'EFG 2 R "A tiny crisis" { "a" "b" }'
    assert _lines(text) == [
        'p "" 1 1 "" { "Talk" "Threaten" } 0',
        'p "" 2 1 "" { "Accept" } 0',  # Escalate is locked at tension 3: not a move of the game
        't "" 1 "deal" { 2, 2 }',
        'c "" 1 "" { "It breaks" 1/4 "It holds" 3/4 } 0',
        't "" 2 "war" { -10, -8 }',
        't "" 1',
    ]


def test_efg_chance_odds_are_exact_and_labels_plain() -> None:
    text = efg_text(unfold(graph_of(AWKWARD.replace(
        "- {label: 'x', to: o_2, probability: 1}",
        "- {label: 'x', to: o_2, probability: 0.1}\n      - {label: 'x', to: o_2, probability: 0.2}\n"
        "      - {label: 'z', to: o_2, probability: 0.7}"))))
    assert text.isascii()
    chance = next(line for line in _lines(text) if line.startswith("c "))
    odds = [Fraction(x) for x in re.findall(r'" (\d+(?:/\d+)?)', chance.split("{")[1])]
    assert odds == [Fraction(1, 10), Fraction(1, 5), Fraction(7, 10)] and sum(odds) == 1
    assert '"x" 1/10 "x (2)" 1/5' in chance  # action labels made distinct within a node
    for line in _lines(text):
        assert line.split('"')[1] == ""  # node labels left empty


def test_efg_size_is_bounded() -> None:
    layers = 12
    nodes = "".join(
        f"  d{i}: {{kind: decision, actor: a, title: t, options: [{{label: x, to: d{i + 1}}}, {{label: y, to: d{i + 1}}}]}}\n"
        for i in range(layers)
    )
    g = graph_of("format: 1\nid: w\ntitle: W\nactors: {a: {name: A}}\nstart: d0\nnodes:\n" + nodes
                 + f"  d{layers}: {{kind: outcome, title: end}}\n")
    u = unfold(g)
    assert len(u) == layers + 1 and tree_size(u) == 2 ** (layers + 1) - 1
    with pytest.raises(TreeTooLarge, match="would have 8,191 nodes, over the limit of 1,000"):
        efg_text(u, max_nodes=1000)
