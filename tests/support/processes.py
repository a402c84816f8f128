"""Other processes for the tests: Python run from the checkout's root, and reading their output."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The checkout's root: other processes run there, so they import this checkout's explorer."""


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter (another process, e.g. on the same game store)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def start_python(code: str, *args: str) -> subprocess.Popen[str]:
    """Start `code` in a fresh interpreter and return at once."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def wait_for_files(paths: list[Path], procs: list[subprocess.Popen[str]], timeout: float = 60) -> None:
    """Wait until every file in `paths` exists (the processes' "ready" signals)."""
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        dead = [p for p in procs if p.poll() is not None]
        assert not dead, [p.communicate() for p in dead]
        assert time.monotonic() < deadline, "the other processes did not get ready in time"
        time.sleep(0.01)


class LineReader:
    """Reads a process's stdout on a thread, keeping each line with the monotonic time it arrived."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._lock:
                self.lines.append((time.monotonic(), line.rstrip("\n")))

    def text(self) -> str:
        with self._lock:
            return "\n".join(line for _, line in self.lines)

    def wait_for(self, words: str, timeout: float = 60) -> float:
        """The time the first line containing `words` arrived (waiting for it up to `timeout` s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for at, line in self.lines:
                    if words in line:
                        return at
            if self.proc.poll() is not None and not self._thread.is_alive():
                break
            time.sleep(0.005)
        raise AssertionError(f"no line with {words!r}; got:\n{self.text()}\n{self.proc.stderr.read() if self.proc.stderr else ''}")
