"""A real browser: headless Debian chromium, driven by Playwright, opens `explorer serve` and takes a move.

Skipped when /usr/bin/chromium, Playwright or textual-serve is missing. No browser is ever
downloaded; every request that does not go to the local server is refused (no network).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import browser_tab, serving


@pytest.fixture
def served(summit: Path) -> Iterator[str]:
    """`explorer serve SUMMIT` on a free local port; its URL."""
    with serving(str(summit)) as url:
        yield url


def test_a_browser_tab_gets_the_explorer_and_takes_a_move(served: str) -> None:
    with browser_tab(served) as tab:
        tab.wait_until(lambda: "A summit [/] under strain" in tab.text(), "the app never drew its title")
        seen, deadline = -1, time.monotonic() + 30
        while seen != len(tab.frames) and time.monotonic() < deadline:  # until it stops drawing for 0.4 s
            seen = len(tab.frames)
            tab.page.wait_for_timeout(400)
        before = tab.page.screenshot()
        assert "Southland replies" not in tab.text()
        tab.focus_terminal()
        start = len(tab.frames)
        tab.page.keyboard.press("1")  # take option 1, "Offer a freeze", which leads to "Southland replies"
        tab.wait_until(lambda: "Southland replies" in tab.text(start), "the move did not show")
        assert "Offer a freeze" in tab.text(start)
        tab.page.wait_for_timeout(300)
        assert tab.page.screenshot() != before
