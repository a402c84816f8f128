"""The committed JSON Schema is the one the models generate; bundled files point at it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from explorer.cli import main
from explorer.format.schema import schema_text
from explorer.loading.yaml_reader import read_yaml
from explorer.problems import Problems

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


def _schema_for(path: Path, top: Path) -> dict:
    """The schema a file names: scenarios at the top of their folder, fragments below it."""
    return json.loads((SCHEMA if path.parent == top else FRAGMENT_SCHEMA).read_text(encoding="utf-8"))


def _errors(path: Path, top: Path) -> list[str]:
    schema = _schema_for(path, top)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = read_yaml(path.read_bytes().decode("utf-8-sig"), str(path), Problems()).value
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(data)]


BUNDLED = sorted((ROOT / "scenarios").rglob("*.yaml"))
VALID_CORPUS = sorted((ROOT / "tests" / "corpus" / "valid").rglob("*.yaml"))


def test_every_bundled_file_is_checked() -> None:
    assert any(p.parent != ROOT / "scenarios" for p in BUNDLED), "no fragment among the bundled files"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(ROOT / "scenarios").as_posix())
def test_every_bundled_file_passes_its_schema(path: Path) -> None:
    """Scenarios and fragments alike: an editor using the schema marks nothing in them."""
    assert _errors(path, ROOT / "scenarios") == []


@pytest.mark.parametrize("path", VALID_CORPUS, ids=lambda p: p.name)
def test_the_schema_accepts_what_the_loader_accepts(path: Path) -> None:
    """The valid corpus (bare dates and numbers as text, numeric ids, …) passes the schema too."""
    assert _errors(path, ROOT / "tests" / "corpus" / "valid") == []


def test_bundled_yaml_files_name_the_schema() -> None:
    """Scenarios (top level) name scenario.schema.json; fragments (subfolders) the fragment one."""
    for path in sorted((ROOT / "scenarios").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = first.split("$schema=", 1)[1].strip()
        expected = SCHEMA if path.parent == ROOT / "scenarios" else FRAGMENT_SCHEMA
        assert (path.parent / target).resolve() == expected.resolve(), path
