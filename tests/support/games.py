"""Starting a game of a test scenario: copied first (tests may edit it), loaded, checked valid."""

from __future__ import annotations

import shutil
from pathlib import Path

from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import LoadResult, load_scenario


def copy_scenario(main: Path, into: Path, *, whole_folder: bool = False) -> Path:
    """A fresh copy of the scenario file `main` in the folder `into` (with `whole_folder`, of
    everything beside it too: its included files); the copy's main file."""
    if whole_folder:
        shutil.copytree(main.parent, into)
    else:
        into.mkdir(parents=True, exist_ok=True)
        shutil.copy(main, into / main.name)
    return into / main.name


def valid_load(path: Path) -> LoadResult:
    """The scenario at `path`, which must load without errors."""
    load = load_scenario(path)
    assert load.ok, [str(p) for p in load.problems.sorted()]
    return load


def start_game(scenario: Path | LoadResult, store: Path, teams: Teams, *, seed: int,
               timer: float | None = None) -> GameSession:
    """The facilitator's session of a new game of `scenario` (a file, or a load of one)."""
    load = scenario if isinstance(scenario, LoadResult) else valid_load(scenario)
    return GameSession.create(load, store, teams=teams, seed=seed, timer=timer)
