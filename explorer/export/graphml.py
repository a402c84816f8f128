"""GraphML (a multigraph: one edge per option). GraphML has no list or map values, so payoffs,
effects, tags and sources are flattened to strings, and absent values are left out."""

from __future__ import annotations

import json

import networkx as nx

from explorer.format.models import NodeKind, SourceRef
from explorer.graph import ScenarioGraph
from explorer.terminal_text import xml_text


def _sources(items: list[SourceRef]) -> str:
    """'ref (note)' per citation, led by its kind where given: 'history: voa2019 (the firing)'."""
    return "; ".join((f"{s.kind}: " if s.kind else "") + (s.ref if not s.note else f"{s.ref} ({s.note})") for s in items)


def to_graphml(graph: ScenarioGraph) -> str:
    scenario = graph.scenario
    g = nx.MultiDiGraph(id=scenario.id, title=scenario.title, start=graph.start)
    for node_id, node in scenario.nodes.items():
        attrs = {"kind": node.kind, "title": node.title, "start": node_id == graph.start}
        if node.KIND == NodeKind.DECISION:
            attrs["actor"] = node.actor
        if node.KIND == NodeKind.OUTCOME:
            attrs["payoffs"] = json.dumps(node.payoffs, sort_keys=False)
        for key in ("text", "when"):
            if getattr(node, key):
                attrs[key] = getattr(node, key)
        if node.tags:
            attrs["tags"] = "; ".join(node.tags)
        if node.sources:
            attrs["sources"] = _sources(node.sources)
        g.add_node(node_id, **attrs)
    for node_id, node in scenario.nodes.items():
        for index, option in enumerate(node.options):
            attrs = {"option": index + 1, "label": option.label, "historical": option.historical}
            if option.probability is not None:
                attrs["probability"] = float(option.probability)
            if option.effects:
                attrs["effects"] = json.dumps(option.effects)
            for key in ("id", "requires", "rationale", "confidence"):
                if getattr(option, key) is not None:
                    attrs[key] = getattr(option, key)
            if option.indicators:
                attrs["indicators"] = "; ".join(option.indicators)
            if option.sources:
                attrs["sources"] = _sources(option.sources)
            g.add_edge(node_id, option.to, key=index, **attrs)
    _valid_xml(g)
    return "\n".join(nx.generate_graphml(g)) + "\n"


def _valid_xml(g: nx.MultiDiGraph) -> None:
    """Every text attribute as XML 1.0 can hold it: control characters (and what XML refuses
    outright) shown as escapes, so that the document stays well-formed."""
    for attrs in (g.graph, *(d for _, d in g.nodes(data=True)), *(d for *_, d in g.edges(keys=True, data=True))):
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = xml_text(value)
