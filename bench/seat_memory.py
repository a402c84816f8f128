"""Memory of browser seats: what each seat process of `explorer serve --game` costs, and what 30 take.

Ours: N team seats (`explorer join STORE`, what each browser tab runs), started the way `explorer
serve` starts them (textual-serve's `AppService` driving each over pipes, exactly as for a
websocket, with no browser), each typing a team's join code and drawing the team's view at
120×40; once every seat has been quiet for a moment, the memory of each seat's processes is read
from /proc/PID/smaps_rollup: USS (pages only that seat holds: what closing it frees) and PSS
(its shares of pages it holds with others: summed over every process, what the seats take).
Two ways: forked from the pre-imported parent (`explorer serve` now; the parent's own memory is
counted in the total: it is paid once, not per seat), and each seat a fresh process started
through a shell (textual-serve's way, `explorer serve` before), the seat's code the same.

Anchor: a bare Textual app (one `Static`) started by textual-serve's own `AppService` as a fresh
process through a shell, as textual-serve serves any app: the least a served Textual app costs
(the Python interpreter, Textual, Rich, the web driver and one screen). It runs the same way in
every run, so our figure before and after is compared with the same floor.

Runs are interleaved (forked, fresh, anchor, forked, …); figures are medians over runs; the machine's load
average is printed before and after.

`--play`: the same for tabs of the explorer itself (`explorer serve` on the bundled scenario: `explorer play
--no-save`, its first screen drawn).

Run: PYTHONPATH=. python bench/seat_memory.py [--seats 30] [--runs 5] [--play]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average

ROOT = Path(__file__).resolve().parents[1]
BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

Bare().run()
"""
TEAMS = ("dprk=A", "us=B", "rok=C", "china=D")
QUIET = 1.5
"""A seat has settled when it drew less than `IDLE` bytes in the last `QUIET` seconds (a seat's cursor
blinks and its clock ticks, so it is never wholly silent)."""
IDLE = 4096
_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


@dataclass
class Seat:
    """One served app: its textual-serve service and what it has drawn."""

    service: Any
    written: int = 0
    writes: list[tuple[float, int]] = field(default_factory=list)
    drawn: bytearray = field(default_factory=bytearray)
    """What it drew since it was last told to wait for words."""

    async def on_bytes(self, data: bytes) -> None:
        self.written += len(data)
        self.writes.append((time.monotonic(), len(data)))
        self.drawn += data

    async def on_str(self, _: str) -> None:
        return None

    def settled(self, now: float, shows: bytes) -> bool:
        """It drew `shows` (the screen it is meant to reach), and draws little lately."""
        if not self.writes or now - self.writes[0][0] < QUIET or shows not in _ESCAPES.sub(b"", self.drawn):
            return False
        return sum(size for when, size in self.writes if now - when < QUIET) < IDLE

    async def on_close(self) -> None:
        return None


@dataclass(frozen=True)
class Memory:
    """Kilobytes, from smaps_rollup."""

    uss: int
    pss: int
    rss: int

    def __add__(self, other: Memory) -> Memory:
        return Memory(self.uss + other.uss, self.pss + other.pss, self.rss + other.rss)


def memory(pid: int) -> Memory:
    """USS, PSS and RSS of one process (kB); zero when it is gone."""
    fields: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return Memory(0, 0, 0)
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            fields[name] = int(parts[0])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return Memory(uss, fields.get("Pss", 0), fields.get("Rss", 0))


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                queue += [int(c) for c in (task / "children").read_text().split()]
    return found


