"""Join-code attempts: counted per client, slowed, logged in the store and locked out.

Every well-formed code typed to join a game is recorded in the store's `join_attempts` table
(schema version 3) with the client it came from: the browser's address under `explorer serve`
(passed to each app as `explorer join --client ADDRESS`), or `LOCAL` in a terminal. After a
wrong code the answer comes only after a delay that doubles with each wrong code in a row (1,
2, 4, 8 s); after `lockout_after` wrong codes within `window`, that client may not try again
for `lockout`. The table lives in the store, so the limits hold across the processes of all the
tabs of one client; a right code clears its count. `explorer log` shows the attempts.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from explorer.game import joincodes
from explorer.game.events import now_text, parse_time

LOCAL = "terminal"
"""The client of `explorer join` run in a terminal of the machine (not through `explorer serve`)."""

ATTEMPTS_DDL = """
CREATE TABLE join_attempts (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    client TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('joined', 'wrong', 'locked')),
    team TEXT
)
"""


@dataclass(frozen=True)
class JoinPolicy:
    """How guessing is held back."""

    lockout_after: int = 5
    """Wrong codes from one client within `window` before it is locked out."""
    window: float = 15 * 60
    lockout: float = 15 * 60
    """Seconds a locked-out client waits, from its last wrong code."""
    first_delay: float = 1.0
    max_delay: float = 8.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def delay(self, wrong: int) -> float:
        """Seconds before answering the `wrong`-th wrong code in a row."""
        return min(self.max_delay, self.first_delay * 2 ** max(0, wrong - 1))


DEFAULT = JoinPolicy()


@dataclass(frozen=True)
class Attempts:
    """One client's attempts in a store, as `explorer log` reports them."""

    client: str
    joined: int
    wrong: int
    locked: int
    last: str


@dataclass(frozen=True)
class Verdict:
    """What one attempt found: the team (None when wrong or locked out), when the client may try
    again if it is locked out, and its wrong codes in a row counting this one."""

    team: str | None
    locked_until: dt.datetime | None
    wrong: int
    now: dt.datetime


def attempt(db: sqlite3.Connection, codes: dict[str, str], code: str, client: str, policy: JoinPolicy) -> Verdict:
    """Check `code` (normalized) against the teams' `codes` for `client` and record the attempt, in
    one write transaction of the store open on `db`."""
    now = policy.clock()
    db.execute("BEGIN IMMEDIATE")
    try:
        until = locked_until(db, client, policy, now)
        team = None if until is not None else joincodes.match(codes, code)
        record(db, client, "locked" if until is not None else "joined" if team is not None else "wrong", team, now)
        wrong = wrong_in_a_row(db, client, now - dt.timedelta(seconds=policy.window))[0]
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return Verdict(team, until, wrong, now)


def answer(verdict: Verdict, code: str, client: str, policy: JoinPolicy) -> str:
    """The team of a right code; for a wrong one, `JoinRefused` after the delay (none while locked out)."""
    if verdict.locked_until is not None:
        minutes = max(1, round((verdict.locked_until - verdict.now).total_seconds() / 60))
        raise joincodes.JoinRefused(f"too many wrong join codes from {client}: try again in {minutes} minute(s)")
    if verdict.team is not None:
        return verdict.team
    policy.sleep(policy.delay(verdict.wrong))
    left, wait = policy.lockout_after - verdict.wrong, round(policy.lockout / 60)
    warning = (f" ({left} more wrong and you wait {wait} minutes)" if 0 < left < policy.lockout_after
               else f" (now wait {wait} minutes)" if left <= 0 else "")
    raise joincodes.JoinRefused(f"{joincodes.shown(code)} is not a join code of this game: "
                                f"check it with the facilitator{warning}")


def wrong_in_a_row(db: sqlite3.Connection, client: str, since: dt.datetime) -> tuple[int, str | None]:
    """Wrong codes from `client` since `since` and since its last right one; the time of the last."""
    row = db.execute(
        "SELECT COUNT(*), MAX(time) FROM join_attempts WHERE client = ? AND outcome = 'wrong' AND time > ? "
        "AND id > (SELECT COALESCE(MAX(id), 0) FROM join_attempts WHERE client = ? AND outcome = 'joined')",
        (client, now_text(since), client),
    ).fetchone()
    return int(row[0]), row[1]


def locked_until(db: sqlite3.Connection, client: str, policy: JoinPolicy, now: dt.datetime) -> dt.datetime | None:
    """When `client` may try again, if it is locked out now."""
    wrong, last = wrong_in_a_row(db, client, now - dt.timedelta(seconds=policy.window))
    if wrong < policy.lockout_after or last is None:
        return None
    until = parse_time(last) + dt.timedelta(seconds=policy.lockout)
    return until if until > now else None


def record(db: sqlite3.Connection, client: str, outcome: str, team: str | None, now: dt.datetime) -> None:
    db.execute("INSERT INTO join_attempts (time, client, outcome, team) VALUES (?, ?, ?, ?)",
               (now_text(now), client, outcome, team))


def summary(db: sqlite3.Connection) -> list[Attempts]:
    """Per client, in order of first attempt: joins, wrong codes, refusals while locked out, last time."""
    rows = db.execute(
        "SELECT client, SUM(outcome = 'joined'), SUM(outcome = 'wrong'), SUM(outcome = 'locked'), MAX(time) "
        "FROM join_attempts GROUP BY client ORDER BY MIN(id)"
    ).fetchall()
    return [Attempts(str(c), int(j), int(w), int(lk), str(t)) for c, j, w, lk, t in rows]
