"""A team's seat: opening a game with a join code, and `SeatView`, what that team's screen shows.

A `SeatView` is a plain, frozen snapshot built from a team's `GameSession`: the team's own
briefings, its decision and rationale box when it has the move, the public state (where the
game is, metrics, odds at a chance node, the path, the log). It never holds another team's
briefing or a rationale that team may not read yet (see `explorer.game.privacy`), so a screen
that shows only the view cannot leak them. Build a new one after every refresh.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from explorer.format.models import NodeKind
from explorer.format.probability_words import describe as describe_probability
from explorer.game.briefing import Briefing
from explorer.game.events import Decided
from explorer.game.join_guard import DEFAULT, LOCAL, JoinPolicy
from explorer.game.joincodes import JoinRefused
from explorer.game.privacy import describe_for
from explorer.game.session import MAX_TEXT, GameSession
from explorer.game.store import Store
from explorer.game.teams import team_title

__all__ = ["JoinRefused", "SeatView", "open_seat", "seat_view"]


def open_seat(store_path: str | os.PathLike[str], code: str, *,
              scenario: str | os.PathLike[str] | None = None, client: str = LOCAL,
              policy: JoinPolicy = DEFAULT) -> GameSession:
    """Open the game in `store_path` as the seat of the team whose join code is `code`.

    Raises `JoinRefused` for a malformed or unknown code (a wrong one is answered slowly, and
    too many from one `client` lock it out: see `join_guard`), and the errors of
    `GameSession.resume` (a damaged store, a changed or missing scenario). No event is logged;
    the attempt is recorded in the store's join attempts.
    """
    with Store.open(store_path) as store:
        team = store.team_for_code(code, client=client, policy=policy)
    return GameSession.resume(store_path, scenario=scenario, seat=team, log=False)


@dataclass(frozen=True, slots=True)
class SeatOption:
    number: int
    """1-based, as the key that takes it."""
    label: str
    available: bool
    lock_reason: str | None
    effects: tuple[tuple[str, float], ...]
    """(metric label, amount)."""


@dataclass(frozen=True, slots=True)
class RationaleBox:
    """The team's rationale prompt for the decision it has now (it may skip; the skip is logged)."""

    turn: int
    """The turn the decision is made for: pass it back as `decide(..., turn=...)`."""
    actor_name: str
    prompt: str
    max_chars: int
    timer_seconds: float | None
    """Seconds left on the turn timer, when one runs."""


@dataclass(frozen=True, slots=True)
class Odds:
    label: str
    probability: float
    words: str
    """Number and ICD 203 words, e.g. '0.60 (likely)'."""


@dataclass(frozen=True, slots=True)
class MetricValue:
    id: str
    label: str
    value: float
    min: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class LogLine:
    seq: int
    turn: int
    time: str
    text: str


@dataclass(frozen=True, slots=True)
class OwnDecision:
    turn: int
    actor_name: str
    node_title: str
    label: str
    rationale: str | None
    """None: the team skipped it."""


@dataclass(frozen=True, slots=True)
class SeatView:
    """What a team's screen shows at one moment; nothing in it is private to another team."""

    scenario_title: str
    team: str
    team_title: str
    briefings: tuple[Briefing, ...]
    turn: int
    banner: str
    node_id: str
    node_title: str
    node_text: str
    kind: NodeKind
    your_move: bool
    options: tuple[SeatOption, ...]
    """The options of the decision this team has now; empty when it does not have the move."""
    rationale: RationaleBox | None
    odds: tuple[Odds, ...]
    """At a chance node: the odds of each available option (the facilitator rolls)."""
    metrics: tuple[MetricValue, ...]
    path: tuple[str, ...]
    """Titles of the nodes the game went through, the current one last."""
    log: tuple[LogLine, ...]
    own_decisions: tuple[OwnDecision, ...]
    finished: bool
    payoffs: tuple[tuple[str, float], ...]
    """(actor name, payoff) at the end of the game."""
    last_seq: int
    """The last event the view includes."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def seat_view(session: GameSession) -> SeatView:
    """The view of the team that `session` is seated as (the facilitator has the whole session)."""
    team = session.seat
    if team not in session.teams.members:
        raise JoinRefused("a seat view is for a team's seat; the facilitator sees the whole game")
    graph, scenario = session.graph, session.graph.scenario
    names = {a: x.name for a, x in scenario.actors.items()}
    over = session.finished
    your_move = not over and session.kind == NodeKind.DECISION and session.to_move == team
    metrics = scenario.metrics
    labels = {m: metric.label for m, metric in metrics.items()}
    options = tuple(
        SeatOption(o.number, o.option.label, o.available, o.lock_reason, tuple((labels[m], v) for m, v in o.effects))
        for o in session.options()
    ) if your_move else ()
    box = RationaleBox(session.turn, names[session.actor], "Why this choice? (a sentence or two; you may skip it)",
                       MAX_TEXT, session.timer_remaining()) if your_move and session.actor else None
    odds = tuple(
        Odds(graph.actions(session.node_id)[i].option.label, p, describe_probability(p))
        for i, p in session.odds().items()
    ) if session.kind == NodeKind.CHANCE and not over else ()
    events = session.events
    return SeatView(
        scenario_title=scenario.title, team=team, team_title=team_title(team),
        briefings=tuple(session.briefing(a) for a in session.teams.members[team]),
        turn=session.turn, banner=session.banner, node_id=session.node_id, node_title=session.node.title,
        node_text=session.node.text or "", kind=session.kind, your_move=your_move, options=options,
        rationale=box, odds=odds,
        metrics=tuple(MetricValue(m, metrics[m].label, v, metrics[m].min, metrics[m].max)
                      for m, v in session.metrics.items()),
        path=tuple(graph.node(n).title for n in session.state.walk.path),
        log=tuple(LogLine(e.seq, e.turn, e.time, describe_for(team, e, names, over)) for e in events),
        own_decisions=tuple(
            OwnDecision(e.turn, names.get(e.actor or "", e.actor or ""), graph.node(e.node).title, e.body.label,
                        e.body.rationale)
            for e in (x.event for x in session.entries)
            if isinstance(e.body, Decided) and e.team == team
        ),
        finished=over,
        payoffs=tuple((names.get(a, a), v) for a, v in session.payoffs().items()),
        last_seq=events[-1].seq if events else 0,
    )
