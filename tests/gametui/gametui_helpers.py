"""Helpers for the game TUI tests: typing text, reading what a screen shows."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture.yaml"
SIZE = (100, 32)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` key by key, as a person would (markup characters included)."""
    await pilot.press(*text)


def shown(app: App, selector: str) -> str:
    """The plain text a Static (or any widget) on the current screen shows."""
    rendered = app.screen.query_one(selector).render()
    return str(getattr(rendered, "plain", rendered))


def notes(app: App) -> list[str]:
    return [n.message for n in app._notifications]


def burst(app: App, *keys: str) -> None:
    """Keys as fast typing or a paste sends them: all queued at once, none waiting for the screen
    to answer the one before (`Pilot.press` waits after each key)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
