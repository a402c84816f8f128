"""The committed JSON Schema is the one the models generate; bundled files point at it."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.cli import main
from explorer.format.schema import schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "scenarios" / "scenario.schema.json"
FRAGMENT_SCHEMA = ROOT / "scenarios" / "fragment.schema.json"


def test_committed_schemas_are_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "scenarios/scenario.schema.json is stale: run `explorer schema > scenarios/scenario.schema.json`"
    )
    assert FRAGMENT_SCHEMA.read_text(encoding="utf-8") == schema_text(fragment=True), (
        "scenarios/fragment.schema.json is stale: run `explorer schema --fragment > scenarios/fragment.schema.json`"
    )


def test_schema_command_prints_the_schema(capsys) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["properties"]["nodes"]["additionalProperties"] == {"$ref": "#/$defs/Node"}
    assert set(printed["required"]) >= {"format", "id", "title", "actors", "start", "nodes"}


def test_schema_validates_a_bundled_scenario_shape() -> None:
    jsonschema = __import__("pytest").importorskip("jsonschema")
    from explorer.loading.yaml_reader import read_yaml
    from explorer.problems import Problems

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8"), str(path), Problems()).value
        jsonschema.validate(data, schema)


def test_bundled_yaml_files_name_the_schema() -> None:
    """Scenarios (top level) name scenario.schema.json; fragments (subfolders) the fragment one."""
    for path in sorted((ROOT / "scenarios").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = first.split("$schema=", 1)[1].strip()
        expected = SCHEMA if path.parent == ROOT / "scenarios" else FRAGMENT_SCHEMA
        assert (path.parent / target).resolve() == expected.resolve(), path
