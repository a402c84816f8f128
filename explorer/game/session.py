"""`GameSession`: the one object a game screen talks to.

It answers whose turn it is and what they see, and turns every action (decide, roll,
override, inject, undo, timer) into an event committed to the store; the state it shows is
always the replay of the committed events, never anything kept beside them.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer import __version__
from explorer.actions import State
from explorer.format.models import NodeKind
from explorer.game.briefing import Briefing, read_briefing
from explorer.game.dice import DiceRoll
from explorer.game.errors import GameError, MoveRefused, ScenarioChanged, StaleTurn, StoreError
from explorer.game.events import (
    FACILITATOR,
    Body,
    Decided,
    Event,
    Injected,
    Overridden,
    Resumed,
    Started,
    TimerExpired,
    TimerStarted,
    Undone,
)
from explorer.game.fingerprint import scenario_files, scenario_hash
from explorer.game.privacy import describe_for
from explorer.game.state import Entry, GameState, Timer
from explorer.game.store import GameMeta, Store
from explorer.game.teams import Teams, banner
from explorer.graph import ScenarioGraph
from explorer.walk import OptionView, WalkError

if TYPE_CHECKING:
    from explorer.loading import LoadResult

MAX_TEXT = 4000
"""Longest rationale or reason accepted, in characters."""


class GameSession:
    """A game being played: the store, the scenario graph and the state replayed from the events.

    `seat` is who acts through this session: the facilitator (who may do everything, and on a
    shared screen enters every team's decisions) or a team name (who may only decide for its
    own actors). Every action takes an optional `turn`: the turn the player saw; a move made
    for a turn that is over raises `StaleTurn` and leaves the game as it is.
    """

    def __init__(self, store: Store, graph: ScenarioGraph, *, seat: str = FACILITATOR) -> None:
        if seat != FACILITATOR and seat not in store.teams.members:
            raise GameError(f"there is no team '{seat}' in this game")
        self.store = store
        self.graph = graph
        self.seat = seat
        self.warnings: list[str] = []
        self.scenario_hash = store.meta.scenario_hash
        """The hash of the scenario as it is now (it differs from the stored one after --force)."""
        self.state = GameState(graph, store.meta.seed)
        self.refresh()

    # --- making and opening games -----------------------------------------------------
    @classmethod
    def create(cls, load: LoadResult, store_path: str | os.PathLike[str], *, teams: Teams | None = None,
               seed: int | None = None, timer: float | None = None) -> GameSession:
        """Start a game of a loaded scenario (`explorer.loading.LoadResult`) in a new store file."""
        graph: ScenarioGraph = load.graph
        if graph is None:
            raise GameError("the scenario has errors; fix them first (explorer check)")
        if timer is not None and not 0 < timer <= 24 * 3600:
            raise GameError("the turn timer must be between 1 second and 24 hours")
        teams = teams or Teams()
        seed = random.SystemRandom().randrange(1_000_000) if seed is None else int(seed)
        scenario = graph.scenario
        meta = GameMeta(
            scenario.id, scenario.title, str(Path(load.path).resolve()), scenario_files(load.path, load.files),
            _hash(load.path, load.files), seed, timer, created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            explorer_version=__version__,
        )
        started = Started(scenario.id, scenario.title, meta.scenario_hash, seed, timer, teams.as_json(),
                          {a: actor.name for a, actor in scenario.actors.items()})
        store = Store.create(store_path, meta, teams, started, graph.start, graph.state_dict(graph.initial_state))
        return cls(store, graph)

    @classmethod
    def resume(cls, store_path: str | os.PathLike[str], *, scenario: str | os.PathLike[str] | None = None,
               force: bool = False, seat: str = FACILITATOR, log: bool = True) -> GameSession:
        """Open a stored game where it stopped.

        The scenario is read from where the game was created, or from `scenario`. When its
        files changed since, `ScenarioChanged` is raised, unless `force`, which adds a warning.
        A facilitator's resume is logged (`log`).
        """
        store = Store.open(store_path)
        try:
            session, changed = cls._open(store, scenario, force, seat)
            if log and seat == FACILITATOR:
                session._commit(Resumed(session.scenario_hash, changed), turn=None, team=None, actor=None)
            return session
        except BaseException:
            store.close()
            raise

    @classmethod
    def _open(cls, store: Store, scenario: str | os.PathLike[str] | None, force: bool,
              seat: str) -> tuple[GameSession, bool]:
        from explorer.loading.cache import load_valid_cached

        path = Path(scenario) if scenario is not None else Path(store.meta.scenario_path)
        if not path.is_file():
            raise GameError(f"the game's scenario {path} is not there any more; say where it is now "
                            "(explorer game --resume FILE PATH, explorer report FILE --scenario PATH)")
        load = load_valid_cached(path)
        if not load.ok:
            first = "; ".join(str(p) for p in load.problems.sorted()[:3])
            raise GameError(f"the game's scenario {path} has errors now: {first}")
        current = _hash(load.path, load.files)
        warnings = []
        if current != store.meta.scenario_hash:
            message = (f"the scenario {path} has changed since this game was started "
                       f"({store.meta.created}): its content hash differs")
            if not force:
                raise ScenarioChanged(message + "; use --force to go on anyway with the changed scenario")
            warnings.append(message + "; going on anyway (--force)")
        session = cls(store, load.graph, seat=seat)
        session.warnings[:0] = warnings
        session.scenario_hash = current
        return session, bool(warnings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> GameSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> list[Event]:
        """Apply events other processes committed since the last look; returns them."""
        new = self.store.events(after=self.state.last_seq)
        for event in new:
            self.state.apply(event)
        for warning in self.state.warnings:
            if warning not in self.warnings:
                self.warnings.append(warning)
        return new

    # --- what the players see ---------------------------------------------------------
    @property
    def meta(self) -> GameMeta:
        return self.store.meta

    @property
    def teams(self) -> Teams:
        return self.store.teams

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
        return self.state.walk.is_over

    @property
    def actor(self) -> str | None:
        """The actor deciding now (None at a chance node or an outcome)."""
        return self.node.actor

    @property
    def team(self) -> str | None:
        """The team deciding now; None when the facilitator has the move."""
        return self.teams.team_of(self.actor) if self.actor else None

    @property
    def to_move(self) -> str:
        """The seat that has the move: a team name or the facilitator."""
        return self.team or FACILITATOR

    @property
    def banner(self) -> str:
        """Whose move it is, in the words shown to the class."""
        if self.finished:
            return f"Game over — {self.node.title}"
        if self.kind == NodeKind.CHANCE:
            return "Facilitator — the dice decide"
        return banner(self.team, self.actor_name(self.actor))

    def actor_name(self, actor: str | None) -> str:
        found = self.graph.scenario.actors.get(actor or "")
        return found.name if found else (actor or "")

    def briefing(self, actor: str | None = None) -> Briefing:
        """The briefing of `actor` (default: the one deciding), if this seat may read it."""
        return read_briefing(self.graph, self.teams, self.seat, actor or self.actor)

    def options(self) -> list[OptionView]:
        return self.state.walk.options()

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
        return describe_for(self.seat, event, {a: x.name for a, x in self.graph.scenario.actors.items()}, self.finished)

    # --- acting -----------------------------------------------------------------------
    def decide(self, option: int, rationale: str | None, *, turn: int | None = None) -> Event:
        """The deciding team takes option `option` (0-based); a None or blank rationale is a logged skip."""
        self._check(turn)
        if self.kind != NodeKind.DECISION:
            raise MoveRefused("no one decides here: " + ("the game is over" if self.finished else "the facilitator rolls"))
        if self.seat not in (FACILITATOR, self.to_move):
            raise MoveRefused(f"it is not your turn: {self.banner}")
        step = self._try(lambda w: w.take(option))
        body = Decided(option, step.label, step.to, _text(rationale, "rationale") or None)
        return self._commit(body, turn=turn, state=step.after)

    def roll(self, *, turn: int | None = None) -> DiceRoll:
        """The facilitator rolls the seeded dice at a chance node; the record explains the roll."""
        self._facilitator("roll the dice", turn)
        if self.kind != NodeKind.CHANCE:
            raise MoveRefused("the dice are rolled only at chance nodes")
        step = self._try(lambda w: w.roll())
        record = DiceRoll.from_step(self.graph, step)
        self._commit(record.body(), turn=turn, state=step.after)
        return record

    def override(self, option: int, reason: str, *, turn: int | None = None) -> Event:
        """The facilitator replaces the last roll's result with option `option`, giving a reason."""
        self._facilitator("override a roll", turn)
        last = self.state.last_roll()
        if last is None:
            raise MoveRefused("there is no roll to override: the last move was not a roll")
        reason = _required(reason, "an override")
        if option == last.step.index:
            raise MoveRefused("the dice already picked that option")
        step = self._try(lambda w: (w.back(), w.take(option))[1])
        body = Overridden(option, step.label, step.to, reason, last.step.index, last.step.label)
        return self._commit(body, turn=turn, state=step.after)

    def inject(self, node_id: str, reason: str, *, turn: int | None = None) -> Event:
        """The facilitator moves the game to any node (metrics kept), giving a reason."""
        self._facilitator("inject", turn)
        reason = _required(reason, "an inject")
        step = self._try(lambda w: w.jump(node_id))
        body = Injected(node_id, self.graph.node(node_id).title, reason)
        return self._commit(body, turn=turn, state=step.after)

    def undo(self, reason: str | None = None, *, turn: int | None = None) -> Event:
        """The facilitator takes back the last move (logged, with an optional reason)."""
        self._facilitator("undo", turn)
        if not self.state.entries:
            raise MoveRefused("there is nothing to undo: the game is at its start")
        last = self.state.entries[-1]
        undone = f"the move of turn {last.event.turn}: “{last.step.label}” at “{self.graph.node(last.step.node_id).title}”"
        body = Undone(_text(reason, "reason") or None, undone, last.step.node_id)
        return self._commit(body, turn=turn, state=last.step.before, team=last.event.team, actor=last.event.actor)

    def start_timer(self, *, turn: int | None = None) -> Event | None:
        """Start this turn's countdown (a decision, with a timer set); None when it already runs."""
        seconds = self.meta.timer
        if not seconds or self.kind != NodeKind.DECISION or self.state.timer is not None:
            return None
        return self._commit(TimerStarted(seconds), turn=turn)

    def expire_timer(self, *, turn: int | None = None) -> Event | None:
        """Log that this turn's timer ran out (once); None when no timer runs or it already expired."""
        timer = self.state.timer
        if timer is None or timer.expired:
            return None
        return self._commit(TimerExpired(timer.seconds), turn=turn)

    # --- internals --------------------------------------------------------------------
    def _check(self, turn: int | None) -> None:
        if turn is not None and turn != self.turn:
            self.refresh()
            if turn != self.turn:
                raise StaleTurn(turn, self.turn, self._since(turn))

    def _facilitator(self, what: str, turn: int | None) -> None:
        self._check(turn)
        if self.seat != FACILITATOR:
            raise MoveRefused(f"only the facilitator may {what}")

    def _try(self, move: Any) -> Any:
        try:
            return move(self.state.scratch())
        except WalkError as exc:
            raise MoveRefused(str(exc)) from None

    def _commit(self, body: Body, *, turn: int | None, state: State | None = None, **who: str | None) -> Event:
        """Append `body` made for `turn` (default: the turn this session is at), then replay it from the store.

        A `Resumed` body with `turn=None` is not checked against any turn. `who` may give the
        event's `team` and `actor` (default: the team and actor deciding now).
        """
        expected = turn if turn is not None or isinstance(body, Resumed) else self.turn
        values = self.graph.state_dict(state if state is not None else self.state.walk.state)
        team, actor = who.get("team", self.team), who.get("actor", self.actor)
        try:
            event = self.store.append(body, turn=expected, seat=self.seat, team=team, actor=actor,
                                      node=self.node_id, state=values)
        except StaleTurn as exc:
            self.refresh()
            raise StaleTurn(exc.expected, exc.current, self._since(exc.expected)) from None
        self.refresh()
        if self.state.last_seq < event.seq:
            raise StoreError("the event just written cannot be read back")
        return event

    def _since(self, turn: int) -> str:
        """What changed since `turn`, in words (the moves made for it and after)."""
        moves = [self.describe(e) for e in self.state.events if e.advances and e.turn >= turn]
        where = f"the game is now at “{self.node.title}” ({self.banner})"
        return "; ".join([*moves[-3:], where])


def _hash(main: str, files: Sequence[str]) -> str:
    try:
        return scenario_hash(main, files)
    except OSError as exc:
        raise GameError(f"cannot read the scenario's files: {exc.strerror or exc}") from None


def _text(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise MoveRefused(f"the {what} is {len(text)} characters long; keep it under {MAX_TEXT}")
    return text


def _required(value: str | None, what: str) -> str:
    text = _text(value, "reason")
    if not text:
        raise MoveRefused(f"{what} needs a stated reason")
    return text

