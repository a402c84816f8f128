"""Teams: who plays which actor. One team may hold several actors; the facilitator plays the rest."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from explorer.game.errors import GameError
from explorer.game.events import FACILITATOR
from explorer.lookalikes import difference, skeleton
from explorer.suggest import did_you_mean

MAX_NAME = 40
RESERVED = ("shared", "shared screen", "projector")
"""Words that open the shared screen in place of a join code, so no team may be called that."""


class TeamError(GameError):
    """A team assignment that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Teams:
    """Team name → the actor ids it plays, in the order the teams were given."""

    members: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        looks: dict[str, str] = {}
        for team, actors in self.members.items():
            check_name(team)
            other = looks.setdefault(skeleton(team), team)
            if other != team:
                raise TeamError(_alike(team, other))
            for actor in actors:
                if actor in seen:
                    raise TeamError(f"actor '{actor}' is given to two teams: '{seen[actor]}' and '{team}'")
                seen[actor] = team
        object.__setattr__(self, "_owners", seen)  # actor → team, for `team_of` (not a field: eq and asdict skip it)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Teams:
        """From (actor, team) pairs; teams keep the order of their first mention."""
        members: dict[str, list[str]] = {}
        owner: dict[str, str] = {}
        looks: dict[str, str] = {}
        for actor, team in pairs:
            team = check_name(team)
            other = looks.setdefault(skeleton(team), team)
            if other != team:
                raise TeamError(_alike(team, other))
            if actor in owner and owner[actor] != team:
                raise TeamError(f"actor '{actor}' is given to two teams: '{owner[actor]}' and '{team}'")
            owner[actor] = team
            if actor not in members.setdefault(team, []):
                members[team].append(actor)
        return cls({team: tuple(actors) for team, actors in members.items()})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.members)

    def team_of(self, actor: str | None) -> str | None:
        """The team that plays `actor`, or None when the facilitator does."""
        owners: dict[str, str] = self.__dict__["_owners"]
        return owners.get(actor) if actor is not None else None

    def seat_of(self, actor: str | None) -> str:
        """Who enters `actor`'s decisions: its team, or the facilitator."""
        return self.team_of(actor) or FACILITATOR

    def unassigned(self, actors: Iterable[str]) -> list[str]:
        """The actors among `actors` that no team plays (the facilitator plays them)."""
        return [a for a in actors if self.team_of(a) is None]

    def as_json(self) -> dict[str, list[str]]:
        return {team: list(actors) for team, actors in self.members.items()}


def _alike(team: str, other: str) -> str:
    why = difference(team, other) or "they differ only in characters that look alike"
    return (f"team names '{other}' and '{team}' look the same on screen ({why}); "
            "give the teams names that look different")


def check_name(name: str) -> str:
    """A usable team name (surrounding spaces removed), or `TeamError` saying why not."""
    clean = name.strip() if isinstance(name, str) else ""
    if not clean:
        raise TeamError("a team name may not be empty")
    if len(clean) > MAX_NAME:
        raise TeamError(f"team name '{clean[:MAX_NAME]}…' is longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        raise TeamError(f"team name {clean!r} contains control characters")
    if clean.casefold() == FACILITATOR:
        raise TeamError("'facilitator' is the facilitator's seat, not a team: leave the actor unassigned instead")
    if clean.casefold() in RESERVED:
        raise TeamError(f"'{clean}' names the shared screen (the projector), not a team: choose another name")
    return clean


def parse_team_options(specs: Iterable[str], actors: Mapping[str, object]) -> Teams:
    """Teams from `--team ACTOR=NAME` options, checked against the scenario's actors."""
    pairs = []
    for spec in specs:
        actor, sep, team = spec.partition("=")
        actor = actor.strip()
        if not sep or not actor:
            raise TeamError(f"--team {spec!r}: write it as ACTOR=TEAM, e.g. --team {next(iter(actors), 'actor')}=Red")
        if actor not in actors:
            known = ", ".join(actors)
            raise TeamError(f"--team {spec!r}: no actor '{actor}'{did_you_mean(actor, actors)}; the actors are {known}")
        pairs.append((actor, team))
    return Teams.from_pairs(pairs)


def team_title(team: str | None) -> str:
    """How a team is named to the class: 'Team Red'; 'Facilitator' for the facilitator."""
    if team is None or team == FACILITATOR:
        return "Facilitator"
    return team if team.casefold().startswith("team ") else f"Team {team}"


def banner(team: str | None, actor_name: str) -> str:
    """Whose move it is, e.g. 'Team Red — North Korea decides'."""
    return f"{team_title(team)} — {actor_name} decides"
