"""Events told in words: one line each, for the log, the facilitator and stale-move messages."""

from __future__ import annotations

from collections.abc import Mapping

from explorer.game.events import (
    Decided,
    Event,
    Injected,
    Overridden,
    Resumed,
    Rolled,
    Started,
    TimerExpired,
    TimerStarted,
    Undone,
)
from explorer.game.teams import team_title


def describe_event(event: Event, actor_names: Mapping[str, str] | None = None) -> str:
    """What happened, e.g. 'Team Red (North Korea) chose “Test missiles” — rationale: …'."""
    names = actor_names or {}
    body = event.body
    who = team_title(event.team)
    if event.actor:
        who += f" for {names.get(event.actor, event.actor)}"
    if isinstance(body, Started):
        teams = "; ".join(f"{team_title(t)}: {', '.join(names.get(a, a) for a in actors)}" for t, actors in body.teams.items())
        timer = f", timer {body.timer:g} s" if body.timer else ", no timer"
        return f"game started: “{body.scenario_title}”, seed {body.seed}{timer}; {teams or 'the facilitator plays every actor'}"
    if isinstance(body, Resumed):
        return "game resumed" + (" although the scenario had changed (--force)" if body.forced else "")
    if isinstance(body, Decided):
        said = f" — rationale: {body.rationale}" if body.rationale else " — rationale skipped"
        return f"{who} chose “{body.label}”{said}"
    if isinstance(body, Rolled):
        return f"the dice rolled {body.value:.4f} (seed {body.seed}, draw #{body.number + 1}): “{body.label}”"
    if isinstance(body, Overridden):
        return f"the facilitator overrode the roll “{body.replaces_label}” with “{body.label}” — reason: {body.reason}"
    if isinstance(body, Injected):
        return f"the facilitator moved the game to “{body.to_title}” — reason: {body.reason}"
    if isinstance(body, Undone):
        reason = f" — reason: {body.reason}" if body.reason else ""
        return f"the facilitator undid {body.undone}{reason}"
    if isinstance(body, TimerStarted):
        return f"the timer started: {body.seconds:g} s for {who}"
    if isinstance(body, TimerExpired):
        return f"the timer ran out ({body.seconds:g} s): {who} must decide"
    return event.kind


def log_line(event: Event, actor_names: Mapping[str, str] | None = None) -> str:
    """A line of the human-readable log: number, time, turn, what happened."""
    return f"#{event.seq:<4} {event.time}  turn {event.turn:<3} {describe_event(event, actor_names)}"


def actor_names(events: list[Event]) -> dict[str, str]:
    """Actor id → name, from the game's `started` event (the log reads without the scenario)."""
    for event in events:
        if isinstance(event.body, Started):
            return dict(event.body.actors)
    return {}
