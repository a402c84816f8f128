"""Browser seats forked from one pre-imported parent, so that their code is shared, not copied.

`explorer serve` runs one app process per browser tab. Started afresh, each imports Python's
libraries, Textual, Rich, pydantic and the explorer itself: most of a seat's memory, the same in
every seat. Here a parent process (started once by the server) imports all that, freezes it
(`gc.freeze()`: the collector then never writes to those objects, so their pages stay shared),
and forks a child for each tab. The child gets the tab's pipes, environment and arguments and
runs the command's `explorer` main as a fresh process would; it holds only what it changes.

Nothing of a seat is in the parent: it never opens a game or a scenario (it imports code only),
so no seat can see another's data through it. A child whose environment would change what
Textual read when it was imported (`TEXTUAL_*` settings) runs the command afresh instead (exec),
as does every seat whose command is not this Python's `-m explorer`. The protocol: the server
sends the arguments and environment as JSON, with the child's stdin, stdout and stderr as file
descriptors, over a Unix socket pair; the parent answers with the child's process id.

Forked seats share the parent's hash seed (`PYTHONHASHSEED`, random per server start) and reseed
`random` (CPython does so in every forked child).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PRELOAD: Mapping[str, tuple[str, ...]] = {
    "join": ("explorer.commands.join", "explorer.tui.seat.app", "explorer.tui.seat.screen",
             "explorer.tui.seat.code_screen", "explorer.game.seat_link", "explorer.game.seats",
             "explorer.game.views", "explorer.game.watch", "explorer.loading.cache",
             "explorer.commands.shared.scenario_input", "explorer.commands.shared.analysis"),
    "play": ("explorer.commands.play", "explorer.tui.app", "explorer.commands.shared.scenario_input",
             "explorer.loading.cache", "explorer.tui.screens.main", "explorer.tui.screens.outcome",
             "explorer.tui.markdown_text", "explorer.walks.session", "explorer.tui.analyst",
             "explorer.tui.screens.analysis"),
}
"""What the parent imports for each command a seat may run (what the command imports anyway: a team's seat
never needs the analysis, the explorer's marks do)."""
COMMON = ("explorer.cli", "textual.app", "textual.drivers.web_driver", "textual.widgets", "textual.scrollbar",
          "textual.layouts.factory", "textual.layouts.horizontal", "textual.layouts.stream", "sqlite3", "queue",
          "concurrent.futures.thread", "textual.pilot", "textual.drivers.headless_driver")
_ENVIRONMENT_READ_ON_IMPORT = ("TEXTUAL", "ESCDELAY", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "TERM")
"""Prefixes of environment variables Textual and Rich read when imported (or when their first console is
made): a child whose values differ from the parent's is not forked but run afresh."""
_REQUEST_LIMIT = 1 << 20
_TIMEOUT = 10.0


def explorer_argv(command: str) -> list[str] | None:
    """The `explorer` arguments of `command` when it runs this Python's `-m explorer`; None otherwise."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if len(argv) < 4 or argv[0] != sys.executable or argv[1:3] != ["-m", "explorer"]:
        return None
    return argv[3:]


@dataclass
class SeatForks:
    """The server's end of the forking parent."""

    pid: int
    channel: socket.socket
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, command: str, environment: Mapping[str, str]) -> SeatForks | None:
        """The parent for seats running `command`, its imports done, with `environment` set before them
        (as textual-serve sets it for each app); None when `command` cannot be forked."""
        argv = explorer_argv(command)
        if argv is None or argv[0] not in PRELOAD:
            return None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        code = f"import sys; from explorer.seat_forks import serve; serve({theirs.fileno()}, sys.argv[1:])"
        process = subprocess.Popen([sys.executable, "-c", code, *PRELOAD[argv[0]]], pass_fds=[theirs.fileno()],
                                   env=dict(environment), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()
        ours.settimeout(120)  # the imports, on a busy machine
        try:
            ready = ours.recv(64)
        except OSError:
            ready = b""
        if ready != b"ready":
            ours.close()
            process.kill()
            process.wait()
            return None
        ours.settimeout(_TIMEOUT)
        return cls(process.pid, ours, process)

    def fork(self, command: str, environment: Mapping[str, str], fds: tuple[int, int, int]) -> int | None:
        """A child running `command` with `fds` as its stdin, stdout and stderr; its process id, or None
        when the parent is gone or refused (the caller then starts the command afresh)."""
        argv = explorer_argv(command)
        if argv is None:
            return None
        request = json.dumps({"argv": argv, "command": command, "environment": dict(environment)}).encode()
        if len(request) > _REQUEST_LIMIT:
            return None
        try:
            self.channel.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, _int_array(fds))])
            answer = self.channel.recv(64)
        except OSError:  # gone, or too slow to answer: a late answer would be taken for the next seat's
            self.channel.close()
            return None
        return int(answer) if answer.isdigit() else None

    def close(self) -> None:
        """Stop the parent (seats already forked run on)."""
        self.channel.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _int_array(values: Sequence[int]) -> bytes:
    """File descriptors as SCM_RIGHTS carries them (C ints)."""
    import array

    return array.array("i", values).tobytes()


def serve(fd: int, modules: Sequence[str]) -> None:
    """The parent: import `modules`, then fork a child for each request on socket `fd` until it closes."""
    channel = socket.socket(fileno=fd)
    for name in (*COMMON, *modules):
        importlib.import_module(name)
    _warm()
    imported_with = _read_on_import(os.environ)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on the server's terminal: the server stops, then this
    gc.collect()
    gc.freeze()
    channel.sendall(b"ready")
    while True:
        try:
            message, ancillary, _, _ = channel.recvmsg(_REQUEST_LIMIT, socket.CMSG_SPACE(3 * 4))
        except InterruptedError:
            continue
        if not message:
            return
        fds = _received_fds(ancillary)
        try:
            request = json.loads(message)
            pid = _fork(channel, request, fds, imported_with) if len(fds) == 3 else None
        except (ValueError, TypeError, KeyError, OSError):
            pid = None
        finally:
            for received in fds:
                os.close(received)
        channel.sendall(str(pid if pid is not None else "no").encode())


def _warm() -> None:
    """Load what every seat loads on first use: every command's module (the argument parser imports them
    all) and Rich's table of character widths."""
    import pkgutil

    from rich.cells import cell_len

    commands = importlib.import_module("explorer.commands")
    for found in pkgutil.iter_modules(commands.__path__, "explorer.commands."):
        importlib.import_module(found.name)
    cell_len("é—")


def _received_fds(ancillary: list[tuple[int, int, bytes]]) -> list[int]:
    import array

    fds = array.array("i")
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
    return list(fds)


def _read_on_import(environment: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in environment.items() if k.startswith(_ENVIRONMENT_READ_ON_IMPORT)}


def _fork(channel: socket.socket, request: dict[str, object], fds: list[int], imported_with: dict[str, str]) -> int:
    argv, command, environment = request["argv"], request["command"], request["environment"]
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv) and isinstance(command, str)
            and isinstance(environment, dict)):
        raise ValueError("malformed request")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the child: never returns to the parent's loop
        channel.close()
        for target, source in enumerate(fds):
            os.dup2(source, target)
        for source in fds:
            if source > 2:
                os.close(source)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in environment.items()})
        if _read_on_import(os.environ) != imported_with:
            os.execv("/bin/sh", ["/bin/sh", "-c", command])
        import runpy

        sys.argv = ["-m", *argv]
        runpy.run_module("explorer", run_name="__main__", alter_sys=True)  # what `python -m explorer` runs
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # reported as a fresh process would, then the child ends
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    return 0  # unreachable: the child ends above
