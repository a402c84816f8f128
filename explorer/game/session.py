"""`GameSession`: the one object a game screen talks to.

It answers whose turn it is and what each seat may do (`can`, with the reason when not), and turns
every action into events committed to the store: decisions, rolls, overrides, jumps, undo and the
timer here; a round's orders, close and reveal in `session_rounds`; news, argued moves, forecasts
and what the facilitator shows in `session_class`. The state it shows is always the replay of the
committed events, never anything kept beside them; every rule is checked under the store's write
lock against everything committed (`SessionCore._write`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from explorer import __version__
from explorer.format.models import NodeKind
from explorer.game import rules
from explorer.game.answers import Act
from explorer.game.commitment import random_seed
from explorer.game.dice import DiceRoll
from explorer.game.errors import GameError, MoveRefused, ScenarioChanged
from explorer.game.estimates import option_estimates
from explorer.game.events import (
    FACILITATOR,
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
from explorer.game.session_class import ClassActions
from explorer.game.session_core import MAX_TEXT, SessionCore, clean_text, required_text
from explorer.game.session_rounds import RoundActions
from explorer.game.store import GameMeta, Store
from explorer.game.teams import Teams
from explorer.graph import ScenarioGraph

if TYPE_CHECKING:
    from explorer.loading import LoadResult

__all__ = ["MAX_TEXT", "GameSession"]


class GameSession(RoundActions, ClassActions, SessionCore):
    """A game being played: the store, the scenario graph and the state replayed from the events.

    `seat` is who acts through this session: the facilitator (who may do everything but give a
    team's orders, and on a shared screen enters every team's decisions), a team name (who may act
    only for its own actors), or the shared screen (`privacy.SHARED`, who only watches). Every
    action takes an optional `turn`: the turn the player saw; a move made for a turn that is over
    raises `StaleTurn` and leaves the game as it is.
    """

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
        seed = random_seed() if seed is None else int(seed)
        scenario = graph.scenario
        meta = GameMeta(
            scenario.id, scenario.title, str(Path(load.path).resolve()), scenario_files(load.path, load.files),
            _hash(load.path, load.files), seed, timer, created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            explorer_version=__version__,
        )
        hidden = {m: list(x.visible_to) for m, x in scenario.metrics.items() if x.visible_to is not None}
        started = Started(scenario.id, scenario.title, meta.scenario_hash, seed, timer, teams.as_json(),
                          {a: actor.name for a, actor in scenario.actors.items()}, hidden)
        store = Store.create(store_path, meta, teams, started, graph.start, graph.state_dict(graph.initial_state))
        return cls(store, graph)

    @classmethod
    def resume(cls, store_path: str | os.PathLike[str], *, scenario: str | os.PathLike[str] | None = None,
               force: bool = False, seat: str = FACILITATOR, log: bool = True) -> GameSession:
        """Open a stored game where it stopped.

        The scenario is read from where the game was created, or from `scenario`. When its
        files changed since, `ScenarioChanged` is raised, unless `force`, which adds a warning.
        A facilitator's resume of a game still running is logged (`log`); a finished game gains no event.
        """
        store = Store.open(store_path)
        try:
            session, changed = cls._open(store, scenario, force, seat)
            if log and seat == FACILITATOR and not session.ended:  # a finished game's log stays as it ended
                session._one(None, lambda: session._draft(Resumed(session.scenario_hash, changed)))
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
        if current != store.meta.scenario_hash and current not in _forced_hashes(store):
            message = (f"the scenario {path} has changed since this game was started "
                       f"({store.meta.created}): its content hash differs")
            if not force:
                raise ScenarioChanged(message + (
                    "; use --force to go on anyway with the changed scenario" if seat == FACILITATOR else
                    "; the facilitator decides whether the game goes on with it (explorer game --resume "
                    f"{store.path} --force), and then teams can join again"))
            warnings.append(message + "; going on anyway (--force)")
        session = cls(store, load.graph, seat=seat)
        session.warnings[:0] = warnings
        session.scenario_hash = current
        return session, bool(warnings)

    # --- acting -----------------------------------------------------------------------
    def decide(self, option: int, rationale: str | None, *, turn: int | None = None) -> Event:
        """The deciding team takes option `option` (0-based); a None or blank rationale is a logged skip."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.DECIDE))
            estimates = option_estimates(self.state.walk)
            step = self._try(lambda w: w.take(option))
            body = Decided(option, step.label, step.to, clean_text(rationale, "rationale") or None, estimates,
                           self.state.table.estimates_shown and estimates is not None)
            return self._draft(body, state=step.after, team=self.team, actor=self.actor)

        return self._one(turn, build)

    def roll(self, *, turn: int | None = None, on_median: bool = False) -> DiceRoll:
        """The facilitator rolls the seeded dice at a chance node (on the class median of the last
        closed forecast of this node, with `on_median`); the record explains the roll."""
        found: list[DiceRoll] = []

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.ROLL_ON_MEDIAN if on_median else Act.ROLL))
            odds, basis = None, "analyst"
            if on_median:
                forecast = rules.last_forecast_here(self)
                median = forecast.closed.body.median
                available = {v.index for v in self.options() if v.available}
                total = sum(p for i, p in enumerate(median) if i in available)
                if total <= 0:
                    raise MoveRefused("the class median gives every available branch 0: roll on the analyst's odds")
                odds, basis = {i: p / total for i, p in enumerate(median) if i in available and p > 0}, "class median"
            from explorer.game import dice

            step, record = self._try(lambda w: dice.roll(w, odds, basis))
            found.append(record)
            return self._draft(record.body(), state=step.after)

        self._one(turn, build)
        return found[-1]

    def override(self, option: int, reason: str, *, turn: int | None = None) -> Event:
        """The facilitator replaces the last roll's result with option `option`, giving a reason."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.OVERRIDE))
            last = self.state.last_roll()
            assert last is not None
            why = required_text(reason, "an override")
            if option == last.step.index:
                raise MoveRefused("the dice already picked that option")
            step = self._try(lambda w: (w.back(), w.take(option))[1])
            body = Overridden(option, step.label, step.to, why, last.step.index, last.step.label)
            return self._draft(body, state=step.after)

        return self._one(turn, build)

    def inject(self, node_id: str, reason: str, *, turn: int | None = None) -> Event:
        """The facilitator moves the game to any node (metrics kept), giving a reason."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.JUMP))
            why = required_text(reason, "an inject")
            step = self._try(lambda w: w.jump(node_id))
            return self._draft(Injected(node_id, self.graph.node(node_id).title, why), state=step.after)

        return self._one(turn, build)

    def undo(self, reason: str | None = None, *, turn: int | None = None) -> Event:
        """The facilitator takes back the last move (logged, with an optional reason)."""

        def build():  # type: ignore[no-untyped-def]
            self._require(self.can(Act.UNDO))
            last = self.state.entries[-1]
            undone = (f"the move of turn {last.event.turn}: “{last.step.label}” at "
                      f"“{self.graph.node(last.step.node_id).title}”")
            body = Undone(clean_text(reason, "reason") or None, undone, last.step.node_id)
            return self._draft(body, state=last.step.before, team=last.event.team, actor=last.event.actor)

        return self._one(turn, build)

    def start_timer(self, *, turn: int | None = None) -> Event | None:
        """Start this turn's countdown (at a decision or a round, with a timer set); None when it already runs."""
        seconds = self.meta.timer
        if not seconds or self.kind not in (NodeKind.DECISION, NodeKind.ROUND) or self.state.timer is not None:
            return None
        if self.ended or self.seat != FACILITATOR:
            return None
        return self._one(turn, lambda: self._draft(TimerStarted(seconds), team=self.team, actor=self.actor))

    def expire_timer(self, *, turn: int | None = None) -> Event | None:
        """Log that this turn's timer ran out (once); None when no timer runs or it already expired."""
        timer = self.state.timer
        if timer is None or timer.expired:
            return None
        return self._one(turn, lambda: self._draft(TimerExpired(timer.seconds), team=self.team, actor=self.actor))


def _hash(main: str, files: Sequence[str]) -> str:
    try:
        return scenario_hash(main, files)
    except OSError as exc:
        raise GameError(f"cannot read the scenario's files: {exc.strerror or exc}") from None


def _forced_hashes(store: Store) -> set[str]:
    """The scenario versions the facilitator went on with (`explorer game --resume --force`), which every
    seat then accepts too (read only when the scenario differs from the one the game started with)."""
    return {e.body.scenario_hash for e in store.events() if isinstance(e.body, Resumed) and e.body.forced}
