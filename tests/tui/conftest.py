"""Fixtures for the TUI tests (helpers live in tui_helpers.py)."""

from __future__ import annotations

import pytest
from tui_helpers import FIXTURE, load_graph

from explorer.graph import ScenarioGraph


@pytest.fixture
def fixture_graph() -> ScenarioGraph:
    return load_graph(FIXTURE)
