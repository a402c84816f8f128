"""A scenario's cover: what its start screen shows, as plain data.

The cover is kept beside the scenario's cache entry (`cache.cached_cover`) as JSON, so that
`explorer play` can draw the complete start screen before it imports the format models and unpickles
the scenario: reading it takes only the standard library. The start screen always draws from a
cover (`cover_of` makes one from a loaded scenario), so a screen drawn from a kept cover is the
screen drawn from the scenario itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.graph import ScenarioGraph


@dataclass(frozen=True, slots=True)
class CoverActor:
    """An actor as the start screen lists it: its name, the colour its author asked for (as written,
    or None), and its objectives."""

    id: str
    name: str
    color: str | None
    objectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cover:
    """What the start screen shows of a scenario, and its id (the saved walks offered are looked up by it)."""

    id: str
    title: str
    as_of: str | None
    authors: tuple[str, ...]
    nodes: int
    endings: int
    summary: str | None
    actors: tuple[CoverActor, ...]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Cover | None:
        """The cover `as_json` wrote, or None when `data` is not one (a damaged or foreign file)."""
        try:
            assert isinstance(data, dict) and set(data) == set(cls.__slots__)
            actors = []
            for actor in data["actors"]:
                assert isinstance(actor, dict) and set(actor) == set(CoverActor.__slots__)
                actors.append(CoverActor(_text(actor["id"]), _text(actor["name"]), _optional(actor["color"]),
                                         _texts(actor["objectives"])))
            nodes, endings = data["nodes"], data["endings"]
            assert type(nodes) is int and type(endings) is int
            return cls(_text(data["id"]), _text(data["title"]), _optional(data["as_of"]), _texts(data["authors"]),
                       nodes, endings, _optional(data["summary"]), tuple(actors))
        except (AssertionError, TypeError, KeyError):
            return None


def _text(value: object) -> str:
    assert isinstance(value, str)
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _texts(value: object) -> tuple[str, ...]:
    assert isinstance(value, list)
    return tuple(_text(item) for item in value)


def cover_of(graph: ScenarioGraph) -> Cover:
    """The cover of a loaded scenario."""
    scenario = graph.scenario
    actors = tuple(CoverActor(actor_id, actor.name, actor.color, tuple(actor.objectives))
                   for actor_id, actor in scenario.actors.items())
    return Cover(scenario.id, scenario.title, str(scenario.as_of) if scenario.as_of else None,
                 tuple(scenario.authors or ()), len(graph), len(graph.outcomes), scenario.summary, actors)
