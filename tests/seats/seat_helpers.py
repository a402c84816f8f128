"""Paths of the seat tests (other processes and their output: tests.support.processes)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
BOT = HERE / "seat_bot.py"
