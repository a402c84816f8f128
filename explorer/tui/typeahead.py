"""Type-ahead: keys typed while a dialog is opening wait for it instead of going to the screen behind.

A screen opens its forms and lists in a worker (`@work(group="dialog")` then `push_screen_wait`):
the worker starts after the key that asked for it, and the dialog focuses its first field once
mounted. Keys typed in between (fast typing, a paste, a class that knows the keys) used to reach the
screen behind, or nothing: the app forwards keys to the focused widget as they come, and a screen's
bindings run only when the key comes back up unused, so the keys behind the one that opens a
dialog are already on their way to the screen behind. `TypeAheadApp` holds every key that arrives,
or comes back up, while a worker of a dialog group runs and no modal screen has the focus, and
replays them, in order, through the usual path (bindings, then the focused widget) as soon as a
dialog is focused or the worker ends without one. Inside a dialog, a printable key for a focused
text field goes in at once, so that an Enter right behind it reads the field with it.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

DIALOG_GROUPS = frozenset({"dialog", "form"})
"""The worker groups that open dialogs (`@work(group=…)`)."""

_RUNNING = (WorkerState.PENDING, WorkerState.RUNNING)
_SENT_TO = "_typeahead_sent_to"
"""The attribute a key carries: the screen on top when the app sent it on."""


class TypeAheadReady(Message):
    """A dialog has the focus, or a dialog worker ended: the keys held may go on."""


class TypeAheadApp(App[None]):
    """An app whose keys wait for a dialog that is opening (see the module's docstring)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held: list[events.Key] = []

    def _opening(self) -> bool:
        """A dialog worker runs and no modal screen has the focus yet."""
        screen = self.screen_stack[-1] if self.screen_stack else None
        if isinstance(screen, ModalScreen) and (screen.focused is not None or (screen.is_mounted and
                                                                               not screen.focus_chain)):
            return False  # a dialog has the focus (or has nothing to focus)
        return any(w.group in DIALOG_GROUPS and w.state in _RUNNING for w in self.workers)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and (self._holds(event) or self._left_behind(event)):
            self._held.append(event)
            await self._replay()
            return
        if isinstance(event, events.Key) and await self._typed_into_field(event):
            return
        await self._forward(event)

    async def _forward(self, event: events.Event) -> None:
        """The usual path; a key remembers the screen it was sent to (`_left_behind`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            setattr(event, _SENT_TO, self.screen)
        await super().on_event(event)

    def _left_behind(self, key: events.Key) -> bool:
        """A key coming back up unused from a screen that a dialog has covered since it was sent: typed
        for the dialog (it opened, and took the focus, while the key was on its way to the screen behind)."""
        sent_to = getattr(key, _SENT_TO, None)
        return key.is_forwarded and sent_to is not None and sent_to is not self.screen and isinstance(
            self.screen, ModalScreen)

    async def _typed_into_field(self, key: events.Key) -> bool:
        """A printable key for a focused text field goes in now, in the app's order of keys: forwarded,
        it would wait in the field's queue while an Enter behind it (a priority binding, run here)
        already read the field or moved the focus on. True when it went in (or ran a priority binding)."""
        field = self.focused
        if key.is_forwarded or not key.is_printable or not isinstance(field, Input) or field.disabled:
            return False
        if not await self._check_bindings(key.key, priority=True):
            await field._on_key(key)
        return True

    def _holds(self, key: events.Key) -> bool:
        """A key arriving while a dialog opens, or behind keys held; or one that the screen behind
        passed up unused (its bindings are looked up here) while a dialog opens."""
        opening = self._opening()
        return opening or (not key.is_forwarded and bool(self._held))

    async def on_type_ahead_ready(self, _: TypeAheadReady) -> None:
        await self._replay()

    async def on_descendant_focus(self, _: events.DescendantFocus) -> None:
        if self._held:
            self.post_message(TypeAheadReady())

    async def _replay(self) -> None:
        """The keys held, in order, for as long as no dialog is opening."""
        while self._held and not self._opening():
            held = self._held.pop(0)
            key = events.Key(held.key, held.character)
            if not await self._typed_into_field(key):
                await self._forward(key)

    def dialog_ended(self, worker: Worker[object]) -> None:
        """A screen's dialog worker ended: replay what it held."""
        if worker.group in DIALOG_GROUPS and worker.state not in _RUNNING and self._held:
            self.post_message(TypeAheadReady())


class DialogHost:
    """For a screen that opens dialogs in workers: tells its `TypeAheadApp` when one ends (a worker's
    state reaches only the screen that runs it)."""

    app: App[object]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if isinstance(self.app, TypeAheadApp):
            self.app.dialog_ended(event.worker)
