"""Mermaid flowchart that renders in GitHub Markdown: ids replaced by `n0`, `n1`, … and every label
quoted with Mermaid's entity codes for the characters that would end or confuse it. A round (format 2)
is one hexagon, with one edge per rule, labelled with the rule's label or when it fires in words."""

from __future__ import annotations

from explorer.export.dot import edge_label
from explorer.export.rules import rule_label
from explorer.graph import ScenarioGraph
from explorer.terminal_text import shown

_ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;",
             "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;"}
_SHAPES = {"decision": ('["', '"]'), "chance": ('{"', '"}'), "outcome": ('(["', '"])'), "round": ('{{"', '"}}')}
_COLOURS = (("decision", "#dbeafe"), ("chance", "#fef3c7"), ("outcome", "#dcfce7"), ("round", "#ede9fe"))


def text(label: str) -> str:
    """A label safe inside Mermaid's double quotes (one line, special characters as entity codes,
    control and invisible characters shown as escapes)."""
    return "".join(_ENTITIES.get(ch, ch) for ch in shown(" ".join(label.split())))


def to_mermaid(graph: ScenarioGraph) -> str:
    scenario = graph.scenario
    ids = {node_id: f"n{i}" for i, node_id in enumerate(scenario.nodes)}
    out = ["flowchart TD"]
    for node_id, node in scenario.nodes.items():
        left, right = _SHAPES[node.kind]
        out.append(f"  %% {ids[node_id]} = {text(node_id)}")
        out.append(f"  {ids[node_id]}{left}{text(node.title)}{right}")
    for node_id, node in scenario.nodes.items():
        for option in node.options:
            arrow = "-.->" if option.requires else "-->"
            out.append(f'  {ids[node_id]} {arrow}|"{text(edge_label(option))}"| {ids[option.to]}')
        for index, rule in enumerate(getattr(node, "then", ())):
            out.append(f'  {ids[node_id]} ==>|"{text(rule_label(graph, node_id, index))}"| {ids[rule.to]}')
    for kind, colour in _COLOURS:
        members = [ids[n] for n, node in scenario.nodes.items() if node.kind == kind]
        if members:
            out.append(f"  classDef {kind} fill:{colour},stroke:#555")
            out.append(f"  class {','.join(members)} {kind}")
    out.append(f"  classDef start stroke-width:3px\n  class {ids[graph.start]} start")
    return "\n".join(out) + "\n"
