"""Pydantic errors turned into plain messages at file positions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from explorer.format import models
from explorer.loading.locator import Locator
from explorer.lookalikes import describe, disguised, skeleton
from explorer.problems import Problems
from explorer.suggest import did_you_mean

_NODE_CLASSES: dict[str, type[Any]] = {
    "decision": models.DecisionNode,
    "chance": models.ChanceNode,
    "outcome": models.OutcomeNode,
    "round": models.RoundNode,
}
_SPECIAL_EXTRA = {
    ("outcome", "options"): "an outcome ends the walk and cannot have options; make it a decision or chance node",
    ("decision", "payoffs"): "only outcome nodes have payoffs",
    ("chance", "payoffs"): "only outcome nodes have payoffs",
    ("chance", "actor"): "a chance node has no actor: nature picks by probability (use a decision node for an actor's choice)",
    ("outcome", "actor"): "an outcome has no actor",
    ("round", "options"): "a round has no options: list each actor's moves under 'moves' and where they lead under 'then'",
    ("round", "actor"): "a round has no single actor: the actors who move are the keys of 'moves'",
    ("round", "payoffs"): "only outcome nodes have payoffs",
    ("decision", "moves"): "only round nodes have 'moves' (every actor moving at once, format 2); a decision has 'options'",
    ("decision", "then"): "only round nodes have 'then' rules (format 2)",
    ("chance", "moves"): "only round nodes have 'moves' (format 2); a chance node has 'options'",
}
_SECTION_MODELS: dict[str, type[Any]] = {
    "sources": models.Source, "actors": models.Actor, "metrics": models.Metric, "injects": models.Inject,
}
_FORMAT2_KEYS = frozenset({"private", "injects", "score", "visible_to"})
"""Keys not offered as "allowed" to a file that says `format: 1`."""

_KIND_WORDS = {
    **dict.fromkeys(("choice", "choose", "decide", "move", "action", "player", "turn", "actor"), "decision"),
    **dict.fromkeys(("random", "nature", "dice", "lottery", "event", "probability", "uncertain", "uncertainty", "risk"), "chance"),
    **dict.fromkeys(("end", "ending", "result", "terminal", "leaf", "payoff", "payoffs", "final", "finish"), "outcome"),
}
"""Words authors use for a node kind, and the kind they mean."""


_SINGULAR = {"nodes": "node", "actors": "actor", "metrics": "metric", "sources": "source", "injects": "inject"}


def _describe_path(path: Sequence[Any]) -> str:
    """A short human name for where an error is, e.g. "node 'open', option 2"."""
    words: list[str] = []
    index = 0
    while index < len(path):
        step = path[index]
        following = path[index + 1] if index + 1 < len(path) else None
        if step in ("nodes", "actors", "metrics", "sources", "injects") and isinstance(following, str):
            words.append(f"{_SINGULAR[step]} '{following}'")
            index += 2
            continue
        if step == "options" and isinstance(following, int):
            words.append(f"option {following + 1}")
            index += 2
            continue
        if step == "moves" and isinstance(following, str):
            move = path[index + 2] if index + 2 < len(path) and isinstance(path[index + 2], int) else None
            words.append(f"{following}'s moves" if move is None else f"{following}'s move {move + 1}")
            index += 2 if move is None else 3
            continue
        if step == "then" and isinstance(following, int):
            words.append(f"rule {following + 1}")
            index += 2
            continue
        if step == "sources" and isinstance(following, int):
            words.append(f"source {following + 1}")
            index += 2
            continue
        index += 1
    return ", ".join(words)


def _allowed_keys(model: type[Any] | None) -> list[str]:
    return [field.alias or name for name, field in models.fields_of(model).items()] if model is not None else []


_SAME_AS = {
    "unexpected_keyword_argument": "extra_forbidden",
    "missing_argument": "missing",
    "missing_keyword_only_argument": "missing",
    "dataclass_type": "model_type",
    "dataclass_exact_type": "model_type",
}
"""The errors pydantic gives for the format's dataclasses, under the names it gives for models."""


