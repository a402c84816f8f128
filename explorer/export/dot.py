"""Graphviz DOT quoting, and option labels shared by the text exports (the picture itself is `export.picture`)."""

from __future__ import annotations

from explorer.format.models import Option


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


def edge_label(option: Option) -> str:
    return option.label if option.probability is None else f"{option.label} ({option.probability:.2f})"
