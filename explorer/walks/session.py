"""One person's solo walk, the object the explorer's screens talk to: every move goes through it, so
that it is saved as it goes (`Journal`), and it keeps what the session has seen (nodes, endings),
the notes on any step, and a walk marked for comparison.

A note belongs to a position: the position after a given sequence of steps (`PositionKey`). Going
back and taking the same steps again finds the note again; notes on positions off the current path
are kept (and exported) too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.graph import ScenarioGraph
from explorer.walk import Dice, Step, Walk, WalkError
from explorer.walks.journal import Header, Journal, JournalError, new_path, read

PositionKey = tuple[tuple[str, int, str], ...]
"""A position as the steps that lead to it: (node id, option or rule index, where it led) each."""
MAX_NOTE = 4000
"""Characters kept of a note."""


def position_key(history: Sequence[Step]) -> PositionKey:
    return tuple((s.node_id, s.index, s.to) for s in history)


@dataclass(frozen=True)
class Snapshot:
    """A walk as it was when marked for comparison."""

    history: tuple[Step, ...]
    node_id: str
    state: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Resumed:
    """How a saved walk came back: how many of its actions replayed, and why it stopped if it did."""

    replayed: int
    total: int
    stopped: str = ""
    torn: bool = False
    scenario_changed: bool = False
    """The scenario's files are not those the walk was saved with (its moves replay by their position)."""

    @property
    def summary(self) -> str:
        text = f"resumed: {self.replayed} of {self.total} action(s) replayed"
        if self.stopped:
            text += f"; stopped: {self.stopped}"
        if self.torn:
            text += "; the last action was cut short when the explorer stopped, and is left out"
        if self.scenario_changed:
            text += "; the scenario changed since the walk was saved: its moves were replayed by their number"
        return text


