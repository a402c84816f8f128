"""Real-browser tests: `explorer serve` on a free local port, and a Debian chromium tab on it.

Playwright drives /usr/bin/chromium (no browser is ever downloaded), and every request that
does not go to the local server is refused, so nothing leaves the machine. The helpers skip
the calling test when chromium, Playwright or textual-serve is missing.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(*serve_args: str) -> Iterator[str]:
    """`explorer serve SERVE_ARGS` on a free local port; yields its URL, stops it and its apps after."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", *serve_args, "--port", str(port)],
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


class TerminalTab:
    """A browser tab on a served app, reading what the app draws from its websocket frames."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.frames: list[bytes | str] = []
        self.requests: list[str] = []
        """Every URL the page asked for (those not of the local server are refused)."""
        page.on("request", lambda request: self.requests.append(request.url))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: self.frames.append(payload)))
        page.goto(url)

    def text(self, start: int = 0) -> str:
        """What the app wrote to the terminal since frame `start`, escapes removed."""
        raw = "".join(f.decode("utf-8", "replace") if isinstance(f, bytes) else "" for f in self.frames[start:])
        return _ESCAPES.sub("", raw)

    def wait_until(self, check: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, f"{what}; the screen said:\n{self.text()[-2000:]}"
            self.page.wait_for_timeout(100)  # lets Playwright deliver the websocket frames

    def focus_terminal(self) -> None:
        self.page.focus("textarea.xterm-helper-textarea")


@contextmanager
def browser_tab(url: str) -> Iterator[TerminalTab]:
    """A headless chromium tab on `url`, closed after."""
    with browser_tabs(url, 1) as tabs:
        yield tabs[0]


@contextmanager
def browser_tabs(url: str, count: int) -> Iterator[list[TerminalTab]]:
    """`count` tabs of one headless chromium on `url` (each its own app, as each team's laptop), closed after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield [TerminalTab(browser.new_context(viewport={"width": 1280, "height": 800}).new_page(), url)
                   for _ in range(count)]
        finally:
            browser.close()
