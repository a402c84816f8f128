"""The game as one viewer sees it: plain, frozen data that a screen shows as it is.

`explorer.game.views.game_view(session)` builds a `GameView` for the session's viewer — the
facilitator, one team, or the shared screen — deciding there, once, what that viewer may see
(`explorer.game.privacy`). Nothing in a team's or the shared screen's view is private to anyone
else, so a screen that shows only its view cannot leak. Options, moves and rules are numbered
from 1, as on screen.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

from explorer.format.models import NodeKind
from explorer.game.answers import Answer
from explorer.game.briefing import Briefing
from explorer.game.privacy import Viewer

HIDDEN_CHANGE = "a hidden change"
HIDDEN_CONDITION = "a condition you cannot see"


@dataclass(frozen=True, slots=True)
class SeatOption:
    """An option of a decision, or a move of a round, as this viewer sees it."""

    number: int
    """1-based, as the key that takes it."""
    label: str
    available: bool
    lock_reason: str | None
    effects: tuple[tuple[str, float | None], ...]
    """(metric label, amount); a change this viewer may not see is (HIDDEN_CHANGE, None)."""
    estimate: float | None = None
    """The analyst's estimate, when the facilitator shows the estimates."""
    historical: bool = False
    """Marked historical (shown only when the facilitator shows the historical marks)."""
    indicators: tuple[str, ...] = ()
    covert: bool = False


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
class CurrentOrder:
    number: int
    label: str
    rationale: str | None
    revision: int


@dataclass(frozen=True, slots=True)
class OrderForm:
    """The orders this viewer gives for one actor of the round in progress."""

    actor: str
    actor_name: str
    turn: int
    """The turn the orders are for: pass it back as `submit_order(..., turn=...)`."""
    moves: tuple[SeatOption, ...]
    default: int | None
    """The move's number (1-based) used if no order is given; None: the actor sits the round out."""
    current: CurrentOrder | None
    """The orders given so far (they may be changed until the round closes)."""


@dataclass(frozen=True, slots=True)
class OrderLine:
    """Who gives an actor's orders and whether they are in (never what)."""

    actor_name: str
    team_title: str
    submitted: bool
    changed: bool
    sits_out: bool


@dataclass(frozen=True, slots=True)
class RoundView:
    title: str
    number: int | None
    lines: tuple[OrderLine, ...]
    forms: tuple[OrderForm, ...]
    """The viewer's own forms (a team's actors; the facilitator's: the actors no team plays)."""
    missing: int
    """Acting actors whose orders are not in yet."""


@dataclass(frozen=True, slots=True)
class RevealedMove:
    actor_name: str
    team_title: str
    label: str | None
    """None: moved in secret (covert), or sat the round out."""
    number: int | None
    secret: bool
    sat_out: bool
    default: bool
    """The actor's default move, confirmed by the facilitator because no order came."""


@dataclass(frozen=True, slots=True)
class MetricChange:
    label: str
    before: float | None
    after: float | None
    """None for both: a hidden change."""


@dataclass(frozen=True, slots=True)
class RevealView:
    """The last round's reveal: every actor's move, what happened, the metrics that changed."""

    turn: int
    title: str
    moves: tuple[RevealedMove, ...]
    outcome: str
    """What happened, in words (the rule that fired)."""
    rule: int
    to_title: str
    changes: tuple[MetricChange, ...]


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
    value: float | None
    """None when the value is hidden from this viewer."""
    min: float | None
    max: float | None
    hidden: bool = False
    """Hidden from this viewer; for the facilitator: hidden from some teams (`visible_to`)."""


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
class PrivateNote:
    actor_name: str
    text: str


@dataclass(frozen=True, slots=True)
class Bulletin:
    seq: int
    turn: int
    title: str
    text: str
    audience: str
    """'everyone', or the actors it went to."""
    effects: str


@dataclass(frozen=True, slots=True)
class ArgumentView:
    number: int
    team_title: str
    actor_name: str
    action: str
    result: str
    reasons: tuple[str, ...]
    counters: tuple[tuple[str, tuple[str, ...]], ...]
    """(team title, its reasons) per counter-argument."""
    odds: str
    """The 2d6 target as it stands, in words."""
    ruling: str | None
    may_counter: Answer
    check: str | None = None
    """After a roll of the dice: a Python one-liner that prints them (anyone can check the roll)."""


@dataclass(frozen=True, slots=True)
class ForecastView:
    number: int
    question: str
    branches: tuple[str, ...]
    open: bool
    yours: tuple[float, ...] | None
    entered: tuple[str, ...]
    """Titles of the teams that have entered theirs."""
    spread: tuple[tuple[str, tuple[float, ...]], ...]
    """Once closed: (team title, its probabilities) for every team that entered."""
    median: tuple[float, ...]
    analyst: tuple[float, ...] | None
    """Once closed (or with the estimates shown): the analyst's estimate of each branch."""
    may_enter: Answer


@dataclass(frozen=True, slots=True)
class Signpost:
    where: str
    branch: str
    signs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indicators:
    """What would tell the class which way the crisis is going."""

    taken: tuple[Signpost, ...]
    """The branches taken so far."""
    open: tuple[Signpost, ...]
    """The branches open from here."""


@dataclass(frozen=True, slots=True)
class InjectLine:
    id: str
    title: str
    cue: str
    audience: str
    effects: str
    to_title: str | None
    fired: int
    repeatable: bool
    allowed: Answer


@dataclass(frozen=True, slots=True)
class WhiteCell:
    """What only the facilitator's view holds: the run sheet of injects and what may be done now."""

    injects: tuple[InjectLine, ...]
    may_close: Answer
    may_news: Answer
    may_open_forecast: Answer
    may_close_forecast: Answer
    may_roll_on_median: Answer


@dataclass(frozen=True, slots=True)
class GameView:
    """What one viewer's screen shows at one moment; nothing in it is private to another viewer."""

    viewer: Viewer
    scenario_title: str
    team: str | None
    team_title: str
    briefings: tuple[Briefing, ...]
    turn: int
    banner: str
    node_id: str
    node_title: str
    node_text: str
    kind: NodeKind
    private: tuple[PrivateNote, ...]
    your_move: bool
    """A decision this viewer makes now, or orders it still has to give."""
    options: tuple[SeatOption, ...]
    """The options of the decision this team has now; empty when it does not have the move."""
    rationale: RationaleBox | None
    round: RoundView | None
    reveal: RevealView | None
    odds: tuple[Odds, ...]
    """At a chance node, with the estimates shown: the odds of each available option."""
    estimates_shown: bool
    historical_shown: bool
    metrics: tuple[MetricValue, ...]
    path: tuple[str, ...]
    """Titles of the nodes the game went through, the current one last."""
    log: tuple[LogLine, ...]
    own_decisions: tuple[OwnDecision, ...]
    indicators: Indicators
    news: tuple[Bulletin, ...]
    arguments: tuple[ArgumentView, ...]
    forecast: ForecastView | None
    timer_seconds: float | None
    finished: bool
    ended: bool
    payoffs: tuple[tuple[str, float], ...]
    """(actor name, payoff) at the end of the game."""
    last_seq: int
    """The last event the view includes."""
    white_cell: WhiteCell | None = None
    dice_commitment: str = ""
    """The short commitment to the dice seed (`explorer.game.commitment`): public from the start."""
    dice_seed: int | None = None
    """The dice seed: the facilitator's, and everyone's at the debrief; None while it is sealed."""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (`explorer join --once --json`): kinds and viewers as their words."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, NodeKind):
        return value.text
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
