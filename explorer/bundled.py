"""Where the bundled scenarios and guides are: inside the installed package, or beside a checkout."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = "nk_hanoi.yaml"


def _packaged_or_checkout(name: str) -> Path:
    """`explorer/NAME` when installed (hatch force-include), else `NAME/` beside the package in a checkout."""
    packaged = Path(__file__).resolve().parent / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def scenarios_dir() -> Path:
    """The folder of bundled scenarios (package data when installed, `scenarios/` in a checkout)."""
    return _packaged_or_checkout("scenarios")


def docs_dir() -> Path:
    """The folder of the guides (`docs/`: package data when installed); see `explorer.guides`."""
    return _packaged_or_checkout("docs")


def bundled_scenarios() -> list[Path]:
    """Every bundled scenario file (fragments live in subfolders and are not listed)."""
    return sorted(scenarios_dir().glob("*.yaml"))


def default_scenario() -> Path:
    return scenarios_dir() / DEFAULT_SCENARIO


def schema_path() -> Path:
    return scenarios_dir() / "scenario.schema.json"
