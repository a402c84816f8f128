"""A real browser: headless Debian chromium, driven by Playwright, opens `explorer serve --game FILE`,
types a team's join code, sees the seat view and takes the team's move.

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

from explorer.game.session import GameSession

ROOT = Path(__file__).parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(game: GameSession) -> Iterator[str]:
    """`explorer serve --game FILE` on a free local port; its URL. The server and its apps are stopped after."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", "--game", str(game.store.path), "--port", str(port)],
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


def test_a_browser_tab_joins_with_a_code_and_takes_the_teams_move(
        served: str, game: GameSession, codes: dict[str, str]) -> None:
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

            wait_until(lambda: "join code" in screen_text(), "the code prompt never showed")
            page.wait_for_timeout(500)
            page.focus("textarea.xterm-helper-textarea")
            start = len(frames)
            page.keyboard.type(codes["Red"].lower())
            page.keyboard.press("Enter")
            wait_until(lambda: "Your move: Redland decides" in screen_text(start), "the seat view did not show")
            assert "SECRET" not in screen_text()
            start = len(frames)
            page.keyboard.press("1")
            page.wait_for_timeout(300)
            page.keyboard.type("keep it open")
            page.keyboard.press("Enter")
            wait_until(lambda: "Waiting: Team Blue" in screen_text(start), "the move did not show")
        finally:
            browser.close()
    moves = [e for e in game.store.events() if e.advances]
    assert [(e.seat, e.body.label, e.body.rationale) for e in moves] == [("Red", "Patrol the strait", "keep it open")]
