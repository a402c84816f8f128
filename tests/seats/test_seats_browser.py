"""A real browser: headless Debian chromium, driven by Playwright, opens `explorer serve` and takes a move.

Skipped when /usr/bin/chromium, Playwright or textual-serve is missing. No browser is ever
downloaded; every request that does not go to the local server is refused (no network).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from seat_helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(summit: Path) -> Iterator[str]:
    """`explorer serve SUMMIT` on a free local port; its URL. The server and its apps are stopped after."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", str(summit), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[1]
            assert time.monotonic() < deadline, "explorer serve did not start listening"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:  # the server's session holds it and the app processes it started for each tab
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_browser_tab_gets_the_explorer_and_takes_a_move(served: str) -> None:
    from playwright.sync_api import sync_playwright

    frames: list[bytes | str] = []

    def screen_text(start: int = 0) -> str:
        """What the app wrote to the browser's terminal since frame `start`, escapes removed."""
        raw = "".join(f.decode("utf-8", "replace") if isinstance(f, bytes) else "" for f in frames[start:])
        return _ESCAPES.sub("", raw)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
                       else route.abort())
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
            page.goto(served)

            def wait_until(check: object, what: str, timeout: float = 60) -> None:
                deadline = time.monotonic() + timeout
                while not check():  # type: ignore[operator]
                    assert time.monotonic() < deadline, f"{what}; the screen said:\n{screen_text()[-2000:]}"
                    page.wait_for_timeout(100)  # lets Playwright deliver the websocket frames

            wait_until(lambda: "A summit [/] under strain" in screen_text(), "the app never drew its title")
            seen, deadline = -1, time.monotonic() + 30
            while seen != len(frames) and time.monotonic() < deadline:  # until it stops drawing for 0.4 s
                seen = len(frames)
                page.wait_for_timeout(400)
            before = page.screenshot()
            assert "Southland replies" not in screen_text()
            page.focus("textarea.xterm-helper-textarea")
            start = len(frames)
            page.keyboard.press("1")  # take option 1, "Offer a freeze", which leads to "Southland replies"
            wait_until(lambda: "Southland replies" in screen_text(start), "the move did not show")
            assert "Offer a freeze" in screen_text(start)
            page.wait_for_timeout(300)
            assert page.screenshot() != before
        finally:
            browser.close()
