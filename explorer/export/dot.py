"""Graphviz DOT quoting, and option labels shared by the text exports (the picture itself is `export.picture`)."""

from __future__ import annotations

from explorer.format.models import Option
from explorer.terminal_text import shown


def quote(text: str) -> str:
    """A DOT double-quoted string: control and invisible characters shown as escapes (Graphviz
    refuses a NUL), backslashes and quotes escaped, newlines as `\\n`."""
    escaped = shown(text, lines=True).replace("\t", " ").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def edge_label(option: Option) -> str:
    return option.label if option.probability is None else f"{option.label} ({option.probability:.2f})"
