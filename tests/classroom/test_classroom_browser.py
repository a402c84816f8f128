"""Real browsers (headless Debian chromium, Playwright) on `explorer serve --game FILE`: two teams'
tabs give their orders to the same round and both see the reveal; and the page asks for nothing
outside this machine (a class needs no internet).

Skipped when /usr/bin/chromium, Playwright or textual-serve is missing. No browser is ever
downloaded; every request that does not go to the local server is refused and recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from explorer.game.class_events import Ordered, Revealed
from explorer.game.session import GameSession
from tests.support.browser import TerminalTab, browser_tabs, serving

Seat = Callable[[str], GameSession]


@pytest.fixture
def served(game: GameSession) -> Iterator[str]:
    """`explorer serve --game FILE` on a free local port; its URL."""
    with serving("--game", str(game.store.path)) as url:
        yield url


def join(tab: TerminalTab, code: str) -> None:
    tab.wait_until(lambda: "join code" in tab.text(), "the code prompt never showed")
    tab.page.wait_for_timeout(500)
    tab.focus_terminal()
    start = len(tab.frames)
    tab.page.keyboard.type(code)
    tab.page.keyboard.press("Enter")
    tab.wait_until(lambda: "Round 1 — the first week" in tab.text(start), "the seat did not show the round")


def order(tab: TerminalTab, number: int, why: str) -> None:
    tab.focus_terminal()
    tab.page.keyboard.press(str(number))
    tab.page.wait_for_timeout(300)
    tab.page.keyboard.type(why)
    tab.page.keyboard.press("Enter")


def test_two_browser_seats_order_in_one_round_and_both_see_the_reveal(
        served: str, game: GameSession, codes: dict[str, str], seat: Seat) -> None:
    game.submit_order("envoy", 0, None)
    seat("East").submit_order("east", 0, None)
    seat("West").submit_order("west", 0, None)
    with browser_tabs(served, 2) as (north, south):
        join(north, codes["North"])
        join(south, codes["South"])
        marks = {"north": len(north.frames), "south": len(south.frames)}
        order(north, 1, "north opens the hotline")
        order(south, 1, "south sends the envoy")
        for tab, name in ((north, "north"), (south, "south")):
            tab.wait_until(lambda t=tab, n=name: "Revealed — Round 1" in t.text(marks[n]), f"{name} saw no reveal")
            assert "A thaw — the hotline rings" in tab.text(marks[name])
        requests = north.requests + south.requests
    assert requests and all(url.startswith(served) for url in requests), [u for u in requests
                                                                          if not u.startswith(served)]
    assert any("/static/fonts/" in url for url in requests)  # the font, from this machine
    game.refresh()
    sent = {(e.seat, e.body.move_id, e.body.rationale) for e in game.events if isinstance(e.body, Ordered)}
    assert {("North", "talk", "north opens the hotline"), ("South", "engage", "south sends the envoy")} <= sent
    assert [e.body.rule_id for e in game.events if isinstance(e.body, Revealed)] == ["thaw"]
