"""What each viewer may see. Every read path — a seat's view, the facilitator's, the shared screen's,
the log, its JSON export, the report, the replay — asks here.

Viewers: the facilitator (the white cell), a team, and the shared screen (the projector). Until the
debrief (the game reached an outcome, or the facilitator ended it) these stay private:

| what | who may read it |
|---|---|
| an order before its round's reveal | the actor's team, and the seat that entered it |
| a rationale (of a decision or an order) | the team that gave it, and the facilitator |
| a covert move | the actor's team, and the facilitator |
| a metric with `visible_to` | the teams playing those actors, and the facilitator |
| `private` node text, a briefing | the named actor's team, and the facilitator |
| news with an `audience` | the audience's teams, and the facilitator |
| a team's forecast before it closes | that team |
| the dice seed (its commitment is public) | the facilitator |

The shared screen is a viewer with no team: it sees only what every team may see. Who moved, who
has given orders, what they chose once revealed (covert moves aside), the dice rolled, arguments and
rulings, and the facilitator's reasons are public.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from explorer.game.class_events import Ended, ForecastClosed, Forecasted, ForecastOpened, NewsFired, Ordered, Revealed
from explorer.game.events import FACILITATOR, Decided, Event, Started
from explorer.game.narration import Withheld, describe_event, log_line
from explorer.game.teams import Teams
from explorer.graph import ScenarioGraph

SHARED = "shared screen"
"""The seat of the shared screen (the projector): it may read what every team may read, nothing more."""


class ViewerKind(enum.Enum):
    FACILITATOR = "facilitator"
    TEAM = "team"
    SHARED = "shared screen"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking: the facilitator, one team, or the shared screen."""

    kind: ViewerKind
    team: str | None = None

    @classmethod
    def of(cls, seat: str) -> Viewer:
        """The viewer of a session's seat: 'facilitator', SHARED, or a team name."""
        if seat == FACILITATOR:
            return FACILITATOR_VIEW
        if seat == SHARED:
            return SHARED_VIEW
        return cls(ViewerKind.TEAM, seat)

    @property
    def facilitator(self) -> bool:
        return self.kind is ViewerKind.FACILITATOR

    @property
    def seat(self) -> str:
        return self.team if self.team is not None else (FACILITATOR if self.facilitator else SHARED)


FACILITATOR_VIEW = Viewer(ViewerKind.FACILITATOR)
SHARED_VIEW = Viewer(ViewerKind.SHARED)


