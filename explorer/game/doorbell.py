"""Telling every process that watches a game store, at once, that someone committed to it.

Each watch binds a Unix datagram socket (a *bell*) in a folder that belongs to the store file:
`<temp>/explorer-bells-<uid>/<key of the store's device and inode>/<pid>-<random>`. A process
that commits to the store rings every bell in that folder after its commit returns (one byte
each, never blocking); a bell nobody holds any more refuses and is removed. The watch then reads
the store as before (`PRAGMA data_version`), so a ring carries nothing to trust: a lost, late,
extra or forged one costs at most a look at the store, and the watch still looks every few
seconds in case a ring was lost (see `Watch.follow`).

Why not the OS's file events: an inotify event on the store's `-wal` file fires while SQLite
writes the commit's pages, before the commit is visible (its index in `-shm` is written through
shared memory, which raises no event). Measured: 99 of 100 commits were not yet visible at the
reader's last wake-up, so a reader woken by file events would see each move one commit late.

Where there are no Unix sockets (Windows) or the folder is not this user's alone, there are no
bells (`Bell.open` returns None) and the watch polls, as it did before bells.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import secrets
import select
import socket
import stat
import tempfile
import threading
from pathlib import Path

MAX_ADDRESS = 100
"""Longest socket path used (bytes): Linux allows 107, macOS 103."""

_sender: socket.socket | None = None
_sender_lock = threading.Lock()
_open: set[str] = set()
"""The addresses of this process's bells, removed at exit if a watch was never closed."""


def base_folder() -> Path | None:
    """This user's folder of bells, or None where there are no Unix datagram sockets or users."""
    getuid = getattr(os, "getuid", None)
    if getuid is None or not hasattr(socket, "AF_UNIX"):
        return None
    return Path(tempfile.gettempdir()) / f"explorer-bells-{getuid()}"


def folder_for(store_path: str | os.PathLike[str]) -> Path | None:
    """The folder of the bells of the store at `store_path` (None: no bells here, or no such file)."""
    base = base_folder()
    if base is None:
        return None
    try:
        info = os.stat(store_path)
    except OSError:
        return None
    key = hashlib.sha256(f"{info.st_dev}:{info.st_ino}".encode()).hexdigest()[:16]
    return base / key


def _private(folder: Path) -> bool:
    """True when `folder` is a real folder owned by this user that nobody else may use."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _make_private(folder: Path) -> bool:
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    return _private(folder)


def ring(folder: Path | None) -> int:
    """Ring every bell in `folder` (after a commit); how many rang. Never raises, never blocks."""
    if folder is None or not _private(folder.parent):
        return 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    sender = _get_sender()
    if sender is None:
        return 0
    rang = 0
    for entry in entries:
        if len(os.fsencode(entry.path)) > MAX_ADDRESS:
            continue
        try:
            sender.sendto(b"!", entry.path)
            rang += 1
        except BlockingIOError:  # its queue is full: it has rings to read already
            rang += 1
        except ConnectionRefusedError:  # nobody holds it: its process ended without closing it
            with contextlib.suppress(OSError):
                if stat.S_ISSOCK(os.lstat(entry.path).st_mode):
                    os.unlink(entry.path)
        except OSError:
            pass
    return rang


def _get_sender() -> socket.socket | None:
    global _sender
    with _sender_lock:
        if _sender is None:
            try:
                _sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                _sender.setblocking(False)
            except OSError:
                return None
        return _sender


class Bell:
    """One watch's bell: `wait(timeout)` until a commit rings it; `close()` takes it down."""

    def __init__(self, sock: socket.socket, address: str) -> None:
        self._sock = sock
        self.address = address
        _open.add(address)

    @classmethod
    def open(cls, store_path: str | os.PathLike[str]) -> Bell | None:
        """A bell for the store at `store_path`, or None where there can be none (then poll)."""
        folder = folder_for(store_path)
        if folder is None:
            return None
        address = str(folder / f"{os.getpid()}-{secrets.token_hex(4)}")
        if len(os.fsencode(address)) > MAX_ADDRESS:
            return None
        for _ in range(3):  # the last bell of another process may remove the folder meanwhile
            if not _make_private(folder.parent) or not _make_private(folder):
                return None
            try:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            except OSError:
                return None
            try:
                sock.bind(address)
                sock.setblocking(False)
                return cls(sock, address)
            except OSError as exc:
                sock.close()
                if not isinstance(exc, FileNotFoundError):
                    return None
        return None

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for a ring; True when rung (all waiting rings are read)."""
        try:
            ready, _, _ = select.select([self._sock], [], [], max(0.0, timeout))
        except (OSError, ValueError):  # closed meanwhile
            return False
        rung = False
        while ready:
            try:
                self._sock.recv(16)
                rung = True
            except OSError:  # BlockingIOError: all read
                break
        return rung

    def wake(self) -> None:
        """Ring this bell from this process (to end a `wait` at once)."""
        sender = _get_sender()
        if sender is not None:
            with contextlib.suppress(OSError):
                sender.sendto(b"!", self.address)

    def close(self) -> None:
        """Take the bell down, and the store's folder of bells with the last one."""
        self._sock.close()
        _open.discard(self.address)
        _remove(self.address)


def _remove(address: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(address)
    with contextlib.suppress(OSError):  # not empty: other watches remain
        os.rmdir(os.path.dirname(address))


@atexit.register
def _remove_left_open() -> None:
    for address in list(_open):
        _remove(address)
