"""The game store: one SQLite file (WAL) holding settings, teams and the append-only event log.

The schema is documented in docs/game-store.md. Every write is one `BEGIN IMMEDIATE`
transaction with `synchronous=FULL`, so a crash loses nothing committed and tears nothing.
A move is checked against the turn it was made for: `append(..., turn=T)` raises
`StaleTurn` when the game has moved past T, which lets several processes share one game.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.game import joincodes, migration
from explorer.game.errors import StaleTurn, StoreError
from explorer.game.events import ADVANCING, FACILITATOR, Body, Event, body_json, now_text, parse_body, parse_state
from explorer.game.teams import TeamError, Teams

SCHEMA_VERSION = migration.CURRENT
APPLICATION_ID = 0x53454731  # "SEG1": scenario explorer game, in the SQLite header
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE teams (name TEXT PRIMARY KEY, position INTEGER NOT NULL UNIQUE);
CREATE TABLE team_actors (
    actor TEXT PRIMARY KEY,
    team TEXT NOT NULL REFERENCES teams(name),
    position INTEGER NOT NULL
);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    turn INTEGER NOT NULL CHECK (turn >= 1),
    seat TEXT NOT NULL,
    team TEXT,
    actor TEXT,
    kind TEXT NOT NULL,
    node TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"""
_COLUMNS = {
    "meta": {"key", "value"},
    "teams": {"name", "position"},
    "team_actors": {"actor", "team", "position"},
    "events": {"seq", "time", "turn", "seat", "team", "actor", "kind", "node", "payload", "state"},
    "seats": {"team", "code"},
}
_SELECT = "SELECT seq, time, turn, seat, team, actor, kind, node, payload, state FROM events "
_META_KEYS = ("schema_version", "created", "explorer_version", "scenario_id", "scenario_title",
              "scenario_path", "scenario_files", "scenario_hash", "seed", "timer")


@dataclass(frozen=True, slots=True)
class Draft:
    """An event to be written: what, by which seat, for which team and actor, where, and the metrics after it."""

    body: Body
    seat: str
    team: str | None
    actor: str | None
    node: str
    state: dict[str, float]


Build = Callable[[list["Event"], int], list[Draft]]
"""Given the events committed since the caller's last look and the current turn (read under the write
lock), the events to write — or an exception, and nothing is written."""


@dataclass(frozen=True)
class GameMeta:
    """The game's settings and the scenario it was started with."""

    scenario_id: str
    scenario_title: str
    scenario_path: str
    """The main scenario file, absolute, as it was when the game was created."""
    scenario_files: list[str]
    """Every file read (main first), relative to the main file's folder."""
    scenario_hash: str
    seed: int
    timer: float | None
    """Seconds a team has for a decision; None for no timer."""
    created: str = ""
    explorer_version: str = ""
    schema_version: int = SCHEMA_VERSION

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("schema_version", str(self.schema_version)), ("created", self.created),
            ("explorer_version", self.explorer_version), ("scenario_id", self.scenario_id),
            ("scenario_title", self.scenario_title), ("scenario_path", self.scenario_path),
            ("scenario_files", json.dumps(self.scenario_files)), ("scenario_hash", self.scenario_hash),
            ("seed", str(self.seed)), ("timer", "" if self.timer is None else repr(float(self.timer))),
        ]

    @classmethod
    def from_rows(cls, rows: dict[str, str]) -> GameMeta:
        missing = [k for k in _META_KEYS if k not in rows]
        if missing:
            raise StoreError(f"its settings lack {', '.join(missing)}")
        try:
            files = json.loads(rows["scenario_files"])
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                raise ValueError("scenario_files is not a list of paths")
            return cls(
                rows["scenario_id"], rows["scenario_title"], rows["scenario_path"], files, rows["scenario_hash"],
                int(rows["seed"]), float(rows["timer"]) if rows["timer"] else None, rows["created"],
                rows["explorer_version"], int(rows["schema_version"]),
            )
        except ValueError as exc:
            raise StoreError(f"its settings are damaged: {exc}") from None


