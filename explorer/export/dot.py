"""Graphviz DOT: every id and label quoted and escaped, so any id (`:`, quotes, spaces) is valid."""

from __future__ import annotations

from explorer.format.models import NodeKind, Option
from explorer.graph import ScenarioGraph

_SHAPES = {"decision": "box", "chance": "diamond", "outcome": "ellipse"}


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def node_label(graph: ScenarioGraph, node_id: str) -> str:
    node = graph.node(node_id)
    lines = [node.title, f"[{node_id}]"]
    if node.KIND == NodeKind.DECISION:
        lines.append(f"{graph.scenario.actors[node.actor].label} decides")
    elif node.KIND == NodeKind.OUTCOME and node.payoffs:
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
