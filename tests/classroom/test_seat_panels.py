"""A seat's screen redraws only the panels whose part of its view changed: another team's sealed
order redraws the log and the round's board, and nothing else (its move stays sealed)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from explorer.game.seat_link import SeatLink
from explorer.game.seats import open_seat
from explorer.game.session import GameSession
from explorer.tui.seat.app import SeatApp
from explorer.tui.seat.screen import SIDE_TEXTS
from tests.seattui.seattui_helpers import screen_text, seat, wait_for


async def test_another_teams_order_redraws_the_log_and_the_board_only(game: GameSession,
                                                                       codes: dict[str, str]) -> None:
    app = SeatApp(game.store.path, link=SeatLink.open(game.store.path, codes["North"], interval=0.05))
    south = open_seat(game.store.path, codes["South"])
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = seat(app)
            redrawn: list[str] = []
            for name in (*SIDE_TEXTS, "reveal", "private", "node-title"):
                widget = screen.query_one(f"#{name}", Static)

                def update(*args: Any, _name: str = name, _update: Any = widget.update, **kwargs: Any) -> None:
                    redrawn.append(_name)
                    _update(*args, **kwargs)

                widget.update = update  # type: ignore[method-assign]
            seen = screen.view.last_seq if screen.view else 0
            south.submit_order("south", 1, "SOUTH-WHY: drill")
            await wait_for(pilot, lambda: screen.view is not None and screen.view.last_seq > seen, "South's order")
            await pilot.pause()
            assert set(redrawn) == {"log", "round-board"}
            text = screen_text(app)
            assert "Southland — Team South" in text and "sealed until the reveal" in text
            assert "SOUTH-WHY" not in text and "Hold naval drills" not in text
    finally:
        south.close()
