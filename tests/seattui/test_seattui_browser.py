"""A real browser: headless Debian chromium, driven by Playwright, opens `explorer serve --game FILE`,
types a team's join code, sees the seat view and takes the team's move.

Skipped when /usr/bin/chromium, Playwright or textual-serve is missing. No browser is ever
downloaded; every request that does not go to the local server is refused (no network).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.game.session import GameSession
from tests.support.browser import browser_tab, serving


@pytest.fixture
def served(game: GameSession) -> Iterator[str]:
    """`explorer serve --game FILE` on a free local port; its URL."""
    with serving("--game", str(game.store.path)) as url:
        yield url


def test_a_browser_tab_joins_with_a_code_and_takes_the_teams_move(
        served: str, game: GameSession, codes: dict[str, str]) -> None:
    with browser_tab(served) as tab:
        tab.wait_until(lambda: "join code" in tab.text(), "the code prompt never showed")
        tab.page.wait_for_timeout(500)
        tab.focus_terminal()
        start = len(tab.frames)
        tab.page.keyboard.type(codes["Red"].lower())
        tab.page.keyboard.press("Enter")
        tab.wait_until(lambda: "Your move: Redland decides" in tab.text(start), "the seat view did not show")
        assert "SECRET" not in tab.text()
        start = len(tab.frames)
        tab.page.keyboard.press("1")
        tab.page.wait_for_timeout(300)
        tab.page.keyboard.type("keep it open")
        tab.page.keyboard.press("Enter")
        tab.wait_until(lambda: "Waiting: Team Blue" in tab.text(start), "the move did not show")
    moves = [e for e in game.store.events() if e.advances]
    assert [(e.seat, e.body.label, e.body.rationale) for e in moves] == [("Red", "Patrol the strait", "keep it open")]
