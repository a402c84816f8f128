"""Join codes: a short, unambiguous code per team that opens the game as that team's seat.

A code is six characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), shown as
`K7M-4QX`; people may type it in any case, with or without spaces and the dash. Codes are
kept in the store's `seats` table (schema version 2), in plain text: whoever can open the
game file can already write any event to it, so the file is the trust boundary, and keeping
the codes lets the facilitator print them again when resuming. They only stop one team from
taking another team's seat by mistake or through `explorer serve`; they are not passwords.
"""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from collections.abc import Iterable

from explorer.game.errors import GameError

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""30 symbols: digits and capitals without 0, 1, I, L, O and U."""
LENGTH = 6
"""30**6 ≈ 729 million codes per team."""
_SEPARATORS = " -_."

SEATS_DDL = """
CREATE TABLE seats (
    team TEXT PRIMARY KEY REFERENCES teams(name),
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 6)
) WITHOUT ROWID
"""


class JoinRefused(GameError):
    """A join code that is malformed or opens no seat of this game."""


def new_code() -> str:
    """A fresh random code (from `secrets`), in its stored form: six symbols, no dash."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """The code as printed for people: `K7M-4QX`."""
    return f"{code[:3]}-{code[3:]}"


def normalize(text: str) -> str:
    """The stored form of a code as typed, or `JoinRefused` saying what is wrong with it."""
    code = "".join(ch for ch in (text or "").upper() if ch not in _SEPARATORS)
    if not code:
        raise JoinRefused("no join code given: ask the facilitator for your team's code (e.g. K7M-4QX)")
    wrong = sorted({ch for ch in code if ch not in ALPHABET})
    if wrong:
        hint = " (codes use no 0, 1, I, L, O or U)" if set(wrong) & set("0O1ILU") else ""
        raise JoinRefused(f"'{text.strip()}' is not a join code: it contains {', '.join(map(repr, wrong))}{hint}")
    if len(code) != LENGTH:
        raise JoinRefused(f"'{text.strip()}' is not a join code: a code has {LENGTH} characters, like K7M-4QX")
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


def find(codes: dict[str, str], text: str) -> str:
    """The team whose code `text` is (as typed), or `JoinRefused`."""
    code = normalize(text)
    found = [team for team, stored in codes.items() if hmac.compare_digest(stored, code)]
    if not found:
        raise JoinRefused(f"{shown(code)} is not a join code of this game: check it with the facilitator")
    return found[0]