@dataclass
class WalkSession:
    """A solo walk with its journal, notes, sightings and comparison mark."""

    graph: ScenarioGraph
    seed: int | None = None
    journal: Journal | None = None
    walk: Walk = field(init=False)
    seen: set[str] = field(default_factory=set)
    """Every node the session has been at."""
    taken: set[tuple[str, int]] = field(default_factory=set)
    """Every branch the session took: (node id, option index, or at a round the rule that fired)."""
    endings: dict[str, int] = field(default_factory=dict)
    """Outcome id → how many times the session reached it, in the order first reached."""
    notes: dict[PositionKey, str] = field(default_factory=dict)
    marked: Snapshot | None = None

    def __post_init__(self) -> None:
        self.walk = Walk(self.graph, self.seed, dice=Dice.PATH)
        self.seed = self.walk.seed
        self.seen.add(self.walk.node_id)

    # --- moves: the walk's, recorded --------------------------------------------------------
    def take(self, index: int) -> Step:
        return self._do({"op": "take", "index": index}, lambda: self.walk.take(index))

    def roll(self) -> Step:
        return self._do({"op": "roll"}, self.walk.roll)

    def reroll(self) -> Step:
        return self._do({"op": "reroll"}, self.walk.reroll)

    def resolve(self, picks: Mapping[str, int] | None = None) -> Step:
        picks = dict(picks or {})
        return self._do({"op": "resolve", "picks": picks}, lambda: self.walk.resolve(picks))

    def jump(self, node_id: str) -> Step:
        return self._do({"op": "jump", "to": node_id}, lambda: self.walk.jump(node_id))

    def back(self) -> Step | None:
        return self._do({"op": "back"}, self.walk.back)

    def back_to(self, steps: int) -> None:
        self._do({"op": "back_to", "steps": steps}, lambda: self.walk.back_to(steps))

    def restart(self) -> None:
        self._do({"op": "restart"}, self.walk.restart)

    def follow_lines(self, lines: Sequence[int]) -> None:
        self._do({"op": "follow_lines", "lines": list(lines)}, lambda: self.walk.follow_lines(lines))

    def _do(self, event: dict[str, Any], move: Callable[[], Any]) -> Any:
        """Make the move (`WalkError` leaves everything as it was), then record it and what it reached."""
        result = move()
        self._record(event)
        self.seen.update(s.to for s in self.walk.history)
        self.seen.add(self.walk.node_id)
        self.taken.update((s.node_id, s.index) for s in self.walk.history if not s.jump)
        if self.walk.is_over and event["op"] not in ("back", "back_to"):
            self.endings[self.walk.node_id] = self.endings.get(self.walk.node_id, 0) + 1
        return result

    def _record(self, event: dict[str, Any]) -> None:
        if self.journal is not None:
            self.journal.append(event)

    # --- notes, comparison ------------------------------------------------------------------
    def here(self, steps: int | None = None) -> PositionKey:
        """The position after the first `steps` steps of the walk (None: where it is)."""
        history = self.walk.history if steps is None else self.walk.history[: max(steps, 0)]
        return position_key(history)

    def note_at(self, steps: int | None = None) -> str:
        return self.notes.get(self.here(steps), "")

    def note(self, text: str, steps: int | None = None) -> None:
        """Attach `text` to the position after `steps` steps (None: here); empty text removes the note."""
        key = self.here(steps)
        text = text.strip()[:MAX_NOTE]
        if text:
            self.notes[key] = text
        else:
            self.notes.pop(key, None)
        self._record({"op": "note", "at": [list(k) for k in key], "text": text})

    def mark(self) -> Snapshot:
        """Keep the walk as it is now, to compare another branch with it."""
        self.marked = Snapshot(tuple(self.walk.history), self.walk.node_id, self.walk.state)
        self._record({"op": "mark"})
        return self.marked

    # --- a scenario edited under the walk ------------------------------------------------------
    def adopt(self, walk: Walk, scenario_hash: str = "") -> None:
        """Go on with `walk`, the old walk replayed on the scenario as it is now (live reload). The
        endings reached and the notes stay (a note is found again where its steps still lead); the
        walk marked for comparison is dropped (its steps belong to the old scenario). A saved walk goes
        on in a new file next to the old one, which starts with the replayed steps."""
        self.graph, self.walk, self.marked = walk.graph, walk, None
        self.seen = {s.to for s in walk.history} | {walk.node_id, *(s.node_id for s in walk.history)}
        self.taken = {(s.node_id, s.index) for s in walk.history if not s.jump}
        old = self.journal
        if old is None:
            return
        header = Header(self.graph.scenario.id, self.graph.scenario.title, old.header.scenario_path if old.header
                        else "", scenario_hash, int(self.seed or 0), dt.datetime.now().astimezone().isoformat(
                            timespec="seconds"))
        self.journal = Journal(new_path(self.graph.scenario.id, old.path.parent), header)
        for step in walk.history:
            if step.jump:
                self._record({"op": "jump", "to": step.to})
            elif step.play is not None:
                picks = {a: m for a, m in zip(step.play.actors, step.play.moves, strict=True) if m is not None}
                self._record({"op": "resolve", "picks": picks})
            else:
                self._record({"op": "take", "index": step.index})
        for key, text in self.notes.items():
            self._record({"op": "note", "at": [list(k) for k in key], "text": text})

    # --- a saved walk -------------------------------------------------------------------------
    @classmethod
    def start(cls, graph: ScenarioGraph, seed: int | None, path: Path, scenario_path: str, scenario_hash: str,
              now: dt.datetime | None = None) -> WalkSession:
        """A new walk, saved as it goes at `path` (the file is made with the first action)."""
        session = cls(graph, seed)
        created = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
        header = Header(graph.scenario.id, graph.scenario.title, scenario_path, scenario_hash, int(session.seed or 0),
                        created)
        session.journal = Journal(path, header)
        return session

    @classmethod
    def resume(cls, graph: ScenarioGraph, path: Path, *, keep: bool = True,
               scenario_hash: str = "") -> tuple[WalkSession, Resumed]:
        """The walk saved at `path`, replayed on `graph` as far as it still applies, and (`keep`) saved on
        in the same file; `scenario_hash` (the scenario's now) is compared with the one it was saved with.
        `JournalError` when the file is not a walk of this scenario."""
        contents = read(path)
        if contents.header.scenario_id != graph.scenario.id:
            raise JournalError(f"{path} is a walk of '{contents.header.scenario_id}', not of "
                               f"'{graph.scenario.id}': open that scenario to resume it")
        session = cls(graph, contents.header.seed)
        done, stopped = 0, ""
        for event in contents.events:
            try:
                session.apply(event)
            except (WalkError, KeyError, TypeError, ValueError) as exc:
                stopped = f"action {done + 1} ({event.get('op')}) no longer fits the scenario: {exc}"
                break
            done += 1
        if keep:
            session.journal = Journal(path)
            session.journal.header = contents.header
        saved_hash = contents.header.scenario_hash
        changed = bool(scenario_hash and saved_hash and scenario_hash != saved_hash)
        return session, Resumed(done, len(contents.events), stopped, contents.torn, changed)

    def apply(self, event: Mapping[str, Any]) -> None:
        """Replay one recorded action (not recorded again)."""
        journal, self.journal = self.journal, None
        try:
            self._apply(event)
        finally:
            self.journal = journal

    def _apply(self, event: Mapping[str, Any]) -> None:
        op = event["op"]
        if op == "take":
            self.take(_int(event["index"]))
        elif op == "roll":
            self.roll()
        elif op == "reroll":
            self.reroll()
        elif op == "resolve":
            picks = event.get("picks") or {}
            if not isinstance(picks, dict):
                raise ValueError("the picks are damaged")
            self.resolve({str(a): _int(m) for a, m in picks.items()})
        elif op == "jump":
            self.jump(str(event["to"]))
        elif op == "back":
            self.back()
        elif op == "back_to":
            self.back_to(_int(event["steps"]))
        elif op == "restart":
            self.restart()
        elif op == "follow_lines":
            self.follow_lines([_int(i) for i in event["lines"]])
        elif op == "note":
            key = tuple((str(n), _int(i), str(t)) for n, i, t in event["at"])
            text = str(event.get("text", ""))[:MAX_NOTE]
            if text:
                self.notes[key] = text
            else:
                self.notes.pop(key, None)
        elif op == "mark":
            self.mark()
        else:
            raise ValueError(f"unknown action '{op}'")


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    return value