class Game(Protocol):
    """What `Context.of` reads from a game session."""

    graph: ScenarioGraph

    @property
    def events(self) -> list[Event]: ...

    @property
    def teams(self) -> Teams: ...

    @property
    def ended(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need to know about the game, from its events (and the scenario, when loaded)."""

    names: Mapping[str, str]
    """Actor id → name."""
    teams: Mapping[str, tuple[str, ...]]
    """Team → the actors it plays."""
    hidden: Mapping[str, tuple[str, ...]]
    """Metric id → the actors who see its value (only metrics with `visible_to`)."""
    labels: Mapping[str, str]
    """Metric id → label."""
    revealed_turns: frozenset[int]
    """Turns whose round was revealed (their orders' moves are then public)."""
    closed_forecasts: frozenset[int]
    over: bool
    """The debrief: the game reached an outcome or the facilitator ended it; nothing is private any more."""

    @classmethod
    def of(cls, session: Game) -> Context:
        scenario = session.graph.scenario
        hidden = {m: tuple(x.visible_to) for m, x in scenario.metrics.items() if x.visible_to is not None}
        return cls._build(session.events, {a: x.name for a, x in scenario.actors.items()},
                          session.teams.members, hidden, {m: x.label for m, x in scenario.metrics.items()},
                          session.ended)

    @classmethod
    def from_events(cls, events: list[Event], *, over: bool | None = None) -> Context:
        """From the events alone (the log, when the scenario is not at hand): the `started` event's
        names, teams and hidden metrics; over only once the facilitator ended the game, unless `over`."""
        started = next((e.body for e in events if isinstance(e.body, Started)), None)
        names = dict(started.actors) if started else {}
        teams = {t: tuple(a) for t, a in started.teams.items()} if started else {}
        hidden = {m: tuple(a) for m, a in started.hidden.items()} if started else {}
        ended = any(isinstance(e.body, Ended) for e in events)
        return cls._build(events, names, teams, hidden, {}, ended if over is None else over)

    @classmethod
    def _build(cls, events: Iterable[Event], names: Mapping[str, str], teams: Mapping[str, tuple[str, ...]],
               hidden: Mapping[str, tuple[str, ...]], labels: Mapping[str, str], over: bool) -> Context:
        revealed, closed = set(), set()
        for event in events:
            if isinstance(event.body, Revealed):
                revealed.add(event.turn)
            elif isinstance(event.body, ForecastClosed):
                closed.add(event.body.number)
        return cls(dict(names), dict(teams), dict(hidden), dict(labels), frozenset(revealed), frozenset(closed), over)

    def grown(self, events: Iterable[Event], over: bool) -> Context:
        """This context with `events` (those after the ones it was built from) taken in, at the
        debrief or not (`over`): what `of` gives for the session that read them."""
        revealed, closed = set(self.revealed_turns), set(self.closed_forecasts)
        for event in events:
            if isinstance(event.body, Revealed):
                revealed.add(event.turn)
            elif isinstance(event.body, ForecastClosed):
                closed.add(event.body.number)
        return Context(self.names, self.teams, self.hidden, self.labels, frozenset(revealed), frozenset(closed), over)

    def plays(self, viewer: Viewer, actor: str | None) -> bool:
        """True when `viewer` is the team that plays `actor`."""
        return viewer.team is not None and actor in self.teams.get(viewer.team, ())

    def team_of(self, actor: str | None) -> str | None:
        return next((t for t, actors in self.teams.items() if actor in actors), None)


# --- the rules ----------------------------------------------------------------------------
def sees_metric(viewer: Viewer, metric: str, ctx: Context) -> bool:
    """A metric's value: everyone's unless `visible_to` limits it to some actors' teams."""
    allowed = ctx.hidden.get(metric)
    if allowed is None or ctx.over or viewer.facilitator:
        return True
    return any(ctx.plays(viewer, a) for a in allowed)


def hidden_metrics(viewer: Viewer, ctx: Context) -> frozenset[str]:
    return frozenset(m for m in ctx.hidden if not sees_metric(viewer, m, ctx))


def sees_actor_secrets(viewer: Viewer, actor: str | None, ctx: Context) -> bool:
    """An actor's private text, briefing and covert moves: its team's, the facilitator's, and all at the debrief."""
    return ctx.over or viewer.facilitator or ctx.plays(viewer, actor)


def sees_rationale(viewer: Viewer, event: Event, ctx: Context) -> bool:
    """A rationale: the team that gave it (and the seat that entered it), the facilitator, all at the debrief."""
    return ctx.over or viewer.facilitator or viewer.seat in (event.team, event.seat)


def sees_order(viewer: Viewer, event: Event, ctx: Context) -> bool:
    """An order's move before its round's reveal: the actor's team and the seat that entered it only
    (not the facilitator, who sees who has given orders, not what); after the reveal, the reveal
    tells the moves (covert ones aside), and the order itself stays its team's."""
    actor = event.body.actor if isinstance(event.body, Ordered) else event.actor
    return ctx.over or ctx.plays(viewer, actor) or viewer.seat == event.seat


def sees_news(viewer: Viewer, body: NewsFired, ctx: Context) -> bool:
    if not body.audience or ctx.over or viewer.facilitator:
        return True
    return any(ctx.plays(viewer, a) for a in body.audience)


def sees_forecast(viewer: Viewer, event: Event, number: int, ctx: Context) -> bool:
    """A team's forecast: its own; everyone's once the forecast closed."""
    return ctx.over or number in ctx.closed_forecasts or viewer.seat == event.team


def sees_seed(viewer: Viewer, ctx: Context) -> bool:
    """The dice seed: the facilitator's, and everyone's at the debrief; the others see its commitment
    (`explorer.game.commitment`), so that no one can work out a roll before it is made."""
    return ctx.over or viewer.facilitator


def may_read_briefing(viewer: str | Viewer, actor: str, teams: Teams) -> bool:
    """True when `viewer` may read `actor`'s briefing: the facilitator, or the actor's own team."""
    viewer = Viewer.of(viewer) if isinstance(viewer, str) else viewer
    return viewer.facilitator or (viewer.team is not None and teams.team_of(actor) == viewer.team)


def withheld(viewer: Viewer, event: Event, ctx: Context) -> Withheld:
    """What of `event` `viewer` may not read (nothing, at the debrief)."""
    body = event.body
    metrics = hidden_metrics(viewer, ctx)
    if ctx.over:
        return Withheld(names=ctx.labels)
    return Withheld(
        rationale=isinstance(body, (Decided, Ordered)) and not sees_rationale(viewer, event, ctx),
        order=isinstance(body, Ordered) and not sees_order(viewer, event, ctx),
        secret_actors=frozenset(m["actor"] for m in body.moves if m.get("covert") and not sees_actor_secrets(
            viewer, m["actor"], ctx)) if isinstance(body, Revealed) else frozenset(),
        metrics=metrics,
        bulletin=isinstance(body, NewsFired) and not sees_news(viewer, body, ctx),
        forecast=isinstance(body, Forecasted) and not sees_forecast(viewer, event, body.number, ctx),
        estimates=not viewer.facilitator and not (isinstance(body, ForecastOpened) and body.number in ctx.closed_forecasts),
        historical=not viewer.facilitator,
        names=ctx.labels,
        seed=not sees_seed(viewer, ctx),
    )


def describe_for(viewer: Viewer, event: Event, ctx: Context) -> str:
    """The event in words, as `viewer` may read it."""
    return describe_event(event, ctx.names, withheld(viewer, event, ctx))


def words_context(ctx: Context) -> Hashable:
    """The parts of `ctx` that `words_key` reads: while they stay the same, so does every key."""
    return ctx.over, ctx.closed_forecasts


def words_key(event: Event, ctx: Context) -> Hashable:
    """What of `ctx` the words of `event` depend on (`describe_for`), beside the viewer, the event and
    the scenario's names: while it stays the same, a viewer's line for the event stays the same (a
    seat's view keeps it instead of telling the event again). Keep it in step with `withheld` (and
    `words_context` with it)."""
    body = event.body
    if isinstance(body, (Forecasted, ForecastOpened)):
        return ctx.over, body.number in ctx.closed_forecasts
    return ctx.over


def log_line_for(viewer: Viewer, event: Event, ctx: Context) -> str:
    return log_line(event, ctx.names, withheld(viewer, event, ctx))


def state_for(viewer: Viewer, state: Mapping[str, float], ctx: Context) -> dict[str, float | None]:
    """Metric values, the hidden ones as None."""
    hidden = hidden_metrics(viewer, ctx)
    return {m: (None if m in hidden else v) for m, v in state.items()}


def event_for(viewer: Viewer, event: Event, ctx: Context) -> dict[str, Any]:
    """The event as a JSON-ready dict (`explorer log --jsonl`), private parts withheld: their values
    set to null and their keys listed under `withheld`; options and moves also numbered from 1."""
    from explorer.game.redaction import payload_for

    data = event.as_dict()
    data["payload"] = payload_for(event, withheld(viewer, event, ctx))
    data["state"] = state_for(viewer, event.state, ctx)
    return data
