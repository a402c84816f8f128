"""GraphML (a multigraph: one edge per option, and per rule of a round). GraphML has no list or map
values, so payoffs, effects, tags and sources are flattened to strings, a round's moves and a rule's
`picks` are JSON text, and absent values are left out."""

from __future__ import annotations

import json
import re

import networkx as nx

from explorer.export.rules import move_records, rule_label, rule_record
from explorer.format.models import NodeKind, RoundNode, SourceRef
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
        if node.KIND == NodeKind.ROUND:
            attrs["actors"] = json.dumps(list(node.moves))
            attrs["moves"] = json.dumps(move_records(node), ensure_ascii=False)
            if node.turn is not None:
                attrs["turn"] = node.turn
        for key in ("text", "when"):
            if getattr(node, key):
                attrs[key] = getattr(node, key)
        if node.tags:
            attrs["tags"] = "; ".join(node.tags)
        if node.sources:
            attrs["sources"] = _sources(node.sources)
        g.add_node(node_id, **attrs)
    for node_id, node in scenario.nodes.items():
        if node.KIND == NodeKind.ROUND:
            _rules(g, graph, node_id, node)
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
    return _xml_booleans("\n".join(nx.generate_graphml(g))) + "\n"


_BOOLEAN_KEY = re.compile(r'<key [^>]*id="([^"]+)"[^>]*attr\.type="boolean"|<key [^>]*attr\.type="boolean"[^>]*id="([^"]+)"')


def _xml_booleans(text: str) -> str:
    """Boolean values as GraphML (XML Schema) writes them, `true`/`false`, not Python's `True`/`False`."""
    keys = {a or b for a, b in _BOOLEAN_KEY.findall(text)}
    if not keys:
        return text
    pattern = re.compile(r'(<data key="(?:' + "|".join(map(re.escape, keys)) + r')">)(True|False)(</data>)')
    return pattern.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(3), text)


def _valid_xml(g: nx.MultiDiGraph) -> None:
    """Every text attribute as XML 1.0 can hold it: control characters (and what XML refuses
    outright) shown as escapes, so that the document stays well-formed."""
    for attrs in (g.graph, *(d for _, d in g.nodes(data=True)), *(d for *_, d in g.edges(keys=True, data=True))):
        for key, value in attrs.items():
            if isinstance(value, str):
                attrs[key] = xml_text(value)


def _rules(g: nx.MultiDiGraph, graph: ScenarioGraph, node_id: str, node: RoundNode) -> None:
    """One edge per rule: `rule` (its 1-based number), `label` (its own, else when it fires in words),
    `picks` (JSON), `if`, `effects` (JSON), `id` and `sources` where given."""
    for index, rule in enumerate(node.then):
        record = rule_record(node, index)
        attrs = {"rule": index + 1, "label": rule_label(graph, node_id, index)}
        if rule.id is not None:
            attrs["id"] = rule.id
        if rule.picks is not None:
            attrs["picks"] = json.dumps(record["picks"], ensure_ascii=False)
        if rule.condition is not None:
            attrs["if"] = rule.condition
        if rule.effects:
            attrs["effects"] = json.dumps(rule.effects)
        if rule.sources:
            attrs["sources"] = _sources(rule.sources)
        g.add_edge(node_id, rule.to, key=index, **attrs)
