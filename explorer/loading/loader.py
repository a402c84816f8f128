"""Load a scenario: read the files, merge includes, validate, check, build the graph."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from explorer.format import models
from explorer.gc_pause import without_gc
from explorer.loading import limits
from explorer.loading.locator import Locator
from explorer.loading.positions import PositionMap
from explorer.loading.sections import SECTIONS, salvage, validate_section
from explorer.loading.validation_errors import report
from explorer.loading.versions import check_version
from explorer.loading.yaml_reader import decode, read_yaml
from explorer.problems import Position, Problems, ScenarioError

if TYPE_CHECKING:
    from explorer.graph import ScenarioGraph

_MERGED = ("sources", "actors", "metrics", "nodes", "injects")
_SINGULAR = {"sources": "source", "actors": "actor", "metrics": "metric", "nodes": "node", "injects": "inject"}


@dataclass
class LoadResult:
    """A loaded scenario (None when it could not be built) and every problem found."""

    path: str
    scenario: models.Scenario | None
    problems: Problems
    locator: Locator
    graph: ScenarioGraph | None = None
    """The scenario's graph, when it has no errors."""
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


@dataclass
class _Part:
    """One file's validated sections."""

    file: str
    raw: dict[str, Any]
    sections: dict[str, dict[str, Any]]
    stand_ins: set[str] = field(default_factory=set)
    """Nodes whose `kind` is missing or unknown, kept under a kind guessed from their keys."""


@without_gc
def load_scenario(path: str | os.PathLike[str], *, check: bool = True) -> LoadResult:
    """Load and validate the scenario at `path`; never raises for a bad scenario."""
    display = os.fspath(path)
    problems = Problems()
    positions = PositionMap()
    locator = Locator(positions, Position(display))
    text = _read_file(Path(path), display, problems)
    if text is None:
        return LoadResult(display, None, problems, locator)
    locator.sources[display] = Path(os.path.abspath(path))
    locator.texts[display] = text
    del text  # the locator holds it, and lets go of it when it may (`Locator.drop_texts`)
    return _load(display, Path(path), problems, locator, check)


@without_gc
def load_text(text: str, name: str = "<scenario>", *, base: Path | None = None, check: bool = True) -> LoadResult:
    """Load a scenario from text (includes resolve against `base`, default the cwd)."""
    problems = Problems()
    locator = Locator(PositionMap(), Position(name))
    locator.sources[name] = locator.texts[name] = text
    return _load(name, (base or Path.cwd()) / name, problems, locator, check)


def load_or_raise(path: str | os.PathLike[str]) -> LoadResult:
    """Load a scenario, raising `ScenarioError` with every error when it has any."""
    result = load_scenario(path)
    if not result.ok:
        raise ScenarioError(result.problems.sorted())
    return result


def _read_file(path: Path, display: str, problems: Problems) -> str | None:
    try:
        size = path.stat().st_size
        if not path.is_file():
            problems.error("not a file", Position(display))
            return None
        if size > limits.MAX_FILE_BYTES:
            problems.error(f"file is {size} bytes; the limit is {limits.MAX_FILE_BYTES}", Position(display))
            return None
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        problems.error(f"cannot read file: {getattr(exc, 'strerror', None) or exc}", Position(display))
        return None
    return decode(data, display, problems)


def _load(display: str, path: Path, problems: Problems, locator: Locator, check: bool) -> LoadResult:
    result = read_yaml(locator.texts[display], display, problems)
    locator.positions.merge(result.positions)
    files = [display]
    if result.value is None:
        return LoadResult(display, None, problems, locator, files=files)
    root = result.value
    if not isinstance(root, dict):
        problems.error("a scenario file must be a mapping of keys (format, id, title, …) at the top", Position(display, 1, 1))
        return LoadResult(display, None, problems, locator, files=files)
    if not result.marked:
        locator.add_unmarked(display, root)
    locator.set_root(root, display)
    header = _validate_header(root, models.Header, locator, problems)
    main = _validate_sections(display, root, locator, problems)
    parts = [main]
    reader = _IncludeReader(path, locator, problems, files)
    if "include" in root:
        reader.read(root, root["include"], path.resolve(), parts, [path.resolve()])
    merged = _merge(parts, locator, problems)
    check_version(header.format if header is not None else root.get("format"), [part.raw for part in parts], locator, problems)
    if not reader.complete:
        merged["_declared"]["broken"].update(_MERGED)
    scenario = _assemble(header, merged, root)
    load = LoadResult(display, scenario, problems, locator, files=files)
    if scenario is not None and check:
        from explorer.checks import run_checks

        locator.drop_texts()
        load.graph = run_checks(scenario, locator, problems, declared=merged["_declared"])
    locator.forget_texts()
    return load


