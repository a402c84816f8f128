"""Validating a file's sections (sources, actors, metrics, nodes, injects) item by item, keeping what
can be salvaged from items with errors, and letting go of the raw nodes once they are models.

A large `nodes` section is validated in chunks. While no problem has been found, the raw mapping
of each node that validated is dropped from the section right away (its key stays, so where it
is written is still known):
the raw tree and the models never both exist whole, which keeps a 1M-node scenario within
2 GB. Where a later check needs something written inside such a node, the `Locator` reads the
file again (see `Locator.raw_node`).
"""

from __future__ import annotations

import copy
from itertools import islice
from typing import Any

from pydantic import TypeAdapter, ValidationError

from explorer.format import models
from explorer.loading.locator import Locator
from explorer.loading.validation_errors import report
from explorer.problems import Problems

SECTIONS: dict[str, TypeAdapter[Any]] = {
    "sources": TypeAdapter(dict[models.Id, models.Source]),
    "actors": TypeAdapter(dict[models.Id, models.Actor]),
    "metrics": TypeAdapter(dict[models.Id, models.Metric]),
    "nodes": TypeAdapter(dict[models.Id, models.Node]),
    "injects": TypeAdapter(dict[models.Id, models.Inject]),
}
CHUNK = 20_000
"""Nodes validated at once: large enough that the calls cost nothing, small enough that the raw
nodes of one chunk are all that exists twice (raw and as models)."""


def validate_section(name: str, value: dict[str, Any], raw: dict[str, Any], file: str, locator: Locator,
                     problems: Problems) -> dict[str, Any]:
    """The section's valid (and salvaged) items as models; problems reported; raw nodes let go."""
    if name != "nodes" or len(value) <= CHUNK:
        return _validate(name, value, raw, locator, problems)
    result: dict[str, Any] = {}
    keys = iter(list(value))
    while chunk := list(islice(keys, CHUNK)):
        part = {k: value[k] for k in chunk}
        done = _validate(name, part, raw, locator, problems)
        result.update(done)
        if locator.can_reread(file) and not problems.items:  # a file with errors will want its places
            released = [k for k in chunk if k in done and k not in locator.kept]
            for k in released:
                value[k] = None  # the model is all that is needed; `Locator.raw_node` reads it again
            if released:
                locator.released(file)
    return result


def _validate(name: str, value: dict[str, Any], raw: dict[str, Any], locator: Locator, problems: Problems) -> dict[str, Any]:
    """Validate items at once; on errors, keep what can be salvaged.

    Items with errors are reported, then validated again without their bad keys, so that
    the later checks (references, probabilities, cycles) still see them and every problem
    of the file is reported in one run. A scenario with errors is never `ok`, so a
    salvaged item is only ever used for checking. Their raw mappings are kept (`locator.kept`).
    """
    adapter = SECTIONS[name]
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        bad = report(exc, raw, (name,), locator, problems, models.Header)
    if name == "nodes":
        locator.kept.update(k for k in bad if isinstance(k, str))
    valid = {k: v for k, v in value.items() if k not in bad}
    try:
        result = adapter.validate_python(valid)
    except ValidationError:  # pragma: no cover - every bad item was left out above
        return {}
    result.update(salvage(adapter, value, bad, errors))
    return result


def salvage(adapter: TypeAdapter[Any], section: dict[str, Any], bad: set[Any], errors: list[Any]) -> dict[str, Any]:
    """Items validated again with their offending keys dropped (only where that is enough)."""
    saved: dict[str, Any] = {}
    by_item: dict[Any, list[tuple[Any, ...]]] = {}
    for error in errors:  # grouped once: scanning every error for every item would be quadratic
        loc = error["loc"]
        if loc:
            by_item.setdefault(loc[0], []).append(loc[1:])
    for key in bad:
        if not isinstance(key, str) or key not in section:
            continue
        item = copy.deepcopy(section[key])
        locs = by_item.get(key, [])
        for _ in range(4):
            if not locs or not all(_drop(item, loc) for loc in locs):
                break
            try:
                saved[key] = adapter.validate_python({key: item})[key]
                break
            except ValidationError as exc:
                locs = [e["loc"][1:] for e in exc.errors(include_url=False) if e["loc"][:1] == (key,)]
    return saved


def _drop(item: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the mapping key a loc ends at; False when that cannot be done safely."""
    current = item
    steps = [s for s in loc if not (isinstance(s, str) and s in models.NODE_KINDS and not (isinstance(current, dict) and s in current))]
    for step in steps[:-1]:
        if (isinstance(current, dict) and step in current) or (isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)):
            current = current[step]
        else:
            return False
    last = steps[-1] if steps else None
    if isinstance(current, dict) and last in current and last not in ("kind", "to", "label", "title", "actor"):
        del current[last]
        return True
    return False
