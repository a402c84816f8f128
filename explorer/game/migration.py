"""Moving older game stores forward to the current schema, in one transaction, events untouched.

Version 1 → 2 adds the `seats` table and gives every team a join code; 2 → 3 adds the
`join_attempts` table (join codes typed, per client: see `join_guard`), and from version 3 on new
codes have nine characters (a version 2 store keeps its six-character codes); 3 → 4 (classroom
rounds: orders, reveals, news, argued moves, forecasts) widens the index that allows one move per
turn to the new kinds that move the game; the new kinds are what an older explorer could not read,
which the version number tells it. Several processes
may open a version 1 store at once: the first to take the write lock upgrades it, the
others find it upgraded when they get the lock and do nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from explorer.game import join_guard, joincodes
from explorer.game.errors import StoreError
from explorer.game.events import ADVANCING

CURRENT = 4

ONE_MOVE_PER_TURN = ("CREATE UNIQUE INDEX one_move_per_turn ON events(turn) WHERE kind IN ("
                     + ", ".join(f"'{kind}'" for kind in sorted(ADVANCING)) + ")")
"""At most one event that moves the game per turn, enforced by the database itself."""


def upgrade(db: sqlite3.Connection, path: Path) -> int:
    """Bring the store open on `db` up to version `CURRENT`; returns the version it was at."""
    if _version(db) >= CURRENT:
        return CURRENT
    try:
        db.execute("BEGIN IMMEDIATE")
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot upgrade {path} to game schema version {CURRENT}: {exc}") from None
    try:
        found = _version(db)  # read again under the write lock: another process may have done it
        if found < 2:
            db.execute(joincodes.SEATS_DDL)
            teams = [row[0] for row in db.execute("SELECT name FROM teams ORDER BY position")]
            joincodes.issue(db, teams)
        if found < 3:
            db.execute(join_guard.ATTEMPTS_DDL)
        if found < 4:
            db.execute("DROP INDEX IF EXISTS one_move_per_turn")
            db.execute(ONE_MOVE_PER_TURN)
        if found < CURRENT:
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(CURRENT),))
            db.execute(f"PRAGMA user_version={CURRENT}")
        db.execute("COMMIT")
        return found
    except BaseException as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.Error, UnicodeDecodeError)):
            raise StoreError(f"cannot upgrade {path} to game schema version {CURRENT}: {exc}") from None
        raise


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])
