"""Graphviz DOT: every id and label quoted and escaped, so any id (`:`, quotes, spaces) is valid."""

from __future__ import annotations

from explorer.format.models import Option
from explorer.graph import ScenarioGraph
from explorer.terminal_text import shown

_SHAPES = {"decision": "box", "chance": "diamond", "outcome": "ellipse"}


def quote(text: str) -> str:
    """A DOT double-quoted string: control and invisible characters shown as escapes (Graphviz
    refuses a NUL), backslashes and quotes escaped, newlines as `\\n`."""
    escaped = shown(text, lines=True).replace("\t", " ").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def node_label(graph: ScenarioGraph, node_id: str) -> str:
    node = graph.node(node_id)
    lines = [node.title, f"[{node_id}]"]
    if node.kind == "decision":
        lines.append(f"{graph.scenario.actors[node.actor].label} decides")
    elif node.kind == "outcome" and node.payoffs:
        lines.append(", ".join(f"{a}: {v:g}" for a, v in node.payoffs.items()))
    return "\n".join(lines)


def edge_label(option: Option) -> str:
    return option.label if option.probability is None else f"{option.label} ({option.probability:.2f})"


def to_dot(graph: ScenarioGraph) -> str:
    scenario = graph.scenario
    out = [f"digraph {quote(scenario.id)} {{", f"  label={quote(scenario.title)};", "  labelloc=t;", "  rankdir=TB;",
           '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    for node_id, node in scenario.nodes.items():
        extra = ", peripheries=2" if node_id == graph.start else ""
        out.append(f"  {quote(node_id)} [label={quote(node_label(graph, node_id))}, shape={_SHAPES[node.kind]}{extra}];")
    for node_id, node in scenario.nodes.items():
        for option in node.options:
            style = ", style=dashed" if option.requires else ""
            out.append(f"  {quote(node_id)} -> {quote(option.to)} [label={quote(edge_label(option))}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"
