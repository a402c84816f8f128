"""Live reload: notice when a scenario's files change, load them again, and replay a walk onto the new graph.

For `explorer play --watch` and the explorer's reload key (the TUI side is built on this API):

    watch = ScenarioWatch(path, first=load_result)        # the files: the scenario and every include
    # every 0.25 s, on the UI thread (a few `stat` calls, no reading):
    if watch.changed():
        outcome = watch.reload(app.walk)                  # load + check + replay: run it in a thread worker
        # then, on the UI thread:
        if outcome.ok:       app.walk = outcome.replay.walk; say outcome.replay.summary (where it stopped, why)
        else:                show outcome.problems (FILE:LINE:COL and message) in an error panel; keep the walk
    # `watch.poll(walk)` does both steps at once (None when nothing changed), for tests and simple loops.

Why polling: a scenario is a handful of files, so one `os.stat` each per poll costs microseconds; it needs
no dependency, works the same on Linux, macOS and Windows and on mounted folders, and sees editors that
save by writing a new file and renaming it. A change is acted on once the files have stayed the same for
one more poll (`settle`), so a save caught half-written does not flash an error. A file touched without a
change (same bytes) is not reloaded: its content hash is compared when its size and times change.

The files watched are those of the first load, of the last load without errors, and of the latest load,
so that an include that a broken main file no longer names is still watched until the file is fixed.

Replaying: each step of the old walk is matched in the new graph by the option's `id` (when the author
gave one), else its label, else where it leads — never by position alone, which would silently take a
different move. The replay stops, and says why, at a node that is gone or is no longer where the walk
was, an option that is gone, locked in the new state, or leads elsewhere now.
"""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from explorer.format.models import NodeKind
from explorer.graph import ScenarioGraph
from explorer.loading import LoadResult, load_scenario
from explorer.problems import Problem
from explorer.walk import Dice, Step, Walk, WalkError

INTERVAL = 0.25
"""Suggested seconds between polls: a save shows within about two polls."""


# --- replaying a walk ---------------------------------------------------------------------


class StopReason(enum.Enum):
    """Why a replay stopped before the last step."""

    START_CHANGED = "the scenario starts somewhere else now"
    NODE_GONE = "the node is gone"
    OPTION_GONE = "the option is gone"
    LOCKED = "the option is locked now"
    LEADS_ELSEWHERE = "the option leads somewhere else now"
    DICE_CHANGED = "the odds changed"


@dataclass(frozen=True, slots=True)
class Stop:
    """Where a replay stopped: before step `step` (0-based) of the old walk, at `node_id`."""

    step: int
    node_id: str
    reason: StopReason
    detail: str
    """The specifics, in words (which option, the lock reason, the new target)."""


@dataclass(frozen=True)
class Replay:
    """A walk on the new graph that repeats as many moves of the old one as still apply."""

    walk: Walk
    replayed: int
    total: int
    stop: Stop | None = None

    @property
    def complete(self) -> bool:
        return self.stop is None

    @property
    def summary(self) -> str:
        """One line for a person: how far the replay got and, if it stopped, where and why."""
        if self.stop is None:
            return f"reloaded; replayed all {self.total} move(s)" if self.total else "reloaded"
        return f"reloaded; replayed {self.replayed} of {self.total} move(s): {self.stop.reason.value} — {self.stop.detail}"


def replay(old: ScenarioGraph, history: Sequence[Step], new: ScenarioGraph, *, seed: int | None = None,
           dice: Dice = Dice.SEQUENCE) -> Replay:
    """Repeat the moves of `history` (a walk on `old`) on `new`, as far as they still apply (a new walk
    numbering its dice draws as `dice` says)."""
    walk = Walk(new, seed, dice=dice)
    total = len(history)
    if history and history[0].node_id != new.start and not history[0].jump:
        detail = f"“{_title(new, new.start)}” ({new.start}) instead of {history[0].node_id}"
        return Replay(walk, 0, total, Stop(0, new.start, StopReason.START_CHANGED, detail))
    for number, step in enumerate(history):
        stop = _replay_step(old, new, walk, step, number)
        if stop is not None:
            taken = stop.reason in (StopReason.LEADS_ELSEWHERE, StopReason.DICE_CHANGED)
            return Replay(walk, number + 1 if taken else number, total, stop)
    return Replay(walk, total, total)


