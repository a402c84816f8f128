"""Node-link JSON, the shape `networkx.node_link_graph` reads (`nodes`, `links` with `source`,
`target`, `key`), with every field of the scenario kept."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from explorer.graph import ScenarioGraph
from explorer.terminal_text import json_text


def node_link(graph: ScenarioGraph) -> dict[str, Any]:
    scenario = graph.scenario
    nodes = []
    links = []
    for node_id, node in scenario.nodes.items():
        data = _dump(node, exclude={"options"})
        data["kind"] = node.kind
        nodes.append({"id": node_id, **data})
        for index, option in enumerate(node.options):
            link = _dump(option)
            links.append({"source": node_id, "target": option.to, "key": index, **link})
    header = scenario.model_dump(mode="json", exclude={"nodes"}, exclude_defaults=True)
    return {"directed": True, "multigraph": True, "graph": header, "nodes": nodes, "links": links}


def _dump(item: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    """A node's or an option's fields as JSON values, those left at their default out."""
    adapter = _ADAPTERS.get(type(item))
    if adapter is None:
        adapter = _ADAPTERS[type(item)] = TypeAdapter(type(item))
    return adapter.dump_python(item, mode="json", exclude=exclude, exclude_defaults=True)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def to_json(graph: ScenarioGraph) -> str:
    """The node-link JSON; characters a terminal acts on are `\\u` escapes (the values are exact)."""
    return json_text(json.dumps(node_link(graph), indent=2, ensure_ascii=False)) + "\n"
