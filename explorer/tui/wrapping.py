"""Wrapping text with a hanging indent: a head in a gutter, every line indented past it."""

from __future__ import annotations

from textual.content import Content


def hanging(lines: list[Content], head: Content | str, width: int, gutter: int) -> Content:
    """`lines` wrapped to `width`, all indented by `gutter` cells; `head` sits in the first gutter."""
    out: list[Content] = []
    head = Content(head) if isinstance(head, str) else head
    for line in lines:
        for part in line.wrap(max(width - gutter, 8)) or [Content()]:
            first = not out
            pad = head.pad_right(gutter - head.cell_length) if first else Content(" " * gutter)
            out.append(Content.assemble(pad, part))
    return Content("\n").join(out)
