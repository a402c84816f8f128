"""Events told in words: one line each, for the log, the facilitator and stale-move messages.

`describe_event` tells everything an event holds. What a given seat may not read yet is withheld
by `explorer.game.privacy`, which passes a `Withheld` saying what to leave out; options and moves
are numbered as on screen, from 1.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from explorer.game.class_events import (
    ENTERED_AS_DEFAULT,
    ENTERED_BY_FACILITATOR,
    Argued,
    Countered,
    Ended,
    ForecastClosed,
    Forecasted,
    ForecastOpened,
    NewsFired,
    Ordered,
    Revealed,
    RoundClosed,
    Ruled,
    Shown,
)
from explorer.game.commitment import short
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

SECRET = "moved in secret"


@dataclass(frozen=True, slots=True)
class Withheld:
    """What to leave out of an event's words for a seat that may not read it yet."""

    rationale: bool = False
    """A rationale that was given (a skip is still told)."""
    order: bool = False
    """A sealed order's move."""
    secret_actors: frozenset[str] = frozenset()
    """At a reveal: the actors whose covert move this seat may not know."""
    metrics: frozenset[str] = frozenset()
    """Metrics whose changes this seat may not see."""
    bulletin: bool = False
    """News for other teams: its headline and text."""
    forecast: bool = False
    """A team's forecast before the forecast closed."""
    estimates: bool = False
    """The analyst's estimates recorded with a move (unless they were shown at the time)."""
    historical: bool = False
    """Which branch is marked historical."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Metric id → label, for effects in words."""
    seed: bool = False
    """The dice seed (only its commitment is told until the debrief)."""


NOTHING = Withheld()


def describe_event(event: Event, actor_names: Mapping[str, str] | None = None, withheld: Withheld = NOTHING) -> str:
    """What happened, e.g. 'Team Red for North Korea chose 2. “Test missiles” — rationale: …'."""
    names = actor_names or {}
    body = event.body
    who = team_title(event.team)
    if event.actor:
        who += f" for {names.get(event.actor, event.actor)}"
    if isinstance(body, Started):
        teams = "; ".join(f"{team_title(t)}: {', '.join(names.get(a, a) for a in actors)}" for t, actors in body.teams.items())
        timer = f", timer {body.timer:g} s" if body.timer else ", no timer"
        seed = "dice seed sealed" if withheld.seed else f"seed {body.seed}"
        return (f"game started: “{body.scenario_title}”, {seed} (commitment {short(body.seed)}){timer}; "
                f"{teams or 'the facilitator plays every actor'}")
    if isinstance(body, Resumed):
        return "game resumed" + (" although the scenario had changed (--force)" if body.forced else "")
    if isinstance(body, Decided):
        return f"{who} chose {body.option + 1}. “{body.label}”{_rationale(body.rationale, withheld)}"
    if isinstance(body, Rolled):
        basis = "" if body.basis == "analyst" else f", on the {body.basis}'s odds"
        seed = "" if withheld.seed else f"seed {body.seed}, "
        return (f"the dice rolled {body.value:.4f} ({seed}draw #{body.number + 1}{basis}): "
                f"{body.option + 1}. “{body.label}”")
    if isinstance(body, Overridden):
        return (f"the facilitator overrode the roll {body.replaces + 1}. “{body.replaces_label}” with {body.option + 1}. "
                f"“{body.label}” — reason: {body.reason}")
    if isinstance(body, Injected):
        return f"the facilitator moved the game to “{body.to_title}” — reason: {body.reason}"
    if isinstance(body, Undone):
        reason = f" — reason: {body.reason}" if body.reason else ""
        return f"the facilitator undid {body.undone}{reason}"
    if isinstance(body, TimerStarted):
        return f"the timer started: {body.seconds:g} s" + (f" for {who}" if event.team or event.actor else "")
    if isinstance(body, TimerExpired):
        return f"the timer ran out ({body.seconds:g} s)" + (f": {who} must decide" if event.team or event.actor else "")
    return _classroom(event, names, withheld)


def _classroom(event: Event, names: Mapping[str, str], withheld: Withheld) -> str:
    body = event.body
    if isinstance(body, Ordered):
        return _order(event, body, names, withheld)
    if isinstance(body, RoundClosed):
        missing = f"; no orders from {', '.join(names.get(a, a) for a in body.missing)}" if body.missing else ""
        return f"the round closed ({body.how}){missing}"
    if isinstance(body, Revealed):
        return reveal_text(body, names, withheld)
    if isinstance(body, NewsFired):
        return _news(body, names, withheld)
    if isinstance(body, Argued):
        reasons = "; ".join(body.reasons) or "no reasons given"
        return (f"{team_title(event.team)} argued a move for {names.get(body.actor, body.actor)} (#{body.number}): "
                f"“{body.action}”, so that {body.result} — because: {reasons}")
    if isinstance(body, Countered):
        return f"{team_title(event.team)} countered argued move #{body.number}: {'; '.join(body.reasons)}"
    if isinstance(body, Ruled):
        return ruling_text(body, withheld)
    if isinstance(body, ForecastOpened):
        return f"the facilitator opened forecast #{body.number}: {body.question} ({', '.join(body.branches)})"
    if isinstance(body, Forecasted):
        if withheld.forecast:
            return f"{team_title(event.team)} entered its forecast #{body.number} (sealed until the forecast closes)"
        return f"{team_title(event.team)} forecast #{body.number}: {percents(body.probabilities)}"
    if isinstance(body, ForecastClosed):
        median = percents(body.median) if body.median else "no team entered one"
        return f"forecast #{body.number} closed: {len(body.entries)} team(s); class median {median}"
    if isinstance(body, Shown):
        what = "the analyst's estimates" if body.what == "estimates" else "the historical marks"
        return f"the facilitator {'showed' if body.on else 'hid'} {what}"
    if isinstance(body, Ended):
        return "the facilitator ended the game for the debrief" + (f" — reason: {body.reason}" if body.reason else "")
    return event.kind


