"""Format 2: injects, authored events a facilitator can fire during a game (off the tree)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from explorer.format.fields import Citations, Id, Number, Text, TextList, data, no_entries, no_items


@data
class Inject:
    """A news bulletin the facilitator may fire between positions."""

    title: Text
    text: Text | None = None
    effects: dict[Id, Number] = Field(default_factory=no_entries)
    to: Id | None = None
    """The game jumps there when it is fired (a jump in the game's history, not an edge)."""
    audience: TextList | None = None
    """Actor ids who receive it; None: everyone."""
    cue: Text | None = None
    repeatable: Annotated[bool, Field(strict=True)] = False
    sources: Citations = Field(default_factory=no_items)
    historical: Annotated[bool, Field(strict=True)] = False
