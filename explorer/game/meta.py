"""The settings a game store keeps in its `meta` table: the scenario it was started with, the seed,
the timer; read back as `GameMeta`, or a `StoreError` saying what is missing or damaged."""

from __future__ import annotations

import json
from dataclasses import dataclass

from explorer.game.errors import StoreError
from explorer.game.migration import CURRENT as SCHEMA_VERSION

_META_KEYS = ("schema_version", "created", "explorer_version", "scenario_id", "scenario_title",
              "scenario_path", "scenario_files", "scenario_hash", "seed", "timer")


@dataclass(frozen=True)
class GameMeta:
    """The game's settings and the scenario it was started with."""

    scenario_id: str
    scenario_title: str
    scenario_path: str
    """The main scenario file, absolute, as it was when the game was created."""
    scenario_files: list[str]
    """Every file read (main first), relative to the main file's folder."""
    scenario_hash: str
    seed: int
    timer: float | None
    """Seconds a team has for a decision; None for no timer."""
    created: str = ""
    explorer_version: str = ""
    schema_version: int = SCHEMA_VERSION

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("schema_version", str(self.schema_version)), ("created", self.created),
            ("explorer_version", self.explorer_version), ("scenario_id", self.scenario_id),
            ("scenario_title", self.scenario_title), ("scenario_path", self.scenario_path),
            ("scenario_files", json.dumps(self.scenario_files)), ("scenario_hash", self.scenario_hash),
            ("seed", str(self.seed)), ("timer", "" if self.timer is None else repr(float(self.timer))),
        ]

    @classmethod
    def from_rows(cls, rows: dict[str, str]) -> GameMeta:
        missing = [k for k in _META_KEYS if k not in rows]
        if missing:
            raise StoreError(f"its settings lack {', '.join(missing)}")
        odd = [k for k in _META_KEYS if not isinstance(rows[k], str)]
        if odd:
            raise StoreError(f"its settings are damaged: {', '.join(odd)} cannot be read as text")
        try:
            files = json.loads(rows["scenario_files"])
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise ValueError("scenario_files is not a list of paths")
            return cls(
                rows["scenario_id"], rows["scenario_title"], rows["scenario_path"], files, rows["scenario_hash"],
                int(rows["seed"]), float(rows["timer"]) if rows["timer"] else None, rows["created"],
                rows["explorer_version"], int(rows["schema_version"]),
            )
        except ValueError as exc:
            raise StoreError(f"its settings are damaged: {exc}") from None