def _model_at(path: Sequence[Any], raw_root: Any, root_model: type[Any] | None) -> type[Any] | None:
    """Which model the mapping at `path` is, to suggest its real keys."""
    model = root_model
    current = raw_root
    steps = list(path)
    index = 0
    while index < len(steps):
        step = steps[index]
        if model is None:
            return None
        if step in ("nodes",) and index + 1 < len(steps):
            node_id = steps[index + 1]
            node_raw = current.get("nodes", {}).get(node_id) if isinstance(current, dict) else None
            kind = node_raw.get("kind") if isinstance(node_raw, dict) else None
            model = _NODE_CLASSES.get(kind) if isinstance(kind, str) else None
            current = node_raw
            index += 2
            continue
        if step in _SECTION_MODELS and index + 1 < len(steps) and model in (models.Header, models.Fragment):
            model = _SECTION_MODELS[step]
            current = current.get(step, {}).get(steps[index + 1]) if isinstance(current, dict) else None
            index += 2
            continue
        if step == "options" and index + 1 < len(steps):
            model = models.Option
            current = current.get("options", [None])[steps[index + 1]] if isinstance(current, dict) else None
            index += 2
            continue
        if step == "moves" and index + 2 < len(steps):
            model = models.RoundMove
            index += 3
            continue
        if step == "then" and index + 1 < len(steps):
            model = models.Rule
            index += 2
            continue
        if step == "sources":
            model = models.SourceRef
            index += 2
            continue
        return None
    return model


def report(
    error: ValidationError,
    raw_root: Any,
    prefix: Sequence[Any],
    locator: Locator,
    problems: Problems,
    root_model: type[Any] | None,
) -> set[Any]:
    """Report every error of a validation; return the first path element of each (the bad ids)."""
    bad: set[Any] = set()
    items = []
    for item in error.errors(include_url=False, include_context=True, include_input=True):
        item["type"] = _SAME_AS.get(item["type"], item["type"])
        loc = _strip_tags(list(item["loc"]), prefix, raw_root)
        if loc:
            bad.add(loc[0])
        items.append((item, [*prefix, *loc]))
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for item, full in items:
        if item["type"] == "extra_forbidden" and full:
            unknown.setdefault(tuple(full[:-1]), []).append(str(full[-1]))
    for item, full in items:
        if item["type"] == "missing" and full and _misspelt(str(full[-1]), unknown.get(tuple(full[:-1]), [])):
            continue  # the unknown key's "did you mean" already says what is missing
        _report_one(item, full, raw_root, locator, problems, root_model)
    return bad


def _misspelt(missing: str, unknown_keys: list[str]) -> bool:
    """Whether one of the unknown keys of a mapping is a misspelling of a missing key."""
    return any(did_you_mean(key, [missing]) for key in unknown_keys)


def _strip_tags(loc: list[Any], prefix: Sequence[Any], raw_root: Any) -> list[Any]:
    full = [*prefix, *loc]
    out: list[Any] = []
    for index, step in enumerate(full):
        if index >= 2 and full[index - 2] == "nodes" and step in _NODE_CLASSES:
            container = _walk(raw_root, out)
            if not (isinstance(container, dict) and step in container):
                continue
        if (isinstance(step, str) and step.startswith("function-")) or step in ("[key]",):
            continue
        out.append(step)
    return out[len(prefix):]


def _walk(root: Any, path: Sequence[Any]) -> Any:
    current = root
    for step in path:
        if (isinstance(current, dict) and step in current) or (isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)):
            current = current[step]
        else:
            return None
    return current


