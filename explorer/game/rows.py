"""Reading the rows of a game store: text that a flipped byte made undecodable is damage, not a
crash, and an event row becomes a typed `Event` or a `StoreError` saying what is wrong with it."""

from __future__ import annotations

from typing import Any

from explorer.game.errors import StoreError
from explorer.game.events import Event, parse_body, parse_state


class Undecodable(bytes):
    """A text value whose bytes are not UTF-8 (a flipped byte): damage, never a crash."""


def text_or_damage(data: bytes) -> str | Undecodable:
    """How the store's connections read text: as `str`, or `Undecodable` when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(data)


def event_of(row: tuple[Any, ...]) -> Event:
    """The event of one row of the events table; `StoreError` saying what is damaged in it."""
    seq, time, turn, seat, team, actor, kind, node, payload, state = row
    if not (isinstance(seq, int) and isinstance(turn, int) and isinstance(time, str) and isinstance(node, str)
            and isinstance(seat, str) and isinstance(payload, str) and isinstance(state, str)
            and isinstance(kind, str) and isinstance(team, (str, type(None))) and isinstance(actor, (str, type(None)))):
        raise StoreError(f"event #{seq} is damaged (a column has the wrong type, or text that is not UTF-8)")
    try:
        return Event(seq, time, turn, seat, team, actor, node, parse_body(kind, payload), parse_state(state))
    except StoreError as exc:
        raise StoreError(f"event #{seq} is damaged: {exc}") from None