def _replay_step(old: ScenarioGraph, new: ScenarioGraph, walk: Walk, step: Step, number: int) -> Stop | None:
    if step.jump:
        if step.to not in new:
            return Stop(number, walk.node_id, StopReason.NODE_GONE, f"the jump went to {step.to}, which is gone")
        walk.jump(step.to)
        return None
    if walk.node_id != step.node_id:  # only after a move that led elsewhere, or a start that moved
        return Stop(number, walk.node_id, StopReason.NODE_GONE, f"the walk went on from {step.node_id}")
    if step.play is not None:
        return _replay_round(old, new, walk, step, number)
    index = _matching_option(old, new, step)
    label = f"“{step.label}”"
    if index is None:
        return Stop(number, step.node_id, StopReason.OPTION_GONE, f"at “{_title(new, step.node_id)}”, no option {label}")
    reason = new.lock_reason(new.actions(step.node_id)[index], walk.state)
    if reason is not None:
        return Stop(number, step.node_id, StopReason.LOCKED, f"at “{_title(new, step.node_id)}”, {label}: {reason}")
    try:
        if step.roll is not None and walk.kind == NodeKind.CHANCE:
            walk.repeat_roll(step.roll)  # the same draw, on the odds as they are now
        else:
            walk.take(index)
    except WalkError as exc:  # pragma: no cover - availability was checked above
        return Stop(number, step.node_id, StopReason.LOCKED, str(exc))
    if step.roll is not None and walk.history[-1].roll is None:
        walk.rolls_made += 1  # no longer a chance node: keep the dice sequence, so later rolls repeat too
    now = walk.history[-1]
    if now.roll is not None and now.index != index:
        detail = f"draw #{now.roll.number + 1} ({now.roll.value:.3f}) picks “{now.label}”, not {label}"
        return Stop(number, walk.node_id, StopReason.DICE_CHANGED, detail)
    if walk.node_id != step.to:
        detail = f"{label} now leads to “{_title(new, walk.node_id)}” ({walk.node_id}), not {step.to}"
        return Stop(number, walk.node_id, StopReason.LEADS_ELSEWHERE, detail)
    return None


def _replay_round(old: ScenarioGraph, new: ScenarioGraph, walk: Walk, step: Step, number: int) -> Stop | None:
    """A round again, each actor playing the move it played (matched by its id), whatever rule fires now."""
    assert step.play is not None
    before, after = old.node(step.node_id), new.node(step.node_id)
    where = f"at “{_title(new, step.node_id)}”"
    if after.KIND != NodeKind.ROUND:
        return Stop(number, step.node_id, StopReason.OPTION_GONE, f"{where}: it is no longer a round")
    picks: dict[str, int] = {}
    for actor, index in zip(step.play.actors, step.play.moves, strict=True):
        if index is None:
            continue
        move = before.moves[actor][index]
        found = [i for i, m in enumerate(after.moves.get(actor, ())) if m.id == move.id]
        if not found:
            return Stop(number, step.node_id, StopReason.OPTION_GONE, f"{where}, {actor} has no move “{move.label}”")
        picks[actor] = found[0]
    try:
        walk.resolve(picks)
    except WalkError as exc:
        return Stop(number, step.node_id, StopReason.LOCKED, f"{where}: {exc}")
    if walk.node_id != step.to:
        detail = f"the moves played now lead to “{_title(new, walk.node_id)}” ({walk.node_id}), not {step.to}"
        return Stop(number, walk.node_id, StopReason.LEADS_ELSEWHERE, detail)
    return None


