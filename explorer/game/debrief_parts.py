"""Parts of the debrief beside the path: the forecasts scored, the argued moves (off the tree), the
news fired, and the historical path from the start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.format.models import NodeKind
from explorer.game import privacy
from explorer.game.class_events import ForecastClosed, NewsFired, Revealed, Ruled
from explorer.game.estimates import historical_picks
from explorer.game.events import Decided, Injected, Overridden, Rolled
from explorer.game.forecasts import brier
from explorer.game.narration import ruling_text
from explorer.game.privacy import SHARED_VIEW, Context
from explorer.game.teams import team_title
from explorer.graph import ScenarioGraph
from explorer.walk import Walk, WalkError

if TYPE_CHECKING:
    from explorer.game.advice import Advisor
    from explorer.game.session import GameSession
    from explorer.game.state import Entry

HOW = {Decided: "decided", Rolled: "rolled", Overridden: "overridden", Injected: "injected", Revealed: "revealed",
       NewsFired: "news", Ruled: "ruled"}
OFF_TREE = ("news", "ruled")
"""What happens between moves: news, and rulings on argued moves (unnumbered in the debrief)."""


def move_numbers(entries: list[Entry]) -> list[int | None]:
    """Each entry's number as a move (1, 2, …), the way the class saw them; None for news and rulings,
    which happen between moves and move nothing along the tree."""
    out: list[int | None] = []
    count = 0
    for entry in entries:
        if HOW[type(entry.event.body)] in OFF_TREE:
            out.append(None)
        else:
            count += 1
            out.append(count)
    return out


@dataclass(frozen=True, slots=True)
class Line:
    """A path through the tree from the start, in words."""

    name: str
    steps: tuple[str, ...]
    end: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Scored:
    """One forecast line: whose, its probabilities, and its Brier scores."""

    who: str
    probabilities: tuple[float, ...]
    against_game: float | None
    """Against the branch the game took (None: the game never took a branch there)."""
    against_history: float | None
    """Against the branch marked historical (None: none is marked, or before the debrief)."""


@dataclass(frozen=True, slots=True)
class ForecastScore:
    number: int
    question: str
    node_title: str
    branches: tuple[str, ...]
    lines: tuple[Scored, ...]
    """Each team's, then the class median, then the analyst's."""
    happened: int | None
    historical: int | None


def forecasts_of(session: GameSession, over: bool) -> list[ForecastScore]:
    """Every closed forecast with its spread, scored against what the game did there (and, at the
    debrief, against the historical branch)."""
    out = []
    for forecast in session.state.table.forecasts.values():
        if forecast.closed is None or not isinstance(forecast.closed.body, ForecastClosed):
            continue
        body, closed = forecast.body, forecast.closed.body
        happened = next((e.step.index for e in session.state.entries
                         if e.step.node_id == body.node and e.event.seq > forecast.opened.seq and not e.step.jump), None)
        historical = body.historical if over else None
        rows = [(team_title(team), p) for team, p in closed.entries.items()]
        if closed.median:
            rows.append(("Class median", closed.median))
        if body.analyst is not None:
            rows.append(("Analyst", body.analyst))
        lines = [_scored(who, p, happened, historical) for who, p in rows]
        out.append(ForecastScore(body.number, body.question, session.graph.node(body.node).title,
                                 tuple(body.branches), tuple(lines), happened, historical))
    return out


def _scored(who: str, probabilities: list[float], happened: int | None, historical: int | None) -> Scored:
    return Scored(who, tuple(probabilities), brier(probabilities, happened) if happened is not None else None,
                  brier(probabilities, historical) if historical is not None else None)


@dataclass(frozen=True, slots=True)
class ArgumentSummary:
    number: int
    team: str
    actor_name: str
    action: str
    result: str
    reasons: tuple[str, ...]
    counters: tuple[tuple[str, tuple[str, ...]], ...]
    ruling: str
    """The ruling in words, or that there was none."""


def arguments_of(session: GameSession, ctx: Context) -> list[ArgumentSummary]:
    from explorer.game.narration import Withheld

    words = Withheld(metrics=privacy.hidden_metrics(SHARED_VIEW, ctx), names=ctx.labels)
    out = []
    for number, argument in session.state.table.arguments.items():
        body = argument.body
        ruling = argument.ruling.body if argument.ruling is not None else None
        out.append(ArgumentSummary(
            number, team_title(argument.proposal.team), session.actor_name(body.actor), body.action, body.result,
            tuple(body.reasons),
            tuple((team_title(c.team), tuple(getattr(c.body, "reasons", ()))) for c in argument.counters),
            ruling_text(ruling, words) if isinstance(ruling, Ruled) else "not ruled on",
        ))
    return out


def news_of(session: GameSession, ctx: Context) -> list[str]:
    return [privacy.describe_for(SHARED_VIEW, e, ctx) for e in session.events if isinstance(e.body, NewsFired)]


def historical_line(graph: ScenarioGraph) -> Line:
    """From the start along what the scenario marks `historical: true` (options; at a round, the
    marked moves, an actor with none marked taking its default), as far as it is marked."""
    walk = Walk(graph, seed=0)
    steps: list[str] = []
    for _ in range(len(graph)):
        try:
            if walk.kind == NodeKind.ROUND:
                picks = historical_picks(walk)
                if picks is None:
                    break
                steps.append(walk.resolve(picks).label)
                continue
            marked = [v for v in walk.options() if v.option.historical and v.available]
            if not marked:
                break
            steps.append(walk.take(marked[0].index).label)
        except WalkError:
            break
    over = walk.kind == NodeKind.OUTCOME
    note = "" if over else f"the scenario marks no historical branch after “{walk.node.title}”"
    return Line("Historical", tuple(steps), walk.node_id, note)


@dataclass(frozen=True, slots=True)
class EndingOdds:
    """One ending (outcomes sharing a title count as one) and its odds from the start."""

    title: str
    beliefs: float
    """Under the analysts' estimates."""
    equilibrium: float
    """Under equilibrium play."""
    reached: bool
    """The class's game ended here."""
    historical: bool
    """What happened (the `historical` path ends here)."""


def ending_odds(advisor: Advisor, reached: str | None, historical: str | None) -> tuple[EndingOdds, ...]:
    """Each ending's odds from the start, most likely under the analysts' estimates first."""
    from explorer.analysis.outlooks import Outlooks, group_odds

    outlooks = Outlooks(advisor.analysis)
    by_policy = {policy: {g.label: g.probability for g in group_odds(dict(outlooks.outcome_odds(policy)),
                                                                     outlooks.classes, outlooks.order)}
                 for policy in ("beliefs", "equilibrium")}
    titles = list(by_policy["beliefs"]) + [t for t in by_policy["equilibrium"] if t not in by_policy["beliefs"]]
    title_of = outlooks.classes
    return tuple(EndingOdds(title, by_policy["beliefs"].get(title, 0.0), by_policy["equilibrium"].get(title, 0.0),
                            reached is not None and title_of.get(reached) == title,
                            historical is not None and title_of.get(historical) == title) for title in titles)
