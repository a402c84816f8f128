"""Where game stores go by default: the user's XDG data folder."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

APP_FOLDER = "scenario-explorer"


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME` when set to an absolute path (as the XDG spec asks), else ~/.local/share."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def games_folder(environ: Mapping[str, str] | None = None) -> Path:
    return data_home(environ) / APP_FOLDER / "games"


def default_store_path(scenario_id: str, now: dt.datetime | None = None,
                       environ: Mapping[str, str] | None = None) -> Path:
    """A new file name `<timestamp>-<scenario id>.sqlite` in the games folder (never an existing one)."""
    return stamped_path(games_folder(environ), scenario_id, ".sqlite", now)


def stamped_path(folder: Path, scenario_id: str, suffix: str, now: dt.datetime | None = None) -> Path:
    """`<folder>/<timestamp>-<scenario id><suffix>`, with `-2`, `-3`… before the suffix when taken."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stamp}-{scenario_id}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stamp}-{scenario_id}-{n}{suffix}"
        n += 1
    return path
