"""`import_efg`: a Gambit `.efg` text turned into a format-2 scenario, or the reasons it cannot be."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.gambit.efg_reader import EfgError, read_efg
from explorer.gambit.scenario_text import scenario_text
from explorer.gambit.stages import Refusal, plan


@dataclass
class Imported:
    """The scenario's YAML text, or why there is none: a broken file, or information sets refused."""

    text: str | None = None
    error: EfgError | None = None
    refusals: list[Refusal] = field(default_factory=list)


def import_efg(text: str, source: str) -> Imported:
    """Read the .efg `text` (named `source` in the scenario's header) and write it as a scenario."""
    try:
        game = read_efg(text)
    except EfgError as exc:
        return Imported(error=exc)
    planned = plan(game)
    if planned.refusals:
        return Imported(refusals=planned.refusals)
    return Imported(text=scenario_text(game, planned, source))