def _validate_header(raw: dict[str, Any], model: type[BaseModel], locator: Locator, problems: Problems) -> BaseModel | None:
    """Validate the top-level keys (sections are validated item by item elsewhere).

    Past `limits.MAX_UNKNOWN_KEYS` unknown keys (a file that is not a scenario, or 5M keys of
    garbage), the rest are reported in one line and never reach pydantic, whose errors would
    cost about a kilobyte each."""
    allowed = models.fields_of(model)
    unknown = [k for k in raw if k not in allowed]
    dropped = set(unknown[limits.MAX_UNKNOWN_KEYS:])
    if dropped:
        first = unknown[limits.MAX_UNKNOWN_KEYS]
        problems.error(f"{len(dropped):,} more unknown keys after these ({', '.join(allowed)} are the keys "
                       "of a scenario file): is this a scenario?", locator.path(raw, [first], key=True))
    shallow = {k: ({} if k in _MERGED and isinstance(v, dict) else v) for k, v in raw.items() if k not in dropped}
    try:
        return model.model_validate(shallow)
    except ValidationError as exc:
        report(exc, raw, (), locator, problems, model)
        return None


def _validate_sections(file: str, raw: dict[str, Any], locator: Locator, problems: Problems) -> _Part:
    sections: dict[str, dict[str, Any]] = {}
    for name in _MERGED:
        value = raw.get(name)
        if not isinstance(value, dict):
            sections[name] = {}
            continue
        sections[name] = validate_section(name, value, raw, file, locator, problems)
    if isinstance(raw.get("nodes"), dict) and len(raw["nodes"]) > limits.MAX_SCENARIO_NODES:
        problems.error(f"more than {limits.MAX_SCENARIO_NODES} nodes", locator.path(raw, ["nodes"], key=True))
    stand_ins = _stand_ins(sections["nodes"], raw.get("nodes"))
    return _Part(file, raw, sections, set(stand_ins))


def _stand_ins(valid: dict[str, Any], raw_nodes: Any) -> dict[str, Any]:
    """Nodes of a missing or unknown `kind`, kept for the checks as a decision (with an `actor`), a chance
    node (with `options`) or an outcome: else the nodes below one would all be "unreachable" and a cycle
    through it hidden. The probability and payoff checks skip them (see `checks.run_checks`)."""
    if not isinstance(raw_nodes, dict) or len(valid) == len(raw_nodes):
        return {}
    adapter = SECTIONS["nodes"]
    found: dict[str, Any] = {}
    for key, item in raw_nodes.items():
        if key in valid or not isinstance(key, str) or not isinstance(item, dict) or item.get("kind") in models.NODE_KINDS:
            continue
        guess = "decision" if "actor" in item else "chance" if "options" in item else "outcome"
        stand_in = {**item, "kind": guess}
        try:
            found[key] = adapter.validate_python({key: stand_in})[key]
        except ValidationError as exc:
            found.update(salvage(adapter, {key: stand_in}, {key}, exc.errors(include_url=False)))
    valid.update(found)
    return found


class _IncludeReader:
    """Follows `include` lists: paths stay inside the main folder; loops are errors.

    `complete` turns False when an included file could not be read: the ids it would have
    defined are unknown, so references to them are not reported again as errors.
    """

    def __init__(self, main: Path, locator: Locator, problems: Problems, files: list[str]) -> None:
        self.folder = main.resolve().parent
        self.display_folder = _display_folder(main, self.folder)
        self.locator = locator
        self.problems = problems
        self.files = files
        self.seen: set[Path] = {main.resolve()}
        self.complete = True

    def _fail(self, message: str | None, position: Position) -> None:
        if message is not None:
            self.problems.error(message, position)
        self.complete = False

    def read(self, raw: dict[str, Any], includes: Any, here: Path, parts: list[_Part], chain: list[Path]) -> None:
        if isinstance(includes, str):
            includes = [includes]
        elif not isinstance(includes, list):
            self.complete = False  # the header/fragment validation reports the wrong type
            return
        for index, entry in enumerate(includes):
            position = self.locator.path(raw, ["include", index])
            if isinstance(entry, (int, float)):
                self._fail(f"include item {index + 1}: expected a file path, got {entry!r}", position)
                continue
            if not isinstance(entry, str):
                self._fail(None, position)  # the header/fragment validation reports the wrong type
                continue
            if not entry.strip():
                self._fail(f"include item {index + 1} is empty; give the path of a YAML file", position)
                continue
            try:
                target = (here.parent / entry).resolve()
                usable = target.is_file() if target.is_relative_to(self.folder) else True
            except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
                reason = "a symbolic link loop" if isinstance(exc, RuntimeError) else getattr(exc, "strerror", None) or exc
                self._fail(f"include '{entry}' is not a usable path: {reason}", position)
                continue
            if not target.is_relative_to(self.folder):
                self._fail(f"include '{entry}' points outside the scenario's folder; keep included files beside or below it", position)
                continue
            if target in chain:
                loop = " -> ".join(str(p.relative_to(self.folder)) for p in [*chain[chain.index(target):], target])
                self.problems.error(f"include loop: {loop}", position)
                continue
            if target in self.seen:
                continue  # included already through another file: read once
            if len(self.seen) > limits.MAX_INCLUDES:
                self._fail(f"more than {limits.MAX_INCLUDES} included files", position)
                return
            self.seen.add(target)
            display = os.path.normpath(os.path.join(self.display_folder, target.relative_to(self.folder)))
            if not usable:
                what = "is not a file" if target.exists() else "does not exist"
                self._fail(f"included file '{entry}' {what}", position)
                continue
            text = _read_file(target, display, self.problems)
            if text is None:
                self._fail(None, position)
                continue
            self.files.append(display)
            self.locator.sources[display] = target
            result = read_yaml(text, display, self.problems)
            self.locator.texts[display] = text
            self.locator.positions.merge(result.positions)
            if not result.marked:
                self.locator.add_unmarked(display, result.value)
            if result.value is None:
                self._fail(None, position)
                continue
            if not isinstance(result.value, dict):
                self._fail("an included file must be a mapping with sources, actors, metrics or nodes", Position(display, 1, 1))
                continue
            _validate_header(result.value, models.Fragment, self.locator, self.problems)
            parts.append(_validate_sections(display, result.value, self.locator, self.problems))
            if "include" in result.value:
                self.read(result.value, result.value["include"], target, parts, [*chain, target])


