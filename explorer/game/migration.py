"""Moving older game stores forward to the current schema, in one transaction, events untouched.

Version 1 → 2 adds the `seats` table and gives every team a join code; 2 → 3 adds the
`join_attempts` table (join codes typed, per client: see `join_guard`), and from version 3 on new
codes have nine characters (a version 2 store keeps its six-character codes). Several processes
may open a version 1 store at once: the first to take the write lock upgrades it, the
others find it upgraded when they get the lock and do nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from explorer.game import join_guard, joincodes
from explorer.game.errors import StoreError

CURRENT = 3


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