class Store:
    """An open game store. Create one with `Store.create`, open one with `Store.open`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self._lock = threading.Lock()
        self._data_version = -1
        self.meta = GameMeta.from_rows(dict(self._read("SELECT key, value FROM meta")))
        self.teams = self._load_teams()

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], meta: GameMeta, teams: Teams, started: Body,
               node: str, state: dict[str, float]) -> Store:
        """Create a new store at `path` (which must not exist) with its first event, `started`."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path} already exists; give another --store file or --resume it")
        db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = _connect(path, create=True)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    db.execute(statement)
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.rows())
            for position, (team, actors) in enumerate(teams.members.items()):
                db.execute("INSERT INTO teams VALUES (?, ?)", (team, position))
                db.executemany("INSERT INTO team_actors VALUES (?, ?, ?)", [(a, team, i) for i, a in enumerate(actors)])
            db.execute(joincodes.SEATS_DDL)
            db.execute(migration.ONE_MOVE_PER_TURN)
            joincodes.issue(db, teams.names)
            _insert(db, started, 1, FACILITATOR, None, None, node, state)
            db.execute("COMMIT")
        except (OSError, sqlite3.Error) as exc:
            if db is not None:  # the file is ours and unfinished: leave nothing half-made behind
                db.close()
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            raise StoreError(f"cannot create the game store {path}: {exc}") from None
        return cls(path, db)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        """Open an existing store, or raise `StoreError` saying plainly what is wrong with the file."""
        path = Path(path)
        _check_file(path)
        db: sqlite3.Connection | None = None
        try:
            db = _connect(path, create=False)
            _check_identity(db, path)
            _check_tables(db, path)
            db.execute("PRAGMA journal_mode=WAL")
            migration.upgrade(db, path)
            return cls(path, db)
        except (sqlite3.Error, StoreError) as exc:
            if db is not None:
                db.close()
            if isinstance(exc, StoreError):
                raise
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise StoreError(f"{path} is not a game store (not an SQLite database)") from None
            raise StoreError(f"{path} is damaged or not a game store: {exc}") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ----------------------------------------------------------------------
    def events(self, after: int = 0) -> list[Event]:
        """Committed events with `seq` greater than `after`, oldest first."""
        return [_event(row) for row in self._read(_SELECT + "WHERE seq > ? ORDER BY seq", (after,))]

    def join_codes(self) -> dict[str, str]:
        """Team → its join code (stored form; `joincodes.shown` prints it), in the teams' order."""
        with self._lock:
            try:
                return joincodes.read(self._db)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from None

    def team_for_code(self, text: str) -> str:
        """The team whose join code `text` is, as typed; `JoinRefused` when it is none of them."""
        return joincodes.find(self.join_codes(), text)

    def current_turn(self) -> int:
        """The turn the game is at: one more than the turn of the last move (1 at the start)."""
        with self._lock:
            return self._current_turn(self._db)

    def changed(self) -> bool:
        """True when another connection committed since the last call (cheap enough to poll)."""
        with self._lock:
            try:
                version = self._db.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from None
        changed, self._data_version = version != self._data_version, version
        return changed

    # --- writing ----------------------------------------------------------------------
    def append(self, body: Body, *, turn: int | None, seat: str, team: str | None, actor: str | None,
               node: str, state: dict[str, float]) -> Event:
        """Commit one event made for `turn` (None: whatever turn it is now).

        Raises `StaleTurn` when the game is no longer at `turn`, `StoreError` when the file
        cannot be written; in both cases nothing is written.
        """

        def build(_: list[Event], current: int) -> list[Draft]:
            if turn is not None and turn != current:
                raise StaleTurn(turn, current)
            return [Draft(body, seat, team, actor, node, state)]

        return self.transact(None, build)[0]

    def transact(self, after: int | None, build: Build) -> list[Event]:
        """Write the events `build` drafts, in one transaction that holds the write lock from reading to commit.

        `build` is given the events committed after seq `after` (not read when `after` is None) and
        the current turn, so it can check its rules against everything committed, with no other
        writer in between. Events are numbered and given their turn as they are written (a move
        ends its turn: the next draft is made for the next one). Whatever `build` raises is raised
        and nothing is written; `StoreError` when the file cannot be written.
        """
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from None
            try:
                current = self._current_turn(db)
                new = [] if after is None else [_event(row) for row in db.execute(_SELECT + "WHERE seq > ? ORDER BY seq",
                                                                                  (after,))]
                written = []
                for d in build(new, current):
                    seq, time = _insert(db, d.body, current, d.seat, d.team, d.actor, d.node, d.state)
                    written.append(Event(seq, time, current, d.seat, d.team, d.actor, d.node, d.body, dict(d.state)))
                    current += d.body.KIND in ADVANCING
                db.execute("COMMIT")
            except BaseException as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write to {self.path}: {exc}") from None
                raise
        return written

    # --- internals --------------------------------------------------------------------
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from None

    @staticmethod
    def _current_turn(db: sqlite3.Connection) -> int:
        row = db.execute("SELECT turn, kind FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return 1
        return int(row[0]) + (1 if row[1] in ADVANCING else 0)

    def _load_teams(self) -> Teams:
        rows = self._read(
            "SELECT t.name, a.actor FROM teams t LEFT JOIN team_actors a ON a.team = t.name "
            "ORDER BY t.position, a.position"
        )
        members: dict[str, list[str]] = {}
        for team, actor in rows:
            members.setdefault(team, [])
            if actor is not None:
                members[team].append(actor)
        try:
            return Teams({team: tuple(actors) for team, actors in members.items()})
        except TeamError as exc:
            raise StoreError(f"{self.path} has bad teams: {exc}") from None


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                         check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _check_file(path: Path) -> None:
    """Checks by `stat` only: SQLite itself then refuses a file that is not a database.

    Opening and closing the file here would drop the POSIX locks that this process's other
    connections to it hold (another seat, a watch); a process closing its last connection
    would then think itself the last user and remove the WAL from under them.
    """
    try:
        if not path.is_file():
            raise StoreError(f"{path} is not a file" if path.exists() else f"no such game file: {path}")
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size == 0:
        raise StoreError(f"{path} is empty: it is not a game store")
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"cannot open {path}: permission denied (a game store must be readable and writable)")


