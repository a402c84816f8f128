"""A real browser (headless Debian chromium, Playwright): a page of another origin on this machine
cannot open an app of `explorer serve` through its websocket; the served page itself can.

The other origin is a real local web server on another port: Chromium already blocks pages of
public origins (and pages made up with `page.route`) from reaching local addresses, so only a
local page is a test of the server. Skipped when /usr/bin/chromium, Playwright or textual-serve is
missing; nothing is downloaded and every request that leaves these two servers is refused.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import ARGS, CHROMIUM, browser_tab, serving

PROBE = """<!doctype html><title>probe</title>
<script>
  const ws = new WebSocket(%r);
  ws.onopen = () => { document.title = "opened"; };
  ws.onerror = () => { document.title = "refused"; };
</script>
"""


@pytest.fixture
def served(summit: Path) -> Iterator[str]:
    with serving(str(summit)) as url:
        yield url


@pytest.fixture
def other_origin(served: str) -> Iterator[str]:
    """A local web server on another port whose page tries to open the served app's websocket."""
    body = (PROBE % (served.replace("http://", "ws://") + "ws?width=80&height=24")).encode()

    class Probe(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Probe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_of_another_origin_cannot_open_an_app(served: str, other_origin: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(other_origin)
                       else route.abort())
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.goto(other_origin)
            page.wait_for_function("document.title !== 'probe'", timeout=30_000)
            assert page.title() == "refused"
            assert not any("LOCAL_NETWORK_ACCESS" in m for m in messages), messages  # refused by the server
        finally:
            browser.close()


def test_the_served_page_opens_its_app(served: str) -> None:
    with browser_tab(served) as tab:
        tab.wait_until(lambda: "A summit [/] under strain" in tab.text(), "the app never drew its title")
