"""textual-serve's app service with the app forked from the pre-imported parent (`explorer.seat_forks`).

textual-serve starts each tab's app with `asyncio.create_subprocess_shell` and then uses only the
process's three pipes; here the pipes are made by the server and handed to the forking parent,
and the child's ends are wrapped in the same asyncio streams. When the parent cannot fork (it is
gone, or the command is not one it forks) the app starts afresh, as textual-serve starts it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Any

from textual_serve.app_service import AppService

from explorer.seat_forks import SeatForks


@dataclass
class ForkedProcess:
    """What textual-serve uses of a process: its pipes (and its id, for the record)."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader
    returncode: int | None = None


def seat_environment() -> dict[str, str]:
    """The environment textual-serve gives every app (sizes aside): the forking parent imports Textual in it."""
    async def nothing(*_: Any) -> None:
        return None

    service = AppService("", write_bytes=nothing, write_str=nothing, close=nothing, download_manager=None)  # type: ignore[arg-type]
    return service._build_environment()  # type: ignore[no-any-return]


class ForkedAppService(AppService):  # type: ignore[misc]
    """An `AppService` whose app is forked by `forks` (started afresh when it cannot be)."""

    def __init__(self, command: str, *, forks: SeatForks | None, **options: Any) -> None:
        super().__init__(command, **options)
        self.forks = forks

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.forks is None:
            return await super()._open_app_process(width, height)
        environment = self._build_environment(width=width, height=height)
        stdin, stdout, stderr = os.pipe(), os.pipe(), os.pipe()
        try:
            pid = self.forks.fork(self.command, environment, (stdin[0], stdout[1], stderr[1]))
        finally:
            for fd in (stdin[0], stdout[1], stderr[1]):
                os.close(fd)
        if pid is None:
            for fd in (stdin[1], stdout[0], stderr[0]):
                os.close(fd)
            return await super()._open_app_process(width, height)
        loop = asyncio.get_running_loop()
        out, err = asyncio.StreamReader(limit=1 << 16), asyncio.StreamReader(limit=1 << 16)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(out), os.fdopen(stdout[0], "rb", 0))
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(err), os.fdopen(stderr[0], "rb", 0))
        transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin,
                                                            os.fdopen(stdin[1], "wb", 0))
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        self._process = process = ForkedProcess(pid, writer, out, err)
        self._stdin = writer
        return process

    def seat_pid(self) -> int | None:
        """The app's process id (a forked child's, or the shell's textual-serve started)."""
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        await super().stop()
        if isinstance(self._process, ForkedProcess) and not self._process.stdin.is_closing():
            self._process.stdin.close()
