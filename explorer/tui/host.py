"""What the explorer's screens and pickers ask of the app, as a Protocol: they take the app as
an `ExplorerHost` instead of importing the app's module (which imports theirs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from explorer.graph import ScenarioGraph
    from explorer.tui.analyst import Analyst
    from explorer.walk import Walk
    from explorer.walks.session import WalkSession


class ExplorerHost(Protocol):
    """The explorer app as its screens see it."""

    graph: ScenarioGraph
    session: WalkSession
    walk: Walk
    analyst: Analyst
    has_analyst: bool

    def request_analysis(self, screen: Screen[object], graph: ScenarioGraph) -> object:
        """Solve `graph` in a thread; `screen` hears `AnalysisReady` or `AnalysisFailed`."""
        ...

    async def jump_to(self, node_id: str) -> None: ...

    def open_scenario(self, path: Path) -> object: ...


def explorer_host(app: App[object]) -> ExplorerHost:
    return cast("ExplorerHost", app)
