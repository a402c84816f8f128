"""Command palette providers: explorer commands, nodes to jump to, scenarios to switch to."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from explorer.bundled import bundled_scenarios
from explorer.tui.literal import printable

if TYPE_CHECKING:
    from explorer.tui.app import ExplorerApp

MAX_NODE_HITS = 100


class ExplorerCommands(Provider):
    """Jump to node…, restart, switch scenario… and the other explorer commands."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = cast("ExplorerApp", self.app)
        return [
            ("Jump to node…", "Go straight to any node (the metrics are kept)", app.action_jump_to_node),
            ("Restart", "Start the walk again from the first node", app.action_restart),
            ("Switch scenario…", "Open another bundled scenario", app.action_switch_scenario),
            ("Toggle map", "Show or hide the map of the scenario", app.action_toggle_map),
            (
                "Toggle analysis marks",
                "Mark the equilibrium move, each option's odds and payoffs, the most likely path",
                app.action_toggle_marks,
            ),
            ("Analysis…", "Outcome odds as a bar chart, expected payoffs, equilibrium and likely paths", app.action_analysis),
            ("Cycle analysis policy", "Odds under beliefs → equilibrium → uniform play", app.action_cycle_policy),
            ("About this scenario", "Title, summary, as-of date and actors", app.action_about),
            ("Help", "Every key and what the mouse does", app.action_help),
        ]

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        for name, help_text, command in self._commands():
            score, offsets = match(query, name)
            if score > 0:
                yield Hit(score, highlighted(name, offsets), command, text=name, help=help_text)  # type: ignore[arg-type]


MATCH_STYLE = Style(bold=True, underline=True)


def match(query: str, text: str) -> tuple[float, list[int]]:
    """Score `text` against `query` in linear time: a substring scores high (earlier is better),
    the query's letters in order score by how tightly they sit. (0, []) when there is no match.

    Textual's own fuzzy matcher enumerates every way letters can match, which explodes on a
    long title made of repeated letters; scenario text is untrusted, so it is not used here.
    """
    needle, hay = query.lower().strip(), text.lower()
    if not needle:
        return 1.0, []
    at = hay.find(needle)
    if at >= 0:
        return 0.5 + 0.5 * (1 - at / max(len(hay), 1)), list(range(at, at + len(needle)))
    offsets, start = [], 0
    for letter in needle.replace(" ", ""):
        start = hay.find(letter, start)
        if start < 0:
            return 0.0, []
        offsets.append(start)
        start += 1
    return 0.5 * len(offsets) / (offsets[-1] - offsets[0] + 1), offsets


def highlighted(text: str, offsets: list[int]) -> Content:
    content = Content(text)
    for offset in offsets:
        content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content


class NodeProvider(Provider):
    """Every node of the current scenario, by title and id (at most 100 hits at a time)."""

    def _nodes(self) -> list[tuple[str, str]]:
        app = cast("ExplorerApp", self.app)
        nodes = app.graph.scenario.nodes.items()
        return [(node_id, f"{printable(node.title[:200], one_line=True)} ({node_id})") for node_id, node in nodes]

    async def startup(self) -> None:
        self.entries = self._nodes()

    async def discover(self) -> Hits:
        app = cast("ExplorerApp", self.app)
        for node_id, text in self.entries[:MAX_NODE_HITS]:
            yield DiscoveryHit(Content(text), partial(app.jump_to, node_id), text=text)

    async def search(self, query: str) -> Hits:
        app = cast("ExplorerApp", self.app)
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
        app = cast("ExplorerApp", self.app)
        for path in bundled_scenarios():
            yield DiscoveryHit(Content(path.name), partial(app.open_scenario, path), text=path.name, help=str(path))

    async def search(self, query: str) -> Hits:
        app = cast("ExplorerApp", self.app)
        for path in bundled_scenarios():
            score, offsets = match(query, path.name)
            if score > 0:
                yield Hit(score, highlighted(path.name, offsets), partial(app.open_scenario, path), text=path.name)