def _report_one(
    item: Any,
    full: list[Any],
    raw_root: Any,
    locator: Locator,
    problems: Problems,
    root_model: type[Any] | None,
) -> None:
    kind = item["type"]
    where = _describe_path(full[:-1] if kind in ("extra_forbidden", "missing") else full)
    where_text = f" in {where}" if where else ""
    field = full[-1] if full else None
    if kind == "extra_forbidden":
        container = _walk(raw_root, full[:-1])
        node_kind = container.get("kind") if isinstance(container, dict) and len(full) >= 3 and full[-3] == "nodes" else None
        special = _SPECIAL_EXTRA.get((node_kind, field)) if isinstance(node_kind, str) else None
        if special:
            message = f"{where}: {special}" if where else special
        else:
            allowed = _allowed_keys(_model_at(full[:-1], raw_root, root_model))
            if isinstance(raw_root, dict) and raw_root.get("format") == 1:
                allowed = [k for k in allowed if k not in _FORMAT2_KEYS]
            hint = did_you_mean(str(field), allowed)
            if field == "<<":
                hint = " (merge keys are not part of YAML 1.2: write the keys out)"
            if not hint and allowed:
                hint = f" (allowed: {', '.join(allowed)})"
            message = f"unknown key '{field}'{where_text}{hint}"
        problems.error(message, locator.path(raw_root, full, key=True))
        return
    if kind == "missing":
        problems.error(f"missing required key '{field}'{where_text}", locator.path(raw_root, full[:-1]))
        return
    position = locator.path(raw_root, full)
    if kind == "union_tag_not_found":
        container = _walk(raw_root, full)
        merge = " (merge keys '<<' are not part of YAML 1.2: write the keys out)" if isinstance(container, dict) and "<<" in container else ""
        problems.error(f"{where or 'node'} has no 'kind': give one of decision, chance, outcome{merge}", position)
        return
    if kind == "union_tag_invalid":
        tag = item.get("ctx", {}).get("tag", "")
        hint = did_you_mean(str(tag), models.NODE_KINDS)
        if not hint and str(tag).lower() in _KIND_WORDS:
            hint = f" (did you mean '{_KIND_WORDS[str(tag).lower()]}'?)"
        position = locator.path(raw_root, [*full, "kind"])
        problems.error(f"unknown node kind '{tag}'{where_text}{hint}; use one of decision, chance, outcome", position)
        return
    if kind == "literal_error" and field == "confidence":
        value = item.get("input")
        hint = did_you_mean(str(value), ("low", "moderate", "high"))
        problems.error(f"confidence '{value}'{where_text} must be low, moderate or high{hint}", position)
        return
    if kind == "string_pattern_mismatch" and "[key]" in item["loc"]:
        section = _SINGULAR.get(full[0]) if len(full) == 2 else None
        what = f"{section} id" if section else "id"
        where_key = _describe_path(full[:-1])
        problems.error(
            f"'{item.get('input')}' is not a valid {what}{f' in {where_key}' if where_key else ''}: "
            f"use letters, digits, '_', '-' and '.'{_lookalike_hint(item.get('input'))}",
            locator.path(raw_root, full, key=True),
        )
        return
    if kind == "string_pattern_mismatch":
        value = item.get("input")
        pattern = item.get("ctx", {}).get("pattern", "")
        rule = (
            "lowercase letters, digits, '_' and '-', starting with a letter or digit"
            if pattern == models.SLUG_PATTERN
            else "letters, digits, '_', '-' and '.'"
        )
        problems.error(f"'{value}' is not a valid id{where_text}: use {rule}{_lookalike_hint(value)}", position)
        return
    if field == "probability" and kind in ("greater_than", "less_than_equal"):
        problems.error(
            f"'probability'{where_text}: must be greater than 0 and at most 1, got {item.get('input')!r}", position
        )
        return
    message = _plain_message(item)
    if full and _describe_path(full[:-1]) != where:
        problems.error(f"{where}: {message}", position)  # the error is about a whole node, option, …
        return
    parent = full[-2] if len(full) >= 2 and isinstance(full[-2], str) else None
    if isinstance(field, str):
        label = f"'{field}'"
    elif isinstance(field, int):
        label = f"'{parent}' item {field + 1}" if parent else f"item {field + 1}"
    else:
        label = "value"
    problems.error(f"{label}{where_text}: {message}", position)


def _lookalike_hint(value: Any) -> str:
    """For an id that is only invalid because of look-alike characters: which they are."""
    if not isinstance(value, str) or not (odd := disguised(value)) or not models.is_valid_id(skeleton(value)):
        return ""
    return f" ({', '.join(map(describe, odd))} only looks like '{skeleton(''.join(odd))}': write '{skeleton(value)}')"


def _plain_message(item: Any) -> str:
    kind = item["type"]
    value = item.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else ("a mapping" if isinstance(value, dict) else "a list")
    if len(shown) > 60:
        shown = shown[:57] + "..."
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "dict_type": "a mapping (key: value lines)",
        "list_type": "a list",
        "model_type": "a mapping (key: value lines)",
        "model_attributes_type": "a mapping (key: value lines)",
        "none_required": "nothing",
    }.get(kind)
    if expected:
        return f"expected {expected}, got {shown}"
    if kind == "finite_number":
        return "must be a finite number"
    if kind in ("too_long", "string_too_long"):
        limit = item.get("ctx", {}).get("max_length")
        return f"must be at most {limit} characters, got {shown} ({len(value) if isinstance(value, str) else '?'})"
    if kind == "value_error":
        return str(item.get("ctx", {}).get("error", item["msg"]))
    return f"{item['msg'][0].lower()}{item['msg'][1:]} (got {shown})"
