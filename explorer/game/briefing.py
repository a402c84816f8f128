"""An actor's briefing as a seat may read it: the facilitator reads every one, a team its own."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.game.errors import GameError, MoveRefused
from explorer.game.privacy import may_read_briefing
from explorer.game.teams import Teams, team_title
from explorer.graph import ScenarioGraph


@dataclass(frozen=True, slots=True)
class Briefing:
    """One actor's briefing: who it is, the team that plays it, its objectives and its text."""

    actor: str
    name: str
    team: str
    """The title of the team that plays the actor, e.g. 'Team Red' (or 'Facilitator')."""
    objectives: tuple[str, ...]
    text: str
    """Markdown, as the author wrote it ('' when there is none)."""


def read_briefing(graph: ScenarioGraph, teams: Teams, seat: str, actor: str | None) -> Briefing:
    """`actor`'s briefing as `seat` may read it; `MoveRefused` when it is private to another team."""
    found = graph.scenario.actors.get(actor or "")
    if actor is None or found is None:
        raise GameError("no actor is deciding now" if actor is None else f"there is no actor '{actor}'")
    team = team_title(teams.team_of(actor))
    if not may_read_briefing(seat, actor, teams):
        raise MoveRefused(f"the briefing of {found.name} is private to {team}")
    return Briefing(actor, found.name, team, tuple(found.objectives), found.briefing or "")
