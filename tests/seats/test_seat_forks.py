"""Browser seats forked from one pre-imported parent (`explorer.seat_forks`), driven as textual-serve
drives them (no browser): each seat still takes its own code and shows only its team; the parent
never holds a game; seats whose Textual settings differ, or started when the parent is gone, start
afresh; and the parent of team seats does not import the analysis (numpy, networkx), which no team's
seat needs."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
from textual_serve.download_manager import DownloadManager

from explorer.game.session import GameSession
from explorer.seat_forks import COMMON, PRELOAD, SeatForks, explorer_argv
from explorer.serving_forks import ForkedAppService, seat_environment

_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class Tab:
    """One app driven over textual-serve's pipes, keeping what it drew."""

    def __init__(self, command: str, forks: SeatForks | None) -> None:
        self.frames: list[bytes] = []
        self.service = ForkedAppService(command, forks=forks, write_bytes=self._drawn, write_str=self._text,
                                        close=self._closed, download_manager=DownloadManager())

    async def _drawn(self, data: bytes) -> None:
        self.frames.append(data)

    async def _text(self, _: str) -> None:
        return None

    async def _closed(self) -> None:
        return None

    def text(self, start: int = 0) -> str:
        return _ESCAPES.sub("", b"".join(self.frames[start:]).decode("utf-8", "replace"))

    async def wait_for(self, words: str, start: int = 0) -> None:
        deadline = time.monotonic() + 90
        while words not in self.text(start):
            assert time.monotonic() < deadline, f"{words!r} never shown; the tab showed:\n{self.text()[-1500:]}"
            await asyncio.sleep(0.1)

    async def type(self, keys: str) -> int:
        start = len(self.frames)
        await self.service.send_bytes(keys.encode())
        return start

    @property
    def pid(self) -> int:
        pid = self.service.seat_pid()
        assert pid is not None
        return pid


@pytest.fixture
def seat_command(game: GameSession, tmp_path: Path) -> str:
    return shlex.join([sys.executable, "-m", "explorer", "join", str(tmp_path / "game.sqlite")])


@pytest.fixture
def forks(seat_command: str) -> Iterator[SeatForks]:
    started = SeatForks.start(seat_command, seat_environment())
    assert started is not None
    yield started
    started.close()


@pytest.fixture
async def tabs() -> AsyncIterator[list[Tab]]:
    opened: list[Tab] = []
    yield opened
    for tab in opened:
        await tab.service.stop()
        process = tab.service._process
        if hasattr(process, "wait"):  # started afresh: reaped while the event loop runs
            await asyncio.wait_for(process.wait(), 60)


async def _open(tabs: list[Tab], command: str, forks: SeatForks | None) -> Tab:
    tab = Tab(command, forks)
    tabs.append(tab)
    await tab.service.start(100, 30)
    return tab


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


async def test_forked_seats_take_their_own_codes_and_show_only_their_team(
        forks: SeatForks, seat_command: str, codes: dict[str, str], tabs: list[Tab], tmp_path: Path) -> None:
    north, south = await _open(tabs, seat_command, forks), await _open(tabs, seat_command, forks)
    for tab in (north, south):
        await tab.wait_for("join code")
        assert _parent(tab.pid) == forks.pid  # forked, not started afresh
    for tab, team, actor in ((north, "North", "Northland"), (south, "South", "Southland")):
        start = await tab.type(codes[team] + "\r")
        await tab.wait_for(actor, start)
        await tab.wait_for("turn 1", start)
        start = await tab.type("b")
        await tab.wait_for(f"SECRET-{team.upper()}", start)
    assert "SECRET-SOUTH" not in north.text() and "SECRET-NORTH" not in south.text()
    opened = {os.readlink(f) for f in Path(f"/proc/{forks.pid}/fd").iterdir() if f.is_symlink()}
    assert not any(str(tmp_path) in name for name in opened)  # the parent never opens the game


async def test_a_seat_whose_textual_settings_differ_starts_afresh(forks: SeatForks, seat_command: str) -> None:
    environment = {**seat_environment(), "TEXTUAL_THEME": "textual-light"}
    stdin, stdout = os.pipe(), os.pipe()
    pid = forks.fork(seat_command, environment, (stdin[0], stdout[1], stdout[1]))
    os.close(stdin[0])
    os.close(stdout[1])
    assert pid is not None
    with os.fdopen(stdout[0], "rb") as out:
        assert out.readline() == b"__GANGLION__\n"
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        assert b"-m explorer join" in command_line  # the command itself runs, not a copy of the forked parent
    os.close(stdin[1])
    _end(pid)


def _end(pid: int) -> None:
    """Stop a seat started afresh (its shell and what the shell runs): nobody else will."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in (children.read_text().split() if children.exists() else []):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(child), signal.SIGTERM)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)


async def test_seats_start_afresh_when_the_parent_is_gone(
        forks: SeatForks, seat_command: str, tabs: list[Tab]) -> None:
    forks.close()
    tab = await _open(tabs, seat_command, forks)
    await tab.wait_for("join code")
    assert _parent(tab.pid) != forks.pid


def test_only_this_pythons_explorer_is_forked() -> None:
    assert explorer_argv(shlex.join([sys.executable, "-m", "explorer", "join", "g.db"])) == ["join", "g.db"]
    assert explorer_argv(shlex.join(["/usr/bin/python3", "-m", "explorer", "join", "g.db"])) is None
    assert explorer_argv(shlex.join([sys.executable, "app.py"])) is None
    assert explorer_argv("'unbalanced") is None
    assert SeatForks.start(shlex.join([sys.executable, "app.py"]), seat_environment()) is None


def test_the_parent_of_team_seats_imports_no_analysis() -> None:
    """What every team's seat shares is the seat's own code: numpy, networkx and the analysis stay out."""
    modules = (*COMMON, *PRELOAD["join"])
    code = ("import importlib, sys\nfrom explorer import seat_forks\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "seat_forks._warm()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'networkx')"
            " or m.startswith('explorer.analysis')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, **seat_environment()})
    assert found.stdout.strip() == "[]"
