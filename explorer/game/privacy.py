"""What each seat may see: the facilitator sees everything; a team sees the public game.

A team reads the briefings of its own actors only, and the rationales of its own decisions;
other teams' rationales stay private until the game is over (the debrief shows them all).
Who moved, what they chose, the dice and the facilitator's reasons are public.
"""

from __future__ import annotations

from collections.abc import Mapping

from explorer.game.events import FACILITATOR, Decided, Event
from explorer.game.narration import describe_event
from explorer.game.teams import Teams, team_title


def is_facilitator(viewer: str) -> bool:
    return viewer == FACILITATOR


def may_read_briefing(viewer: str, actor: str, teams: Teams) -> bool:
    """True when `viewer` (a seat) may read `actor`'s briefing: the facilitator, or the actor's own team."""
    return is_facilitator(viewer) or teams.team_of(actor) == viewer


def hides_rationale(viewer: str, event: Event, game_over: bool) -> bool:
    """True when `event` carries another team's rationale that `viewer` may not read yet."""
    if game_over or is_facilitator(viewer) or not isinstance(event.body, Decided):
        return False
    return event.body.rationale is not None and event.team != viewer and event.seat != viewer


def describe_for(viewer: str, event: Event, actor_names: Mapping[str, str], game_over: bool) -> str:
    """`describe_event` as `viewer` may read it: another team's rationale is withheld until the end."""
    body = event.body
    if isinstance(body, Decided) and hides_rationale(viewer, event, game_over):
        who = team_title(event.team)
        if event.actor:
            who += f" for {actor_names.get(event.actor, event.actor)}"
        return f"{who} chose “{body.label}” — rationale given (private until the debrief)"
    return describe_event(event, actor_names)
