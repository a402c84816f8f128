"""The JSON Schema of the scenario format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from explorer.format import models


def scenario_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a main scenario file."""
    schema = models.Header.model_json_schema(mode="validation")
    node_schema = models.NodeAdapter.json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = schema.setdefault("$defs", {})
    defs.update(node_schema.pop("$defs", {}))
    defs["Node"] = node_schema
    for cls in (models.Source, models.Actor, models.Metric, models.SourceRef, models.Option,
                models.DecisionNode, models.ChanceNode, models.OutcomeNode):
        found = defs.get(cls.__name__)
        if found and "properties" in found:  # keys in the order they are declared (as the models list them)
            order = list(models.fields_of(cls))
            found["properties"] = dict(sorted(found["properties"].items(), key=lambda kv: order.index(kv[0])))
    schema["properties"]["nodes"] = {
        "title": "Nodes",
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/Node"},
        "propertyNames": {"pattern": models.ID_PATTERN},
    }
    inject_schema = TypeAdapter(models.Inject).json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs.update(inject_schema.pop("$defs", {}))
    defs["Inject"] = inject_schema
    schema["properties"]["injects"] = {
        "title": "Injects",
        "description": "Format 2: authored events a facilitator can fire during a game.",
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/Inject"},
        "propertyNames": {"pattern": models.ID_PATTERN},
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Scenario explorer scenario, formats 1 and 2"
    schema["description"] = (
        "A scenario file for scenario explorer. Included fragments may hold only "
        "sources, actors, metrics, nodes, injects and include."
    )
    return schema


def fragment_schema() -> dict[str, Any]:
    """A JSON Schema for a file pulled in by `include` (sections only, nothing required)."""
    schema = scenario_schema()
    allowed = ("sources", "actors", "metrics", "nodes", "injects", "include")
    schema["properties"] = {k: v for k, v in schema["properties"].items() if k in allowed}
    schema["properties"]["actors"] = {**schema["properties"]["actors"], "default": {}}
    schema["required"] = []
    schema["title"] = "Scenario explorer included fragment, formats 1 and 2"
    schema["description"] = "A file named in a scenario's `include`: it adds sources, actors, metrics, nodes and injects."
    return schema


def schema_text(*, fragment: bool = False) -> str:
    schema = fragment_schema() if fragment else scenario_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
