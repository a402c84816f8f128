"""Node-link JSON, the shape `networkx.node_link_graph` reads (`nodes`, `links` with `source`,
`target`, `key`), with every field of the scenario kept."""

from __future__ import annotations

import json
from typing import Any

from explorer.graph import ScenarioGraph


def node_link(graph: ScenarioGraph) -> dict[str, Any]:
    scenario = graph.scenario
    nodes = []
    links = []
    for node_id, node in scenario.nodes.items():
        data = node.model_dump(mode="json", exclude={"options"}, exclude_defaults=True)
        data["kind"] = node.kind
        nodes.append({"id": node_id, **data})
        for index, option in enumerate(node.options):
            link = option.model_dump(mode="json", exclude_defaults=True)
            links.append({"source": node_id, "target": option.to, "key": index, **link})
    header = scenario.model_dump(mode="json", exclude={"nodes"}, exclude_defaults=True)
    return {"directed": True, "multigraph": True, "graph": header, "nodes": nodes, "links": links}


def to_json(graph: ScenarioGraph) -> str:
    return json.dumps(node_link(graph), indent=2, ensure_ascii=False) + "\n"
