"""Join codes: an unambiguous code per team that opens the game as that team's seat.

A code is nine characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), shown as
`K7M-4QX-9TZ`; people may type it in any case, with or without spaces and dashes. 30^9 ≈ 2·10^13
codes per team: guessing for a whole class period, even unhindered, has no real chance, and
guesses are slowed, logged and locked out per client besides (`explorer.game.join_guard`).
Games made before schema version 3 keep their six-character codes (`K7M-4QX`), which still work.

Codes are kept in the store's `seats` table, in plain text: the store file is private to the
facilitator (created 0600 in a 0700 folder), and keeping the codes lets the facilitator print
them again when resuming. They stop one team from taking another team's seat, by mistake or
through `explorer serve`; whoever can open the game file can already write to it.
"""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from collections.abc import Iterable

from explorer.game.errors import GameError

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""30 symbols: digits and capitals without 0, 1, I, L, O and U."""
LENGTH = 9
"""30**9 ≈ 2·10^13 codes per team."""
OLD_LENGTH = 6
"""The length of codes issued before schema version 3: still accepted."""
_SEPARATORS = " -_."

SEATS_DDL = """
CREATE TABLE seats (
    team TEXT PRIMARY KEY REFERENCES teams(name),
    code TEXT NOT NULL UNIQUE CHECK (length(code) IN (6, 9))
) WITHOUT ROWID
"""


class JoinRefused(GameError):
    """A join code that is malformed or opens no seat of this game."""


def new_code() -> str:
    """A fresh random code (from `secrets`), in its stored form: nine symbols, no dash."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as printed for people, in groups of three: `K7M-4QX-9TZ` (an old one: `K7M-4QX`)."""
    return "-".join(code[i:i + 3] for i in range(0, len(code), 3))


def normalize(text: str) -> str:
    """The stored form of a code as typed, or `JoinRefused` saying what is wrong with it."""
    code = "".join(ch for ch in (text or "").upper() if ch not in _SEPARATORS)
    if not code:
        raise JoinRefused("no join code given: ask the facilitator for your team's code (e.g. K7M-4QX-9TZ)")
    wrong = sorted({ch for ch in code if ch not in ALPHABET})
    if wrong:
        hint = " (codes use no 0, 1, I, L, O or U)" if set(wrong) & set("0O1ILU") else ""
        raise JoinRefused(f"'{text.strip()}' is not a join code: it contains {', '.join(map(repr, wrong))}{hint}")
    if len(code) not in (LENGTH, OLD_LENGTH):
        raise JoinRefused(f"'{text.strip()}' is not a join code: a code has {LENGTH} characters, like K7M-4QX-9TZ "
                          f"(in older games {OLD_LENGTH}, like K7M-4QX)")
    return code


def issue(db: sqlite3.Connection, teams: Iterable[str]) -> dict[str, str]:
    """Give every team in `teams` a new code, inside the caller's transaction; team → code."""
    taken = {row[0] for row in db.execute("SELECT code FROM seats")}
    codes: dict[str, str] = {}
    for team in teams:
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        codes[team] = code
        db.execute("INSERT INTO seats (team, code) VALUES (?, ?)", (team, code))
    return codes


def read(db: sqlite3.Connection) -> dict[str, str]:
    """Team → code, in the teams' order."""
    rows = db.execute("SELECT s.team, s.code FROM seats s JOIN teams t ON t.name = s.team ORDER BY t.position")
    return {team: code for team, code in rows}


def match(codes: dict[str, str], code: str) -> str | None:
    """The team whose stored code is `code` (normalized), compared in constant time; None if none."""
    found = [team for team, stored in codes.items() if hmac.compare_digest(stored.encode(), code.encode())]
    return found[0] if found else None


def find(codes: dict[str, str], text: str) -> str:
    """The team whose code `text` is (as typed), or `JoinRefused` (no attempt is counted: see
    `Store.team_for_code` for that)."""
    code = normalize(text)
    team = match(codes, code)
    if team is None:
        raise JoinRefused(f"{shown(code)} is not a join code of this game: check it with the facilitator")
    return team
