"""The project's own matcher for the command palette and the game's pick lists: linear time.

Textual's own fuzzy matcher enumerates every way letters can match, which explodes on a long
title made of repeated letters; scenario text is untrusted, so every palette and filtered list
of the project scores with `match` instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

MATCH_STYLE = Style(bold=True, underline=True)


def match(query: str, text: str) -> tuple[float, list[int]]:
    """Score `text` against `query` in linear time: a substring scores high (earlier is better),
    the query's letters in order score by how tightly they sit. (0, []) when there is no match."""
    needle, hay = query.lower().strip(), text.lower()
    if not needle:
        return 1.0, []
    at = hay.find(needle)
    if at >= 0:
        return 0.5 + 0.5 * (1 - at / max(len(hay), 1)), list(range(at, at + len(needle)))
    offsets, start = [], 0
    for letter in needle.replace(" ", ""):
        start = hay.find(letter, start)
        if start < 0:
            return 0.0, []
        offsets.append(start)
        start += 1
    return 0.5 * len(offsets) / (offsets[-1] - offsets[0] + 1), offsets


def highlighted(text: str, offsets: list[int]) -> Content:
    """`text` with the matched letters (at `offsets`) in bold underline."""
    content = Content(text)
    for offset in offsets:
        content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content
