"""A scenario opened behind its start screen: the app draws the start screen from the scenario's kept
cover and loads the scenario itself in a thread once that first frame is on screen.

Keys that need the scenario wait for it (`ExplorerApp.run_action`): Enter pressed before it is
loaded begins the walk as soon as it is, and keys pressed meanwhile follow in order. Nothing is
shown in its place: the cover is the scenario's real start screen."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.graph import ScenarioGraph
    from explorer.loading.cover import Cover
    from explorer.walks.session import WalkSession


@dataclass(frozen=True, slots=True)
class Opened:
    """The loaded scenario and the walk to open in it (None: a new, unsaved walk the app makes); or no
    graph when the scenario could not be loaded (it changed since its cover was kept and is broken
    now): the app closes, and the command loads it again to say why."""

    graph: ScenarioGraph | None
    session: WalkSession | None = None


class Opening:
    """The scenario behind a cover, loaded by `load` in a thread (`start`) or, when asked for before
    that, at once (`wait`)."""

    def __init__(self, cover: Cover, load: Callable[[], Opened]) -> None:
        self.cover = cover
        self._load = load
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._announced = asyncio.Event()
        self._opened: Opened | None = None
        self._error: BaseException | None = None

    def start(self) -> None:
        """Load in a thread; the running event loop hears when it is done (`opened`)."""
        if self._thread is not None or self._done.is_set():
            return
        loop = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._run, args=(loop,), name="scenario-opening", daemon=True)
        self._thread.start()

    def _run(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        try:
            self._opened = self._load()
        except BaseException as exc:  # re-raised where the result is asked for
            self._error = exc
        finally:
            self._done.set()
            if loop is not None:
                with contextlib.suppress(RuntimeError):  # the app has closed its loop already
                    loop.call_soon_threadsafe(self._announced.set)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self) -> Opened:
        """The scenario, waiting for the thread (or loading it here when no thread was started)."""
        if self._thread is None and not self._done.is_set():
            self._run()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._opened is not None
        return self._opened

    async def opened(self) -> Opened:
        """The scenario, once loaded (without holding up the event loop while the thread works)."""
        if not self._done.is_set():
            if self._thread is None:
                self.start()
            await self._announced.wait()
        return self.wait()
