"""A team's seat: opening a game with a join code, and the view its screen shows.

A team's view is the `GameView` built for that team (`explorer.game.views.game_view`): its own
briefings, its decision and rationale box when it has the move, its orders at a round, and the
public game. It never holds another team's briefing, order, covert move, hidden metric or a
rationale that team may not read yet (see `explorer.game.privacy`), so a screen that shows only
the view cannot leak them. Build a new one after every refresh.
"""

from __future__ import annotations

import os

from explorer.game.join_guard import DEFAULT, LOCAL, JoinPolicy
from explorer.game.joincodes import JoinRefused
from explorer.game.privacy import SHARED
from explorer.game.session import GameSession
from explorer.game.store import Store
from explorer.game.view_models import (
    GameView,
    LogLine,
    MetricValue,
    Odds,
    OwnDecision,
    RationaleBox,
    SeatOption,
)
from explorer.game.views import game_view

SeatView = GameView
"""A team's view: the `GameView` built for its seat."""

__all__ = ["SHARED", "JoinRefused", "LogLine", "MetricValue", "Odds", "OwnDecision", "RationaleBox", "SeatOption",
           "SeatView", "open_seat", "open_shared", "seat_view"]

SHARED_CODES = ("SHARED", "PROJECTOR")
"""Words that open the shared screen instead of a team's seat (no join code needed: it shows only
what every team may see)."""


def open_seat(store_path: str | os.PathLike[str], code: str, *,
              scenario: str | os.PathLike[str] | None = None, client: str = LOCAL,
              policy: JoinPolicy = DEFAULT) -> GameSession:
    """Open the game in `store_path` as the seat of the team whose join code is `code` (or, for the
    word SHARED, as the shared screen).

    Raises `JoinRefused` for a malformed or unknown code (a wrong one is answered slowly, and
    too many from one `client` lock it out: see `join_guard`), and the errors of
    `GameSession.resume` (a damaged store, a changed or missing scenario). No event is logged;
    the attempt is recorded in the store's join attempts.
    """
    if is_shared(code):
        return open_shared(store_path, scenario=scenario)
    with Store.open(store_path) as store:
        team = store.team_for_code(code, client=client, policy=policy)
    return GameSession.resume(store_path, scenario=scenario, seat=team, log=False)


def open_shared(store_path: str | os.PathLike[str], *, scenario: str | os.PathLike[str] | None = None) -> GameSession:
    """Open the game as the shared screen (the projector): it sees what every team may see."""
    return GameSession.resume(store_path, scenario=scenario, seat=SHARED, log=False)


def is_shared(code: str | None) -> bool:
    return (code or "").strip().upper() in SHARED_CODES


def seat_view(session: GameSession) -> GameView:
    """The view of the team (or the shared screen) that `session` is seated as."""
    if session.viewer.facilitator:
        raise JoinRefused("a seat view is for a team's seat or the shared screen; the facilitator has game_view")
    return game_view(session)
