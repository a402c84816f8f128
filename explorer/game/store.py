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

from explorer.game import doorbell, join_guard, joincodes, migration
from explorer.game.errors import StaleTurn, StoreDamaged, StoreError
from explorer.game.events import ADVANCING, FACILITATOR, Body, Event, body_json, now_text
from explorer.game.meta import GameMeta
from explorer.game.rows import event_of, text_or_damage
from explorer.game.teams import TeamError, Teams

SCHEMA_VERSION = migration.CURRENT
DB_ERRORS = (sqlite3.Error, UnicodeDecodeError)
"""What reading a store can raise: SQLite's errors, and undecodable text in SQLite's own messages."""
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
    "join_attempts": {"id", "time", "client", "outcome", "team"},
}
_SINCE = {"seats": 2, "join_attempts": 3}
"""The schema version that added each table (older stores get it when upgraded)."""
_SELECT = "SELECT seq, time, turn, seat, team, actor, kind, node, payload, state FROM events "


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


class Store:
    """An open game store. Create one with `Store.create`, open one with `Store.open`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db
        self._lock = threading.Lock()
        self._data_version = -1
        self._bells = doorbell.folder_for(path)
        try:
            self.meta = GameMeta.from_rows(dict(self._read("SELECT key, value FROM meta")))
        except StoreError as exc:
            raise StoreDamaged(path, str(exc)) from None
        self.teams = self._load_teams()

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike[str], meta: GameMeta, teams: Teams, started: Body,
               node: str, state: dict[str, float]) -> Store:
        """Create a new store at `path` (which must not exist) with its first event, `started`."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path} already exists; give another --store file or --resume it")
        if path.is_symlink():
            raise StoreError(f"{path} is a broken symbolic link or a symbolic link loop; give another --store file")
        db: sqlite3.Connection | None = None
        made = False
        try:
            _private_folder(path.parent)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # SQLite gives its WAL the same mode
            made = True
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
            db.execute(join_guard.ATTEMPTS_DDL)
            joincodes.issue(db, teams.names)
            _insert(db, started, 1, FACILITATOR, None, None, node, state)
            db.execute("COMMIT")
        except (OSError, sqlite3.Error, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
            if db is not None:
                db.close()
            if made:  # the file is ours and unfinished: leave nothing half-made behind
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            reason = "a symbolic link loop" if isinstance(exc, RuntimeError) else exc
            raise StoreError(f"cannot create the game store {path}: {reason}") from None
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
        except (sqlite3.Error, UnicodeDecodeError, StoreError) as exc:
            if db is not None:
                db.close()
            if isinstance(exc, StoreError):
                raise
            if isinstance(exc, UnicodeDecodeError):  # SQLite's own message quotes damaged bytes
                raise StoreDamaged(path, "its structure holds text that is not UTF-8") from None
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise StoreError(f"{path} is not a game store (not an SQLite database)") from None
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CORRUPT:
                raise StoreDamaged(path, str(exc)) from None
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
        try:
            return [event_of(row) for row in self._read(_SELECT + "WHERE seq > ? ORDER BY seq", (after,))]
        except StoreError as exc:
            raise StoreDamaged(self.path, str(exc)) from None

    def join_codes(self) -> dict[str, str]:
        """Team → its join code (stored form; `joincodes.shown` prints it), in the teams' order."""
        with self._lock:
            try:
                codes = joincodes.read(self._db)
            except DB_ERRORS as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from None
        if not all(isinstance(t, str) and isinstance(c, str) for t, c in codes.items()):
            raise StoreDamaged(self.path, "a join code cannot be read as text")
        return codes

    def team_for_code(self, text: str, *, client: str = join_guard.LOCAL,
                      policy: join_guard.JoinPolicy = join_guard.DEFAULT) -> str:
        """The team whose join code `text` is, as typed; `JoinRefused` when it is none of them.

        A well-formed code is recorded as an attempt by `client` (see `join_guard`): a wrong one is
        answered only after a delay, and a client with too many wrong codes is locked out."""
        code = joincodes.normalize(text)  # a malformed code is refused at once and not counted
        codes = self.join_codes()
        with self._lock:
            try:
                verdict = join_guard.attempt(self._db, codes, code, client, policy)
            except DB_ERRORS as exc:
                raise StoreError(f"cannot check the join code in {self.path}: {exc!s:.200}") from None
        return join_guard.answer(verdict, code, client, policy)

    def join_attempts(self) -> list[join_guard.Attempts]:
        """Who tried to join with a code, per client (see `join_guard`)."""
        with self._lock:
            try:
                return join_guard.summary(self._db)
            except DB_ERRORS as exc:
                raise StoreError(f"cannot read {self.path}: {exc!s:.200}") from None

    def current_turn(self) -> int:
        """The turn the game is at: one more than the turn of the last move (1 at the start)."""
        with self._lock:
            return self._current_turn(self._db)

    def changed(self) -> bool:
        """True when another connection committed since the last call (cheap enough to poll)."""
        with self._lock:
            try:
                version = self._db.execute("PRAGMA data_version").fetchone()[0]
            except DB_ERRORS as exc:
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
            except DB_ERRORS as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from None
            try:
                current = self._current_turn(db)
                new = [] if after is None else [event_of(row) for row in db.execute(_SELECT + "WHERE seq > ? ORDER BY seq",
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
                if isinstance(exc, DB_ERRORS):
                    raise StoreError(f"cannot write to {self.path}: {exc!s:.200}") from None
                raise
        doorbell.ring(self._bells)  # every watch of this store reads it now, not at its next look
        return written

    # --- internals --------------------------------------------------------------------
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except DB_ERRORS as exc:
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
            if not isinstance(team, str) or not isinstance(actor, (str, type(None))):
                raise StoreDamaged(self.path, "a team or actor name cannot be read as text")
            members.setdefault(team, [])
            if actor is not None:
                members[team].append(actor)
        try:
            return Teams({team: tuple(actors) for team, actors in members.items()})
        except TeamError as exc:
            raise StoreDamaged(self.path, f"bad teams: {exc}") from None


def _private_folder(folder: Path) -> None:
    """Make `folder` and its missing parents readable by this user only (0700); folders that
    exist already are left as they are. Stores hold join codes and rationales."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700)
        made.chmod(0o700)  # whatever the umask


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                         check_same_thread=False)
    db.text_factory = text_or_damage
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
        raise StoreDamaged(path, "; ".join(str(r[0]) for r in check[:3]))


def _check_tables(db: sqlite3.Connection, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for table, columns in _COLUMNS.items():
        if version < _SINCE.get(table, 1):  # added by a later upgrade
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
