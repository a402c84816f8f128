"""Paths of the game tests (fixtures live in conftest.py; other processes: tests.support.processes)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
