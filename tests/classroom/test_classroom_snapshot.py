"""The look of a team's seat in a classroom round, at 80×24 (a laptop's terminal) and 160×50 (a
browser tab on a large screen): news, an open forecast with the team's numbers, an argued move,
the team's sealed orders with their reasons, and who else has given orders."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from explorer.game.seat_link import SeatLink
from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.screen import SeatScreen


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_a_teams_seat_in_a_round(snap_compare, game: GameSession, codes: dict[str, str],
                                 size: tuple[int, int]) -> None:
    game.fire_inject("typhoon")
    game.open_forecast()
    with open_seat(game.store.path, codes["North"]) as north, open_seat(game.store.path, codes["East"]) as east:
        east.argue("east", "Escort the ferries", "trust rises", ["it calms everyone"])
        north.enter_forecast([0.5, 0.2, 0.3])
        north.submit_order("north", 2, "quietly, while they talk")
    game.submit_order("envoy", 1, None)
    link = SeatLink.open(game.store.path, codes["North"], interval=0.05)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, SeatScreen)

    assert snap_compare(SeatApp(game.store.path, link=link), terminal_size=size, run_before=run_before)
