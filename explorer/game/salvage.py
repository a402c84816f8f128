"""What can still be read from a damaged game store: its intact events, and what could not be read.

`explorer log` shows these when `Store.open` or `Store.events` refuses the file as damaged. The
file is opened read-only and read row by row, so a damaged page or event stops nothing before
it; when the table itself cannot be read past some point, it is read again from its end.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from explorer.game.errors import StoreError
from explorer.game.events import Event
from explorer.game.rows import event_of, text_or_damage
from explorer.game.store import BUSY_TIMEOUT_MS

_COLUMNS = "seq, time, turn, seat, team, actor, kind, node, payload, state"


@dataclass
class Salvage:
    """The events that could be read, oldest first, and a sentence for each part that could not."""

    events: list[Event] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def readable_events(path: Path) -> Salvage | None:
    """The intact events of the store at `path`; None when it has no event table to read at all."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except (sqlite3.Error, OSError, RuntimeError):
        return None
    db.text_factory = text_or_damage
    found = Salvage()
    try:
        stopped = _read(db, f"SELECT {_COLUMNS} FROM events ORDER BY seq", found, lambda seq: True)
        if stopped is None and not found.events and not found.lost:
            return found
        if stopped is not None:
            if not found.events and stopped.startswith("no such table"):
                return None
            found.lost.append(f"the event table cannot be read past event #{_last(found)}: {stopped}")
            tail = Salvage()
            last = _last(found)
            _read(db, f"SELECT {_COLUMNS} FROM events ORDER BY seq DESC", tail, lambda seq: seq > last)
            found.events += sorted(tail.events, key=lambda e: e.seq)
            found.lost += tail.lost
    finally:
        db.close()
    return found


def _read(db: sqlite3.Connection, sql: str, found: Salvage, wanted) -> str | None:  # type: ignore[no-untyped-def]
    """Read rows into `found` until the end (None) or until SQLite fails (its message)."""
    try:
        cursor = db.execute(sql)
        for row in cursor:
            seq = row[0]
            if isinstance(seq, int) and not wanted(seq):
                break
            try:
                found.events.append(event_of(row))
            except StoreError as exc:
                found.lost.append(str(exc))
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return str(exc)
    return None


def _last(found: Salvage) -> int:
    return max((e.seq for e in found.events), default=0)
