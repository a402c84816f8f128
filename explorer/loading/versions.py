"""Keys of format 2 in a file that says `format: 1`: each one an error, where it is written."""

from __future__ import annotations

from typing import Any

from explorer.loading.locator import Locator
from explorer.problems import Problems

_ITEM_KEYS = {"actors": ("score",), "metrics": ("visible_to",), "nodes": ("private",)}
"""Section → the format 2 keys its items may have."""


def check_version(declared: Any, files: list[dict[str, Any]], locator: Locator, problems: Problems) -> None:
    """With `format: 1`, report every format 2 key (`injects`, `kind: round`, `private`, `score`,
    `visible_to`) in the main file and its fragments, saying that `format: 2` is needed."""
    if declared != 1:
        return
    hint = "; write `format: 2` at the top of the scenario to use it"
    for raw in files:
        if "injects" in raw:
            problems.error("'injects' belongs to format 2, but this scenario says format: 1" + hint,
                           locator.path(raw, ["injects"], key=True))
        for section, keys in _ITEM_KEYS.items():
            items = raw.get(section)
            if not isinstance(items, dict):
                continue
            for item_id, item in items.items():
                if not isinstance(item, dict):
                    continue
                if section == "nodes" and item.get("kind") == "round":
                    problems.error(f"node '{item_id}': round nodes belong to format 2, but this scenario says format: 1"
                                   + hint, locator.path(item, ["kind"]))
                for key in keys:
                    if key in item:
                        problems.error(f"{section[:-1]} '{item_id}': '{key}' belongs to format 2, but this scenario "
                                       "says format: 1" + hint, locator.path(item, [key], key=True))