async def _settle(seats: list[Seat], timeout: float, shows: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = time.monotonic()
        if all(s.settled(now, shows.encode()) for s in seats):
            return
        await asyncio.sleep(0.1)
    raise SystemExit(f"seats did not settle within {timeout:.0f} s ({sum(1 for s in seats if s.written)} drew)")


async def serve_seats(command: str, count: int, codes: list[str], launcher: Callable[..., Any] | None,
                      timeout: float, shows: tuple[str, str]) -> tuple[list[Memory], Memory]:
    """Start `count` apps of `command` as textual-serve does, each settled once it shows `shows[0]`;
    type a join code into each when `codes` are given, settled once it shows `shows[1]`; return each
    seat's memory (its processes summed) and the launcher's own."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    if launcher is not None:
        from functools import partial

        from explorer.serving_forks import ForkedAppService

        service_class: Any = partial(ForkedAppService, forks=launcher)
    else:
        service_class = AppService
    downloads = DownloadManager()
    seats: list[Seat] = []
    for _ in range(count):
        seat = Seat(None)
        seat.service = service_class(command, write_bytes=seat.on_bytes, write_str=seat.on_str,
                                     close=seat.on_close, download_manager=downloads)
        seats.append(seat)
    for seat in seats:
        await seat.service.start(120, 40)
    await _settle(seats, timeout, shows[0])
    if codes:
        for i, seat in enumerate(seats):
            seat.drawn.clear()
            await seat.service.send_bytes((codes[i % len(codes)] + "\r").encode())
        await _settle(seats, timeout, shows[1])
    pids = [seat.service.seat_pid() if hasattr(seat.service, "seat_pid") else seat.service._process.pid
            for seat in seats]
    each = [sum((memory(p) for p in descendants(pid)), Memory(0, 0, 0)) for pid in pids]
    shared = memory(launcher.pid) if launcher is not None else Memory(0, 0, 0)
    for seat in seats:
        await seat.service.stop()
        if hasattr(seat.service._process, "wait"):  # a fresh process: reaped before the loop closes
            await asyncio.wait_for(seat.service._process.wait(), timeout)
    return each, shared


def game_store(folder: Path) -> tuple[Path, list[str]]:
    """A new game of the bundled scenario with four teams; its store and join codes."""
    store = folder / "game.db"
    teams = [arg for team in TEAMS for arg in ("--team", team)]
    out = subprocess.run([sys.executable, "-m", "explorer", "game", *teams, "--store", str(store), "--no-tui",
                          "--seed", "1"], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    codes = [line.rsplit("join code ", 1)[1].strip() for line in out.splitlines() if "join code " in line]
    return store, codes


def _summary(label: str, each: list[list[Memory]], shared: list[Memory]) -> dict[str, float]:
    per_uss = statistics.median(statistics.median(m.uss for m in run) for run in each) / 1024
    per_pss = statistics.median(statistics.median(m.pss for m in run) for run in each) / 1024
    total = statistics.median(sum(m.pss for m in run) + s.pss for run, s in zip(each, shared, strict=True)) / 1024
    total_uss = statistics.median(sum(m.uss for m in run) + s.uss for run, s in zip(each, shared, strict=True)) / 1024
    parent = statistics.median(s.pss for s in shared) / 1024
    print(f"  {label:28} per seat USS {per_uss:6.1f} MB  PSS {per_pss:6.1f} MB   all seats PSS {total:7.1f} MB "
          f"(USS {total_uss:7.1f} MB; of it the parent {parent:5.1f} MB)")
    return {"uss": per_uss, "pss": per_pss, "total": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600, help="seconds for the seats to settle")
    parser.add_argument("--play", action="store_true",
                        help="tabs of the explorer on the bundled scenario (`explorer serve`) instead of team seats")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        if args.play:
            from explorer.bundled import default_scenario
            from explorer.commands.serve import app_command

            command, codes = app_command(str(default_scenario()), None), []
            shows = ("After Hanoi", "")
        else:
            store, codes = game_store(Path(folder))
            command = shlex.join([sys.executable, "-m", "explorer", "join", str(store)])
            shows = ("join code", "briefing")  # the code screen, then the team's seat
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE)
        bare_command = shlex.join([sys.executable, str(bare)])
        what = "explorer tabs (play, bundled scenario)" if args.play else "team seats (join, bundled scenario)"
        print(f"{args.seats} {what}, {args.runs} interleaved runs; {load_average()}")
        sides: dict[str, tuple[list[list[Memory]], list[Memory]]] = {
            name: ([], []) for name in ("fork", "exec", "bare")}
        for run in range(args.runs):
            for name in sides:
                launcher = _launcher(command) if name == "fork" else None
                try:
                    each, shared = asyncio.run(serve_seats(
                        bare_command if name == "bare" else command, args.seats, [] if name == "bare" else codes,
                        launcher, args.timeout, ("Hello", "") if name == "bare" else shows))
                finally:
                    if launcher is not None:
                        launcher.close()
                sides[name][0].append(each)
                sides[name][1].append(shared)
            print(f"  run {run + 1}: USS a seat " + ", ".join(
                f"{name} {statistics.median(m.uss for m in found[0][-1]) / 1024:.1f} MB" for name, found in sides.items())
                + f"; {load_average()}", flush=True)
        after = _summary("ours, forked (serve now)", *sides["fork"])
        before = _summary("ours, fresh processes (before)", *sides["exec"])
        floor = _summary("anchor: bare Textual app", *sides["bare"])
        for label, mine in (("forked", after), ("fresh", before)):
            print(f"  ratio ours ({label}) / anchor: per seat USS {mine['uss'] / floor['uss']:.2f}×, "
                  f"PSS {mine['pss'] / floor['pss']:.2f}×, all {args.seats} seats (PSS) {mine['total'] / floor['total']:.2f}×")
        print(f"  after / before: all {args.seats} seats {after['total'] / before['total']:.2f}×; {load_average()}")


def _launcher(command: str) -> Any:
    from explorer.seat_forks import SeatForks
    from explorer.serving_forks import seat_environment

    forks = SeatForks.start(command, seat_environment())
    if forks is None:
        raise SystemExit("the forking parent did not start")
    return forks


if __name__ == "__main__":
    main()