def _display_folder(main: Path, real: Path) -> Path:
    """How to name the folder included files are read from: as the user wrote the main file's
    folder, unless the main file is a link into another folder; then that folder (relative to
    the working folder where it can be)."""
    try:
        if main.parent.resolve() == real:
            return main.parent
    except (OSError, RuntimeError):
        pass
    try:
        return Path(os.path.relpath(real))
    except ValueError:  # another drive (Windows)
        return real


def _merge(parts: list[_Part], locator: Locator, problems: Problems) -> dict[str, Any]:
    """Merge sections across files; an id defined twice is an error naming both places.

    Where an id is written is looked up only for a duplicate (and, for a node, when a
    check reports a problem at it): `first` keeps the mapping and file that define it.
    """
    merged: dict[str, Any] = {name: {} for name in _MERGED}
    first: dict[str, dict[str, tuple[dict[str, Any], str]]] = {name: {} for name in _MERGED}
    # Sections whose ids cannot be known (missing where required, or not a mapping): the
    # error is reported once there, not again at every reference to them.
    broken = {name for name in ("actors", "nodes") if parts and name not in parts[0].raw}
    for part in parts:
        for name in _MERGED:
            raw_section = part.raw.get(name)
            if not isinstance(raw_section, dict):
                if raw_section is not None:
                    broken.add(name)
                continue
            seen, valid, target, file = first[name], part.sections[name], merged[name], part.file
            place = (raw_section, file)  # one tuple for the whole section: 1M nodes share it
            if not seen and len(valid) == len(raw_section) and list(valid) == list(raw_section):
                seen.update(dict.fromkeys(raw_section, place))  # the first file to name this section, every
                target.update(valid)  # item valid and in order: no duplicate, nothing left out (at C speed)
                continue
            for key in raw_section:
                if key in seen:
                    problems.error(
                        f"duplicate {_SINGULAR[name]} id '{key}': also defined at {_key_place(locator, *seen[key], key)}",
                        _key_place(locator, raw_section, file, key),
                    )
                    continue
                seen[key] = place
                if key in valid:
                    target[key] = valid[key]
    for name in _MERGED:  # a node's raw mapping may have been let go (None): `Locator.raw_node` reads it again
        if len(parts) == 1:  # one file: its section's raw items, in order
            only = parts[0].raw.get(name)
            locator.raw_items[name] = {key: raw for key, raw in only.items() if raw is not None} if first[name] else {}
        else:
            locator.raw_items[name] = {key: raw for key, (raw_section, _) in first[name].items()
                                       if (raw := raw_section[key]) is not None}
    locator.raw_nodes = locator.raw_items["nodes"]
    locator.node_keys = first["nodes"]
    declared: dict[str, set[str]] = {name: set(first[name]) for name in _MERGED}
    declared["broken"] = broken
    declared["stand_ins"] = set().union(*(part.stand_ins for part in parts))
    merged["_declared"] = declared
    return merged


def _key_place(locator: Locator, section: dict[str, Any], file: str, key: str) -> Position:
    return locator.positions.key(section, key) or Position(file)


def _assemble(header: BaseModel | None, merged: dict[str, Any], root: dict[str, Any]) -> models.Scenario | None:
    """The merged scenario, built without validating twice.

    With a broken header the scenario is still assembled from what is valid, so that the
    graph checks run too and every problem is reported at once; such a result is not `ok`.
    """
    if header is None:
        start = root.get("start")
        if not isinstance(start, str):
            return None
        values: dict[str, Any] = {"format": 1, "id": "invalid", "title": "(invalid)", "start": start}
    else:
        values = header.model_dump()
    for name in _MERGED:
        values[name] = merged[name]
    return models.Scenario.model_construct(**values)
