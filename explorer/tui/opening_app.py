"""The app's side of a scenario opened behind its start screen (a mixin of `ExplorerApp`; the loading
itself is `opening.Opening`): the scenario is loaded after the first frame, and actions wait for it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from explorer.graph import ScenarioGraph
    from explorer.tui.opening import Opened, Opening
    from explorer.walks.session import WalkSession


class OpeningMixin:
    """The scenario (`graph`), given, or loading behind the start screen (`opening`)."""

    _graph: ScenarioGraph | None
    opening: Opening | None
    """The scenario loading behind its start screen (None once it is loaded, or when it was given)."""
    not_opened: bool
    """Whether the scenario behind the cover could not be loaded (it changed since the cover was kept
    and is broken now): the app then closes at once, and the command loads it again to say why."""
    _session: WalkSession | None
    path: Path | None

    if TYPE_CHECKING:
        def exit(self, result: object = None, return_code: int = 0) -> None: ...
        def scenario_opened(self) -> None: ...

    @property
    def graph(self) -> ScenarioGraph:
        """The scenario (loaded now if it is still loading behind its start screen: keys wait for it
        without holding up the screen, see `run_action`)."""
        if self._graph is None and self.opening is not None:
            self._take(self.opening.wait())
        if self._graph is None:
            raise ScenarioNotOpened(str(self.path))
        return self._graph

    @graph.setter
    def graph(self, graph: ScenarioGraph) -> None:
        self._graph = graph

    def _take(self, opened: Opened) -> None:
        """The scenario behind the cover is loaded: keep it and its walk, or close if it is broken."""
        if self.opening is None:
            return
        self.opening = None
        self._graph = opened.graph
        if opened.session is not None:
            self._session = opened.session
        if opened.graph is None:
            self.not_opened = True
            self.exit(return_code=1)
        else:
            self.scenario_opened()

    async def _open_behind(self) -> None:
        """Load the scenario behind its start screen (after the first frame)."""
        if self.opening is not None:
            self.opening.start()
            self._take(await self.opening.opened())

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Actions wait for a scenario still loading behind its start screen (quitting and scrolling
        do not): Enter pressed at once begins the walk as soon as the scenario is there."""
        if self.opening is not None and _action_name(action) not in WITHOUT_SCENARIO:
            self._take(await self.opening.opened())
            if self._graph is None:
                return True
        return await super().run_action(action, default_namespace, namespaces)



class ScenarioNotOpened(Exception):
    """The scenario behind the start screen could not be loaded (it changed since its cover was kept)."""


WITHOUT_SCENARIO = frozenset({"quit", "scroll_by", "scroll_page", "scroll_edge"})
"""Actions that do not wait for a scenario loading behind its start screen."""


def _action_name(action: str | ActionParseResult) -> str:
    if isinstance(action, tuple):
        return action[1]
    from textual.actions import parse

    return parse(action)[1]