def _check_identity(db: sqlite3.Connection, path: Path) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database, but not a scenario explorer game")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer explorer (game schema version {version}; "
                         f"this one reads version {SCHEMA_VERSION}): upgrade the explorer")
    if version < 1:
        raise StoreError(f"{path} is an unfinished game store (its creation was interrupted)")
    check = db.execute("PRAGMA quick_check").fetchall()
    if [tuple(r) for r in check] != [("ok",)]:
        raise StoreError(f"{path} is damaged: {'; '.join(str(r[0]) for r in check[:3])}")


def _check_tables(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for table, columns in _COLUMNS.items():
        if table == "seats" and version < 2:  # added by the upgrade to version 2
            continue
        found = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not columns <= found:
            raise StoreError(f"{path} is not a usable game store: table '{table}' is missing or incomplete")


def _insert(db: sqlite3.Connection, body: Body, turn: int, seat: str, team: str | None, actor: str | None,
            node: str, state: dict[str, float]) -> tuple[int, str]:
    time = now_text()
    cursor = db.execute(
        "INSERT INTO events (time, turn, seat, team, actor, kind, node, payload, state) VALUES (?,?,?,?,?,?,?,?,?)",
        (time, turn, seat, team, actor, body.KIND, node, body_json(body), json.dumps(state, allow_nan=False)),
    )
    return int(cursor.lastrowid or 0), time


def _event(row: tuple[Any, ...]) -> Event:
    seq, time, turn, seat, team, actor, kind, node, payload, state = row
    if not (isinstance(seq, int) and isinstance(turn, int) and isinstance(time, str) and isinstance(node, str)
            and isinstance(seat, str) and isinstance(payload, str) and isinstance(state, str)):
        raise StoreError(f"event #{seq} is damaged (a column has the wrong type)")
    try:
        body = parse_body(kind, payload)
    except StoreError as exc:
        raise StoreError(f"event #{seq} is damaged: {exc}") from None
    return Event(seq, time, turn, seat, team, actor, node, body, parse_state(state))
