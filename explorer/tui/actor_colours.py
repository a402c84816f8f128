"""Actors' colours, from what their author asked for: used by the start screen (drawn from a scenario's
cover, before the scenario is loaded) and by every screen after it (`wording`)."""

from __future__ import annotations

from textual.color import Color, ColorParseError
from textual.content import Content

from explorer.tui.literal import printable

FALLBACK_COLOURS = ("#e5a50a", "#62a0ea", "#57e389", "#c061cb", "#5bc8af", "#ff7800", "#dc8add", "#f66151")


def colour_of(wanted: str | None, index: int) -> str:
    """A readable hex colour for the actor declared `index`-th: its own `color` if it parses, else one
    from a palette."""
    if wanted:
        try:
            colour = Color.parse(wanted.strip())
        except ColorParseError:
            pass
        else:
            if colour.brightness < 0.3:
                colour = colour.lighten(0.3)
            return colour.hex6
    return FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]


def tag_of(name: str, colour: str) -> Content:
    """An actor's name in its colour, with a dot: '● North Korea'."""
    return Content.assemble(("● ", colour), (printable(name, one_line=True), f"bold {colour}"))
