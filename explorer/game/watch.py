"""Noticing what other seats commit to a game store, within a fraction of a second.

A `Watch` has its own connection to the store and polls `PRAGMA data_version`, which
changes only when another connection commits: a poll with nothing new costs a few
microseconds and reads no rows. Three ways to use it:

- `poll()` from a timer on the thread that owns the session (e.g. a Textual
  `set_interval(0.2, ...)`): the new events, or `[]`; then call `session.refresh()`;
- `follow()`: a blocking iterator of batches of new events (used by `explorer join --follow`);
- `start(callback)`: a background thread calling `callback(events)` for each batch; the
  callback runs on that thread, so a UI forwards it (Textual: `app.call_from_thread`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from explorer.game.errors import GameError
from explorer.game.events import Event
from explorer.game.store import Store

if TYPE_CHECKING:
    from explorer.game.session import GameSession

INTERVAL = 0.2
"""Seconds between polls: other seats' moves show within this (plus the time to read them)."""


class Watch:
    """Notices events committed to one store after event `after` (by any connection)."""

    def __init__(self, store_path: str | os.PathLike[str], *, after: int = 0, interval: float = INTERVAL) -> None:
        if not 0 < interval <= 1:
            raise ValueError("poll between 0 and 1 second apart, so that seats see moves within a second")
        self.interval = interval
        self.last_seq = after
        self._store = Store.open(store_path)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def session(cls, session: GameSession, *, interval: float = INTERVAL) -> Watch:
        """A watch of `session`'s store, starting after the last event the session has."""
        return cls(session.store.path, after=session.state.last_seq, interval=interval)

    def poll(self) -> list[Event]:
        """Events committed since the last look (oldest first); `[]` at once when nothing changed."""
        if not self._store.changed():
            return []
        new = self._store.events(after=self.last_seq)
        if new:
            self.last_seq = new[-1].seq
        return new

    def follow(self, *, stop: threading.Event | None = None, timeout: float | None = None) -> Iterator[list[Event]]:
        """Yield each batch of new events as it comes, until `stop` is set or `timeout` seconds passed."""
        stop = stop or self._stop
        deadline = None if timeout is None else time.monotonic() + timeout
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            new = self.poll()
            if new:
                yield new
            else:
                stop.wait(self.interval if deadline is None else max(0.0, min(self.interval, deadline - time.monotonic())))

    def start(self, callback: Callable[[list[Event]], None],
              on_error: Callable[[GameError], None] | None = None) -> None:
        """Call `callback(events)` from a background thread for every batch, until `stop()`.

        A store error (the file removed or damaged) ends the thread after `on_error(error)`.
        """
        if self._thread is not None:
            raise RuntimeError("this watch is already running")
        self._stop.clear()

        def run() -> None:
            try:
                for batch in self.follow():
                    callback(batch)
            except GameError as exc:
                if on_error is not None:
                    on_error(exc)

        self._thread = threading.Thread(target=run, name=f"watch {self._store.path.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the background thread (if any) and wait for it."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        self._thread = None

    def close(self) -> None:
        self.stop()
        self._store.close()

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
