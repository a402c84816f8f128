"""A solo walk saved as it goes: one file of JSON lines, a header then one line per action.

Crash-safe the simple way: each action is one line, written, flushed and `fsync`ed before the walk
goes on, so a crash (even SIGKILL) loses at most the action being written; a last line cut short by
the crash is ignored when the file is read (and said so). The file is only ever appended to.

    {"walk": 1, "scenario": {"id": …, "title": …, "path": …, "hash": …}, "seed": 17, "created": "…"}
    {"op": "take", "index": 1}
    {"op": "roll"}
    {"op": "note", "at": [["seize", 1, "talks"]], "text": "…"}

The actions (`op`) are those of `WalkSession`; replaying them from the scenario's start with the same
seed gives back the walk, its notes and everything the session saw (dice draws are numbered along
the path, so a roll replays to the same draw).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VERSION = 1
WALKS_FOLDER = "walks"
SUFFIX = ".walk.jsonl"
MAX_LINE = 1_000_000
"""Longest line read back (a note is capped far below it): a larger line is damage, not a walk."""


class JournalError(Exception):
    """The file is not a saved walk (or cannot be read); the message says why, in words."""


@dataclass(frozen=True, slots=True)
class Header:
    """The first line: which scenario, which seed, when."""

    scenario_id: str
    scenario_title: str
    scenario_path: str
    scenario_hash: str
    seed: int
    created: str

    def as_json(self) -> dict[str, Any]:
        return {"walk": VERSION, "scenario": {"id": self.scenario_id, "title": self.scenario_title,
                                              "path": self.scenario_path, "hash": self.scenario_hash},
                "seed": self.seed, "created": self.created}


@dataclass(frozen=True)
class Contents:
    """What a journal file holds: its header, its actions, and whether its last line was cut short."""

    header: Header
    events: list[dict[str, Any]]
    torn: bool = False


def walks_folder(environ: Mapping[str, str] | None = None) -> Path:
    """Where walks are saved by default: `$XDG_DATA_HOME/scenario-explorer/walks` (~/.local/share/…)."""
    from explorer.game.location import APP_FOLDER, data_home

    return data_home(environ) / APP_FOLDER / WALKS_FOLDER


def new_path(scenario_id: str, folder: Path | None = None, now: dt.datetime | None = None) -> Path:
    """A new file name `<timestamp>-<scenario id>.walk.jsonl` in `folder` (never an existing one)."""
    from explorer.game.location import stamped_path

    return stamped_path(folder or walks_folder(), scenario_id, SUFFIX, now)


def latest(scenario_id: str, folder: Path | None = None) -> Path | None:
    """The most recently written walk of `scenario_id` in `folder`, or None."""
    folder = folder or walks_folder()
    try:
        found = [p for p in folder.glob(f"*-{scenario_id}{SUFFIX}") if p.is_file()]
        found += [p for p in folder.glob(f"*-{scenario_id}-[0-9]*{SUFFIX}") if p.is_file()]
        return max(found, key=lambda p: (p.stat().st_mtime_ns, p.name), default=None)
    except OSError:
        return None


class Journal:
    """A walk file, appended to one action at a time. A new walk's file (`header` given) is made with its
    first action, so a session that does nothing leaves no file behind."""

    def __init__(self, path: Path, header: Header | None = None) -> None:
        self.path = path
        self.header = header
        """The header, when this journal made the file (None: it was opened to go on)."""
        self._header = header
        """The header still to write (a new file), or None (the file exists)."""

    @property
    def written(self) -> bool:
        return self._header is None

    def append(self, event: Mapping[str, Any]) -> None:
        """Add one action, durably: written, flushed and synced before returning."""
        line = json.dumps(dict(event), ensure_ascii=False, separators=(",", ":")) + "\n"
        if self._header is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(self._header.as_json(), ensure_ascii=False) + "\n" + line)
                out.flush()
                os.fsync(out.fileno())
            self._header = None
            return
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line)
            out.flush()
            os.fsync(out.fileno())


def read(path: Path) -> Contents:
    """The header and actions of a walk file; a last line cut short (a crash while writing) is left out
    and `torn` says so. `JournalError` for a file that is not a saved walk."""
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise JournalError(f"cannot read {path}: {exc.strerror or exc}") from None
    lines = raw.split(b"\n")
    torn = bool(lines[-1])  # the file should end with a newline; anything after the last one is cut short
    lines = lines[:-1]
    if not lines:
        raise JournalError(f"{path} is empty: not a saved walk")
    header = _header(path, lines[0])
    events: list[dict[str, Any]] = []
    for number, line in enumerate(lines[1:], start=2):
        event = _event(line)
        if event is None:
            if number == len(lines):  # a damaged last line: the crash case
                torn = True
                break
            raise JournalError(f"{path}:{number}: this line is not an action of a saved walk")
        events.append(event)
    return Contents(header, events, torn)


def _header(path: Path, line: bytes) -> Header:
    data = _json(line)
    if not isinstance(data, dict) or data.get("walk") != VERSION or not isinstance(data.get("scenario"), dict):
        raise JournalError(f"{path} is not a saved walk (its first line is not a walk header)")
    scenario = data["scenario"]
    seed = data.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise JournalError(f"{path}: the walk's seed is missing")
    return Header(str(scenario.get("id", "")), str(scenario.get("title", "")), str(scenario.get("path", "")),
                  str(scenario.get("hash", "")), seed, str(data.get("created", "")))


def _event(line: bytes) -> dict[str, Any] | None:
    data = _json(line)
    return data if isinstance(data, dict) and isinstance(data.get("op"), str) else None


def _json(line: bytes) -> object:
    if len(line) > MAX_LINE:
        return None
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
