"""A seat's connection to the game (a team's, or the shared screen's): its session, a watch on the
store, and a lock.

The seat screen never touches SQLite on its UI thread: the watch polls on its own thread and
hands over fresh views, and a decision or an order is sent from a worker thread. The lock keeps
those threads from replaying events into the session at the same time. No Textual here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.game.errors import GameError
from explorer.game.events import Event
from explorer.game.join_guard import LOCAL
from explorer.game.seats import SeatView, open_seat
from explorer.game.session import GameSession
from explorer.game.views import game_view
from explorer.game.watch import INTERVAL, Watch

seat_view = game_view


class SeatLink:
    """One seat, live: `view()` now, `watch(callback)` for updates, `decide(...)` or `act(...)` to move."""

    def __init__(self, session: GameSession, *, interval: float = INTERVAL) -> None:
        self.session = session
        self.interval = interval
        self._lock = threading.Lock()
        self._watch: Watch | None = None

    @classmethod
    def open(cls, store_path: str | os.PathLike[str], code: str, *,
             scenario: str | os.PathLike[str] | None = None, interval: float = INTERVAL,
             client: str = LOCAL) -> SeatLink:
        """Open the seat of the team whose join code is `code`, or the shared screen for the word SHARED
        (`JoinRefused`, `GameError` otherwise); `client` is who typed it (see `join_guard`)."""
        return cls(open_seat(Path(store_path), code, scenario=scenario, client=client), interval=interval)

    @property
    def team(self) -> str:
        return self.session.seat

    def view(self) -> SeatView:
        """The team's view as the session has it (without reading the store)."""
        with self._lock:
            return seat_view(self.session)

    def sync(self, known: list[Event] | None = None) -> tuple[SeatView, list[Event]]:
        """Read what other seats committed (or take `known`, a watch's batch: see `refresh`); the
        fresh view and the new events."""
        with self._lock:
            new = self.session.refresh(known or ())
            return seat_view(self.session), new

    def decide(self, option: int, rationale: str | None, turn: int) -> SeatView:
        """Take option `option` (0-based) for `turn`, the turn the team saw.

        Raises `StaleTurn` when another seat moved first (the session has then read what
        changed), and `MoveRefused` for a move the rules do not allow.
        """
        with self._lock:
            self.session.decide(option, rationale, turn=turn)
            return seat_view(self.session)

    def act(self, action: Callable[[GameSession], Any]) -> SeatView:
        """Run `action` on the session (give orders, argue, forecast …) and return the view after it.
        Raises what the session raises: `StaleTurn`, `MoveRefused`, `GameError`."""
        with self._lock:
            action(self.session)
            return seat_view(self.session)

    def watch(self, on_change: Callable[[SeatView, list[Event]], None],
              on_error: Callable[[GameError], None]) -> None:
        """Call `on_change(view, events)` from a background thread after other seats' moves."""
        if self._watch is not None:
            return
        watch = Watch(self.session.store.path, after=self.session.state.last_seq, interval=self.interval)

        def changed(batch: list[Event]) -> None:
            try:
                view, new = self.sync(batch)
            except GameError as exc:
                on_error(exc)
                return
            if new:
                on_change(view, new)

        self._watch = watch
        watch.start(changed, on_error)

    def stop_watching(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def close(self) -> None:
        self.stop_watching()
        with self._lock:
            self.session.close()