def _rationale(rationale: str | None, withheld: Withheld) -> str:
    if rationale is None:
        return " — rationale skipped"
    if withheld.rationale:
        return " — rationale given (private until the debrief)"
    return f" — rationale: {rationale}"


def _order(event: Event, body: Ordered, names: Mapping[str, str], withheld: Withheld) -> str:
    actor = names.get(body.actor, body.actor)
    who = team_title(event.team) if event.seat != ENTERED_BY_FACILITATOR or event.team is None else "the facilitator"
    if body.entered == ENTERED_AS_DEFAULT:
        head = f"the facilitator confirmed {actor}'s default move"
    elif body.entered == ENTERED_BY_FACILITATOR:
        head = f"the facilitator entered orders for {actor}"
    else:
        verb = "changed its orders" if body.revision > 1 else "gave orders"
        head = f"{who} {verb} for {actor}"
    if withheld.order:
        return head + " (sealed until the reveal)"
    return f"{head}: {body.move + 1}. “{body.label}”{_rationale(body.rationale, withheld)}"


def reveal_text(body: Revealed, names: Mapping[str, str], withheld: Withheld = NOTHING) -> str:
    """'the orders were revealed: Northland 1. “Talk”, Southland moved in secret → A thaw'."""
    parts = []
    for move in body.moves:
        actor = names.get(move["actor"], move["actor"])
        if move.get("move") is None:
            parts.append(f"{actor} sat the round out")
        elif move["actor"] in withheld.secret_actors:
            parts.append(f"{actor} {SECRET}")
        else:
            covert = " (in secret)" if move.get("covert") else ""
            default = " (default)" if move.get("entered") == ENTERED_AS_DEFAULT else ""
            parts.append(f"{actor} {move['move'] + 1}. “{move['label']}”{covert}{default}")
    return f"the orders were revealed: {'; '.join(parts)} → {body.label}"


def _news(body: NewsFired, names: Mapping[str, str], withheld: Withheld) -> str:
    audience = f" for {', '.join(names.get(a, a) for a in body.audience)}" if body.audience else ""
    if withheld.bulletin:
        return f"the facilitator sent news{audience} (for them only)" + (f"; the game moved to {body.to}" if body.to else "")
    what = "an inject" if body.inject else "news"
    effects = effects_text(body.effects, withheld)
    moved = f"; the game moves to “{body.to}”" if body.to else ""
    text = f" — {body.text}" if body.text else ""
    return f"the facilitator fired {what}{audience}: “{body.title}”{text}{effects}{moved}"


def ruling_text(body: Ruled, withheld: Withheld = NOTHING) -> str:
    verdict = "succeeds" if body.success else "fails"
    if body.how == "dice":
        how = f"the dice rolled {' + '.join(map(str, body.dice))} = {sum(body.dice)} against {body.target} or more"
    else:
        how = "by the facilitator's decision"
    reason = f" — reason: {body.reason}" if body.reason else ""
    effects = effects_text(body.effects, withheld) if body.success else ""
    return f"argued move #{body.number} {verdict}: {how}{effects}{reason}"


def effects_text(effects: Mapping[str, float], withheld: Withheld) -> str:
    if not effects:
        return ""
    shown = [f"{withheld.names.get(m, m)} {v:+g}" for m, v in effects.items() if m not in withheld.metrics]
    if len(shown) < len(effects):
        shown.append("a hidden change")
    return " (" + ", ".join(shown) + ")"


def percents(probabilities: Collection[float]) -> str:
    return " / ".join(f"{p * 100:.0f}%" for p in probabilities)


def log_line(event: Event, actor_names: Mapping[str, str] | None = None, withheld: Withheld = NOTHING) -> str:
    """A line of the human-readable log: number, time, turn, what happened."""
    return f"#{event.seq:<4} {event.time}  turn {event.turn:<3} {describe_event(event, actor_names, withheld)}"


def actor_names(events: list[Event]) -> dict[str, str]:
    """Actor id → name, from the game's `started` event (the log reads without the scenario)."""
    for event in events:
        if isinstance(event.body, Started):
            return dict(event.body.actors)
    return {}
