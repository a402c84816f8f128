"""Fixtures for the TUI tests (helpers live in tui_helpers.py)."""

from __future__ import annotations

import pytest

from explorer.graph import ScenarioGraph
from tests.tui.tui_helpers import FIXTURE, load_graph


@pytest.fixture
def fixture_graph() -> ScenarioGraph:
    return load_graph(FIXTURE)
