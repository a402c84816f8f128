"""Helpers for the seat TUI tests: what a screen shows, as plain text, and waiting for it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.screen import SeatScreen
from explorer.tui.widgets.wrapped import Wrapped

FIXTURES = Path(__file__).parent / "fixtures"


def _plain(visual: object) -> str:
    return str(getattr(visual, "plain", visual))


def screen_text(app: SeatApp) -> str:
    """The text of every widget on the current screen (shown or hidden), as plain text."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(_plain(widget.visual))
        elif isinstance(widget, Wrapped):
            parts.append(widget.at(80).plain)
        elif isinstance(widget, OptionList):
            parts += [_plain(option.prompt) for option in widget.options]
        elif isinstance(widget, Input):
            parts.append(widget.value)
    return "\n".join(parts)


def seat(app: SeatApp) -> SeatScreen:
    screen = app.screen
    assert isinstance(screen, SeatScreen), type(screen)
    return screen


async def wait_for(pilot: Pilot[None], check: object, what: str, seconds: float = 10.0) -> float:
    """Pause in steps of 0.05 s until `check()` is true; the time it took (fails after `seconds`, a
    generous bound: the machine may be busy)."""
    waited = 0.0
    while not check():  # type: ignore[operator]
        assert waited < seconds, f"{what} did not happen within {seconds} s"
        await pilot.pause(0.05)
        waited += 0.05
    return waited
