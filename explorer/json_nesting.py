"""How deep JSON text nests, found without parsing it.

`json.loads` recurses once per level: text nested 100,000 deep raises `RecursionError`, and in
CPython 3.11 catching that can leave the interpreter's recursion count off (later compiles then
fail). Damaged game stores and browsers' websocket messages are checked with this first.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_DEPTH = 200
"""Deeper than any event payload or browser message needs (they nest three or four levels)."""


def too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """True when the brackets of `text` (outside strings) nest deeper than `limit`."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False
