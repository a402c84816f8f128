"""Node-link JSON, the shape `networkx.node_link_graph` reads (`nodes`, `links` with `source`,
`target`, `key`), with every field of the scenario kept. A round (format 2) carries its `moves` per
actor (each with `id`, `label`, `covert`, `default`, and its other keys where given); each of its rules is
a link, with its keys as written (`picks`, `if`, `label`, `effects`, `id`) and `rule`, its number."""

from __future__ import annotations

import json
from typing import Any

from explorer.export.rules import move_records, rule_record
from explorer.format.fields import dumped
from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.terminal_text import json_text


def node_link(graph: ScenarioGraph) -> dict[str, Any]:
    scenario = graph.scenario
    nodes = []
    links = []
    for node_id, node in scenario.nodes.items():
        data = dumped(node, exclude={"options", "moves", "then"})
        data["kind"] = node.kind
        if node.KIND == NodeKind.ROUND:
            data["moves"] = move_records(node)
            links.extend({"source": node_id, "target": rule.to, "key": index, **rule_record(node, index)}
                         for index, rule in enumerate(node.then))
        nodes.append({"id": node_id, **data})
        for index, option in enumerate(node.options):
            link = dumped(option)
            links.append({"source": node_id, "target": option.to, "key": index, **link})
    header = scenario.model_dump(mode="json", exclude={"nodes"}, exclude_defaults=True)
    return {"directed": True, "multigraph": True, "graph": header, "nodes": nodes, "links": links}


def to_json(graph: ScenarioGraph) -> str:
    """The node-link JSON; characters a terminal acts on are `\\u` escapes (the values are exact)."""
    return json_text(json.dumps(node_link(graph), indent=2, ensure_ascii=False)) + "\n"
