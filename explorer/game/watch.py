"""Noticing what other seats commit to a game store, as they commit it.

A `Watch` has its own connection to the store and looks at `PRAGMA data_version`, which
changes only when another connection commits: a look with nothing new costs a few
microseconds and reads no rows. It looks when a commit rings its bell (`doorbell`: every
process that commits rings every watch of the store), and every `safety` seconds in case a
ring was lost; where there are no bells it polls every `interval` seconds. Three ways to use it:

- `poll()` from a timer on the thread that owns the session (e.g. a Textual
  `set_interval(0.2, ...)`): the new events, or `[]`; then call `session.refresh()`;
- `follow()`: a blocking iterator of batches of new events, each as soon as it is rung
  (used by `explorer join --follow`);
- `start(callback)`: a background thread calling `callback(events)` for each batch; the
  callback runs on that thread, so a UI forwards it (Textual: `app.call_from_thread`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from explorer.game.doorbell import Bell
from explorer.game.errors import GameError
from explorer.game.events import Event
from explorer.game.store import Store

if TYPE_CHECKING:
    from explorer.game.session import GameSession

INTERVAL = 0.2
"""Seconds between polls where there are no bells: other seats' moves show within this."""
SAFETY = 2.0
"""Seconds between looks when a bell tells of commits: a lost ring delays a move by at most this."""


class Watch:
    """Notices events committed to one store after event `after` (by any connection)."""

    def __init__(self, store_path: str | os.PathLike[str], *, after: int = 0, interval: float = INTERVAL,
                 safety: float = SAFETY, bell: bool = True) -> None:
        if not 0 < interval <= 1:
            raise ValueError("poll between 0 and 1 second apart, so that seats see moves within a second")
        if safety < interval:
            raise ValueError("look at least as often with a bell as without one")
        self.interval = interval
        self.safety = safety
        self.last_seq = after
        self._unannounced = False
        # The bell first: a commit after it rings it, one before it is read by the first poll.
        self._bell = Bell.open(store_path) if bell else None
        try:
            self._store = Store.open(store_path)
        except BaseException:
            if self._bell is not None:
                self._bell.close()
            raise
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def session(cls, session: GameSession, *, interval: float = INTERVAL, bell: bool = True) -> Watch:
        """A watch of `session`'s store, starting after the last event the session has."""
        return cls(session.store.path, after=session.state.last_seq, interval=interval, bell=bell)

    @property
    def rung(self) -> bool:
        """True when commits ring this watch (False: it polls every `interval` seconds, having no bell
        or having found a commit no ring announced, e.g. from a process whose temp folder differs)."""
        return self._bell is not None and not self._unannounced

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
        own = stop is None
        stop = stop or self._stop
        deadline = None if timeout is None else time.monotonic() + timeout
        rung = True  # the first look needs no ring
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            new = self.poll()
            if new:
                self._unannounced |= not rung  # a commit that did not ring: poll from now on
                rung = True
                yield new
                continue
            # `stop()` rings the bell; another's stop event is only seen between waits: wait less
            pause = self.safety if self.rung and own else self.interval
            if deadline is not None:
                pause = max(0.0, min(pause, deadline - time.monotonic()))
            if self._bell is None:
                stop.wait(pause)
            else:
                rung = self._bell.wait(pause)

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
        if self._bell is not None:
            self._bell.wake()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
        self._thread = None

    def close(self) -> None:
        self.stop()
        if self._bell is not None:
            self._bell.close()
            self._bell = None
        self._store.close()

    def __enter__(self) -> Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
