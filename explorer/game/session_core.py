"""The part of `GameSession` every action shares: the store, the replayed state, and the one way to
write — read what others committed, check the rules against it, write, all under the write lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from explorer.actions import State
from explorer.format.models import NodeKind
from explorer.game import rules
from explorer.game.answers import Act, Answer
from explorer.game.briefing import Briefing, read_briefing
from explorer.game.errors import GameError, MoveRefused, StaleTurn, StoreError
from explorer.game.events import FACILITATOR, Body, Event
from explorer.game.privacy import SHARED, Viewer, describe_for
from explorer.game.state import Entry, GameState, Timer
from explorer.game.store import Draft, GameMeta, Store
from explorer.game.teams import Teams, banner
from explorer.game.view_cache import ViewCache
from explorer.graph import ScenarioGraph
from explorer.walk import ActorMoves, OptionView, Walk, WalkError

MAX_TEXT = 4000
"""Longest rationale, reason or argument accepted, in characters."""


class SessionCore:
    """A game being played: the store, the scenario graph and the state replayed from the events.

    `seat` is who acts through this session: the facilitator, or a team name. Every action takes
    an optional `turn`: the turn the player saw; a move made for a turn that is over raises
    `StaleTurn` and leaves the game as it is.
    """

    def __init__(self, store: Store, graph: ScenarioGraph, *, seat: str = FACILITATOR) -> None:
        if seat not in (FACILITATOR, SHARED) and seat not in store.teams.members:
            raise GameError(f"there is no team '{seat}' in this game")
        self.store = store
        self.graph = graph
        self.seat = seat
        self.warnings: list[str] = []
        self.scenario_hash = store.meta.scenario_hash
        """The hash of the scenario as it is now (it differs from the stored one after --force)."""
        self.state = GameState(graph, store.meta.seed)
        self.view_cache = ViewCache()
        """What this seat's views keep between builds (`explorer.game.views.game_view`)."""
        self.refresh()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self, known: Sequence[Event] = ()) -> list[Event]:
        """Apply events other processes committed since the last look; returns them.

        `known`: a batch a `Watch` just read (every event after some seq, oldest first). When it
        reaches back to this session's last event, its newer events are applied without reading the
        store again (a later commit rings the watch again); otherwise the store is read."""
        last = self.state.last_seq
        if known and known[0].seq <= last + 1:
            new = [e for e in known if e.seq > last]
        else:
            new = self.store.events(after=last)
        self._apply(new)
        return new

    def _apply(self, events: Sequence[Event]) -> None:
        for event in events:
            self.state.apply(event)
        for warning in self.state.warnings:
            if warning not in self.warnings:
                self.warnings.append(warning)

    # --- where the game is ------------------------------------------------------------
    @property
    def meta(self) -> GameMeta:
        return self.store.meta

    @property
    def teams(self) -> Teams:
        return self.store.teams

    @property
    def viewer(self) -> Viewer:
        return Viewer.of(self.seat)

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def node_id(self) -> str:
        return self.state.node_id

    @property
    def node(self) -> Any:
        return self.state.walk.node

    @property
    def kind(self) -> NodeKind:
        return self.state.walk.kind

    @property
    def finished(self) -> bool:
        """The game reached an outcome."""
        return self.state.walk.is_over

    @property
    def ended(self) -> bool:
        """The game is over for the class: it reached an outcome, or the facilitator ended it."""
        return self.finished or self.state.table.ended is not None

    @property
    def actor(self) -> str | None:
        """The actor deciding now (None at a chance node, a round or an outcome)."""
        return self.node.actor

    @property
    def team(self) -> str | None:
        """The team deciding now; None when the facilitator has the move (or at a round, everyone)."""
        return self.teams.team_of(self.actor) if self.actor else None

    @property
    def to_move(self) -> str:
        """The seat that has the move at a decision: a team name or the facilitator."""
        return self.team or FACILITATOR

    @property
    def banner(self) -> str:
        """Whose move it is, in the words shown to the class."""
        if self.finished:
            return f"Game over — {self.node.title}"
        if self.state.table.ended is not None:
            return f"Game ended by the facilitator at “{self.node.title}”"
        if self.kind == NodeKind.CHANCE:
            return "Facilitator — the dice decide"
        if self.kind == NodeKind.ROUND:
            number = getattr(self.node, "turn", None)
            return f"Round {number} — every team gives its orders" if number else "A round — every team gives its orders"
        return banner(self.team, self.actor_name(self.actor))

    def actor_name(self, actor: str | None) -> str:
        found = self.graph.scenario.actors.get(actor or "")
        return found.name if found else (actor or "")

    @property
    def actor_names(self) -> dict[str, str]:
        return {a: x.name for a, x in self.graph.scenario.actors.items()}

    def briefing(self, actor: str | None = None) -> Briefing:
        """The briefing of `actor` (default: the one deciding), if this seat may read it."""
        return read_briefing(self.graph, self.teams, self.seat, actor or self.actor)

    def options(self) -> list[OptionView]:
        return self.state.walk.options()

    def round_moves(self) -> tuple[ActorMoves, ...]:
        """At a round: every actor's moves (locked ones with the reason) and its default."""
        return self.state.walk.round_moves()

    def odds(self) -> dict[int, float]:
        return self.state.walk.odds()

    @property
    def metrics(self) -> dict[str, float]:
        return self.state.walk.metrics

    @property
    def entries(self) -> list[Entry]:
        return list(self.state.entries)

    @property
    def events(self) -> list[Event]:
        return list(self.state.events)

    def payoffs(self) -> dict[str, float]:
        return self.state.walk.payoffs() if self.finished else {}

    @property
    def timer(self) -> Timer | None:
        return self.state.timer

    def timer_remaining(self, now: dt.datetime | None = None) -> float | None:
        """Seconds left on this turn's timer; None when no timer runs."""
        return self.state.timer.remaining(now) if self.state.timer else None

    def describe(self, event: Event) -> str:
        """The event in words, as this seat may read it (see `explorer.game.privacy`)."""
        return describe_for(self.viewer, event, self.privacy_context())

    def privacy_context(self) -> Any:
        from explorer.game.privacy import Context

        return Context.of(self)

    # --- the rules --------------------------------------------------------------------
    def can(self, act: Act, target: str | int | None = None) -> Answer:
        """May this seat do `act` now (to `target`: an actor, an argued move's number, an inject's id)?
        Not: the answer says why, in words (`explorer.game.rules`)."""
        return rules.answer(self, act, target)

    # --- writing ----------------------------------------------------------------------
    def _write(self, turn: int | None, build: Callable[[], list[Draft]]) -> list[Event]:
        """Under the store's write lock: take in what other seats committed, check that the game is
        still at `turn` (the turn the player saw; default: the turn this session shows now), let
        `build` check its rules against that state and draft the events, write them, and apply them."""
        turn = self.state.turn if turn is None else turn

        def drafted(new: list[Event], current: int) -> list[Draft]:
            self._apply(new)
            if turn != self.state.turn:
                raise StaleTurn(turn, self.state.turn, self._since(turn))
            return build()

        try:
            written = self.store.transact(self.state.last_seq, drafted)
        except StaleTurn as exc:
            if exc.what_changed:
                raise
            self.refresh()
            raise StaleTurn(exc.expected, exc.current, self._since(exc.expected)) from None
        self._apply(written)
        if written and self.state.last_seq < written[-1].seq:
            raise StoreError("the event just written cannot be read back")
        return written

    def _draft(self, body: Body, *, state: State | None = None, team: str | None = None,
               actor: str | None = None) -> Draft:
        """An event by this seat at the current node; `state`: the metrics after it (default: as now)."""
        values = self.graph.state_dict(state if state is not None else self.state.walk.state)
        return Draft(body, self.seat, team, actor, self.node_id, values)

    def _one(self, turn: int | None, build: Callable[[], Draft]) -> Event:
        return self._write(turn, lambda: [build()])[0]

    @staticmethod
    def _require(answer: Answer) -> None:
        if not answer:
            raise MoveRefused(answer.reason)

    def _try(self, move: Callable[[Walk], Any]) -> Any:
        try:
            return move(self.state.scratch())
        except WalkError as exc:
            raise MoveRefused(str(exc)) from None

    def _since(self, turn: int) -> str:
        """What changed since `turn`, in words (the moves made for it and after)."""
        moves = [self.describe(e) for e in self.state.events if e.advances and e.turn >= turn]
        where = f"the game is now at “{self.node.title}” ({self.banner})"
        return "; ".join([*moves[-3:], where])


def clean_text(value: str | None, what: str) -> str:
    """`value` stripped; `MoveRefused` when it is longer than `MAX_TEXT`."""
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise MoveRefused(f"the {what} is {len(text)} characters long; keep it under {MAX_TEXT}")
    return text


def required_text(value: str | None, what: str, noun: str = "reason") -> str:
    text = clean_text(value, noun)
    if not text:
        raise MoveRefused(f"{what} needs a stated {noun}")
    return text
