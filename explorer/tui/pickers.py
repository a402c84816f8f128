"""The explorer's pickers in a command palette: a node to jump to, a scenario to switch to.

(The palette's commands come from the command table: `explorer.tui.palette`.)"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from explorer.bundled import bundled_scenarios
from explorer.tui.host import explorer_host
from explorer.tui.literal import printable
from explorer.tui.palette_match import highlighted, match

MAX_NODE_HITS = 100


class NodeProvider(Provider):
    """Every node of the current scenario, by title and id (at most 100 hits at a time)."""

    def _nodes(self) -> list[tuple[str, str]]:
        app = explorer_host(self.app)
        nodes = app.graph.scenario.nodes.items()
        return [(node_id, f"{printable(node.title[:200], one_line=True)} ({node_id})") for node_id, node in nodes]

    async def startup(self) -> None:
        self.entries = self._nodes()

    async def discover(self) -> Hits:
        app = explorer_host(self.app)
        for node_id, text in self.entries[:MAX_NODE_HITS]:
            yield DiscoveryHit(Content(text), partial(app.jump_to, node_id), text=text)

    async def search(self, query: str) -> Hits:
        app = explorer_host(self.app)
        hits = 0
        for node_id, text in self.entries:
            score, offsets = match(query, text)
            if score > 0:
                yield Hit(score, highlighted(text, offsets), partial(app.jump_to, node_id), text=text)
                hits += 1
                if hits >= MAX_NODE_HITS:
                    return


class ScenarioProvider(Provider):
    """The bundled scenarios, by file name."""

    async def discover(self) -> Hits:
        app = explorer_host(self.app)
        for path in bundled_scenarios():
            yield DiscoveryHit(Content(path.name), partial(app.open_scenario, path), text=path.name, help=str(path))

    async def search(self, query: str) -> Hits:
        app = explorer_host(self.app)
        for path in bundled_scenarios():
            score, offsets = match(query, path.name)
            if score > 0:
                yield Hit(score, highlighted(path.name, offsets), partial(app.open_scenario, path), text=path.name)