def _matching_option(old: ScenarioGraph, new: ScenarioGraph, step: Step) -> int | None:
    """The new index of the option taken in `step`: by explicit id, else label, else target."""
    if step.node_id not in new:
        return None
    options = new.node(step.node_id).options
    before = old.node(step.node_id).options[step.index] if step.node_id in old and step.index < len(old.node(step.node_id).options) else None
    tests: list[Callable[[int], bool]] = []
    if before is not None and before.id is not None:
        tests.append(lambda i: options[i].id == before.id)
    tests.append(lambda i: options[i].label == step.label)
    tests.append(lambda i: options[i].to == step.to)
    for test in tests:
        found = [i for i in range(len(options)) if test(i)]
        if len(found) == 1:
            return found[0]
    return None


def _title(graph: ScenarioGraph, node_id: str) -> str:
    return graph.node(node_id).title if node_id in graph else node_id


# --- watching the files -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stamp:
    """What one poll saw of a file: cheap `stat` fields (None when it is missing)."""

    stat: tuple[int, int, int, int] | None


def _stamp(path: str) -> _Stamp:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return _Stamp(None)
    return _Stamp((st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))


def _digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Reload:
    """The outcome of loading the scenario again."""

    result: LoadResult
    changed: tuple[str, ...]
    """The files whose content changed (or appeared, or went missing)."""
    replay: Replay | None = None
    """The walk replayed on the new graph; None when the load has errors (keep the old walk) or no walk was given."""

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def problems(self) -> list[Problem]:
        """Errors first, then warnings; each with its file, line and column."""
        return self.result.problems.sorted()


@dataclass
class ScenarioWatch:
    """Watches the files of one scenario and loads it again when they change."""

    path: Path
    first: LoadResult | None = None
    settle: bool = True
    """Act on a change only when a second poll sees the same files (a save caught half-written is not loaded)."""
    loader: Callable[[Path], LoadResult] = load_scenario
    result: LoadResult = field(init=False)
    good: LoadResult | None = field(init=False)
    """The latest load without errors (the graph the walk is on)."""
    _seen: dict[str, _Stamp] = field(init=False, default_factory=dict)
    _digests: dict[str, str | None] = field(init=False, default_factory=dict)
    _pending: dict[str, _Stamp] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.result = self.first if self.first is not None else self.loader(self.path)
        self.good = self.result if self.result.ok else None
        self._remember(self.files)

    @property
    def files(self) -> tuple[str, ...]:
        """The files watched: the scenario and the includes of the first, the last good and the latest load."""
        names = [str(self.path), *(self.first.files if self.first else ()), *(self.good.files if self.good else ()), *self.result.files]
        return tuple(dict.fromkeys(names))

    def _remember(self, files: Sequence[str]) -> None:
        self._seen = {f: _stamp(f) for f in files}
        self._digests = {f: _digest(f) for f in files}

    def changed(self) -> bool:
        """Whether a file changed since the last load (only `stat` calls; with `settle`, True on the poll after
        the change, once the files have stayed the same)."""
        now = {f: _stamp(f) for f in self.files}
        if now == self._seen:
            self._pending = None
            return False
        if self.settle and now != self._pending:
            self._pending = now
            return False
        self._pending = None
        moved = [f for f in now if now[f] != self._seen.get(f)]
        if all(_digest(f) == self._digests.get(f) for f in moved):  # touched, not changed
            self._seen.update({f: now[f] for f in moved})
            return False
        return True

    def reload(self, walk: Walk | None = None) -> Reload:
        """Load the scenario again; with a `walk` on the last good graph, replay it on the new one."""
        before = dict(self._digests)
        self.result = self.loader(self.path)
        if self.result.ok:
            self.good = self.result
        self._remember(self.files)
        changed = tuple(f for f in self.files if self._digests.get(f) != before.get(f))
        if not self.result.ok or walk is None or self.result.graph is None:
            return Reload(self.result, changed)
        return Reload(self.result, changed, replay(walk.graph, walk.history, self.result.graph, seed=walk.seed,
                                                   dice=walk.dice))

    def poll(self, walk: Walk | None = None) -> Reload | None:
        """`reload(walk)` when `changed()`, else None."""
        return self.reload(walk) if self.changed() else None
