"""The web server of `explorer serve`: textual-serve's, with a guard in front of it.

textual-serve 1.x starts one app process per websocket and has no options for who may connect,
so the guard is an aiohttp middleware added to its application, plus a filter on the messages a
browser sends (two small overrides; everything else is textual-serve's own, so it stays upgradable):

- Host: requests must name the served address (a DNS-rebinding page cannot reach it by a name of
  its own); Origin: the websocket must come from a page of the served address, so no other web
  page open on the machine (or on the network) can start app processes and type into them.
- Seats: at most `max_seats` apps run at once; more tabs are told the class is full.
- Sizes: the terminal size in the query string and in resize messages is clamped.
- Messages: malformed ones are dropped (textual-serve would log a traceback and close).
- Each app is told who connected (`--client ADDRESS`), so join-code guessing is counted per client.
- Offline: the page asks for nothing outside this machine (textual-serve's asks Google for its
  font; it is served from textual-serve's own static folder instead), so a class needs no internet.
- Lighter seats: each app is forked from one parent that has imported the explorer and Textual
  (`explorer.seat_forks`), so the seats share that code instead of each loading its own copy.
"""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import json
import logging
import re
import shlex
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server

from explorer.json_nesting import too_deep
from explorer.seat_forks import SeatForks
from explorer.serving_forks import ForkedAppService, seat_environment

DEFAULT_SEATS = 40
"""Apps running at once unless `--max-seats` says otherwise: a class of 30 with spare tabs."""
MIN_SIZE, MAX_SIZE = (20, 5), (400, 150)
"""Smallest and largest terminal (columns, rows) an app is started or resized to."""

_PEER: contextvars.ContextVar[str | None] = contextvars.ContextVar("peer", default=None)


@dataclass(frozen=True)
class Guard:
    """Who may connect, and how many apps may run."""

    hosts: frozenset[str]
    """`host:port` values the Host header may have (lowercase)."""
    origins: frozenset[str]
    """`scheme://host:port` values the Origin header of the websocket may have (lowercase)."""
    max_seats: int = DEFAULT_SEATS
    public_url: str = ""

    @classmethod
    def for_address(cls, public_url: str, host: str, port: int, max_seats: int = DEFAULT_SEATS) -> Guard:
        """The addresses a page of `public_url` (served on `host`:`port`) is reached by: the public
        URL's, the listening address when it is a real one, and this machine's names when the
        server listens on this machine only."""
        names = {_host_name(urlsplit(public_url).hostname or "")}
        listen = host.strip("[]").lower()
        if listen and listen not in ("0.0.0.0", "::"):
            names.add(_host_name(listen))
        if _loopback(listen):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        public_port = urlsplit(public_url).port or port
        hosts = {f"{name}:{p}" for name in names for p in {port, public_port}}
        scheme = urlsplit(public_url).scheme or "http"
        origins = {f"{scheme}://{h}" for h in hosts}
        if public_port in (80, 443):
            hosts |= names
            origins |= {f"{scheme}://{name}" for name in names}
        return cls(frozenset(hosts), frozenset(origins), max_seats, public_url)


def _host_name(name: str) -> str:
    name = name.lower().strip("[]")
    try:
        return f"[{name}]" if ipaddress.ip_address(name).version == 6 else name
    except ValueError:
        return name


def _loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size within `MIN_SIZE`..`MAX_SIZE` from whatever a browser sent (80x24 if unreadable)."""
    return (_clamp(width, 80, MIN_SIZE[0], MAX_SIZE[0]), _clamp(height, 24, MIN_SIZE[1], MAX_SIZE[1]))


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return default
    return max(low, min(high, number))


class GuardedServer(Server):  # type: ignore[misc]
    """textual-serve's `Server` with the guard: use it as `Server` is used (`serve()`)."""

    def __init__(self, command: str, *, guard: Guard, client_option: bool = False,
                 log: Callable[[str], None] = print, fork_seats: bool = True, **options: Any) -> None:
        self._base_command = command
        self._client_option = client_option
        super().__init__(command, **options)
        self.guard = guard
        self.log = log
        self.seats = 0
        self.fork_seats = fork_seats
        self.forks: SeatForks | None = None
        """The parent seats are forked from, while `serve()` runs (None: each seat starts afresh)."""

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve()`, with the forking parent started first and stopped after."""
        if self.fork_seats and not debug:
            self.forks = SeatForks.start(self._base_command, seat_environment())
            if self.forks is None:
                self.log("could not start the parent seats are forked from: each seat starts as a fresh process")
        try:
            super().serve(debug)
        finally:
            if self.forks is not None:
                self.forks.close()
                self.forks = None

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, starting the app with `ForkedAppService`."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(request.query.get("width", "80"), request.query.get("height", "24"))
        app_service: ForkedAppService | None = None
        try:
            await websocket.prepare(request)
            app_service = ForkedAppService(self.command, forks=self.forks, write_bytes=websocket.send_bytes,
                                           write_str=websocket.send_str, close=websocket.close,
                                           download_manager=self.download_manager, debug=self.debug)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:  # as textual-serve: logged, the socket closed
            logging.getLogger("textual-serve").exception(exc)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    @property  # type: ignore[override]
    def command(self) -> str:
        """The app's command; with the client's address when the app counts join attempts per client."""
        peer = _PEER.get()
        if peer is None or not self._client_option:
            return self._base_command
        return f"{self._base_command} --client {shlex.quote(peer)}"

    @command.setter
    def command(self, value: str) -> None:
        self._base_command = value

    async def make_app(self) -> web.Application:
        """textual-serve's application with the guard in front of every route (what `serve()` runs)."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(_make_middleware(self))
        aiohttp_jinja2.get_env(app).loader = _OfflinePage(self.templates_path)
        return app

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        await super()._process_messages(_SafeMessages(websocket, self.log), app_service)


_WEB_FONT = re.compile(r'<link[^>]*href="https://fonts\.googleapis\.com/[^"]*"[^>]*>', re.S)
_LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""


class _OfflinePage(jinja2.FileSystemLoader):
    """textual-serve's templates, with the web font they fetch from Google replaced by the same
    font from textual-serve's static folder."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return _WEB_FONT.sub(lambda _: _LOCAL_FONT, source), filename, uptodate


def _make_middleware(server: GuardedServer) -> Any:
    guard = server.guard

    @web.middleware
    async def guarded(request: web.Request, handler: Any) -> web.StreamResponse:
        peer = request.remote or "unknown"
        host = (request.headers.get("Host") or "").lower()
        if host not in guard.hosts:
            server.log(f"refused {peer}: Host {host!r} is not this server's address")
            return web.Response(status=421, text=f"This server answers at {guard.public_url}\n")
        if request.path != "/ws":
            return await handler(request)
        origin = (request.headers.get("Origin") or "").lower().rstrip("/")
        if origin not in guard.origins:
            server.log(f"refused {peer}: a page from {origin or 'no origin'} may not open an app here")
            return web.Response(status=403, text="Only pages of this server may open its apps.\n")
        if server.seats >= guard.max_seats:
            server.log(f"refused {peer}: all {guard.max_seats} seats are taken")
            return web.Response(status=503, text=f"All {guard.max_seats} seats are taken: close a tab and try again.\n")
        width, height = clamp_size(request.query.get("width", "80"), request.query.get("height", "24"))
        request = request.clone(rel_url=request.rel_url.update_query(width=str(width), height=str(height)))
        server.seats += 1
        token = _PEER.set(peer)
        try:
            return await handler(request)
        finally:
            _PEER.reset(token)
            server.seats -= 1

    return guarded


class _Text:
    """A text message as textual-serve reads one (`type`, `json()`)."""

    type = WSMsgType.TEXT

    def __init__(self, envelope: list[Any]) -> None:
        self.envelope = envelope

    def json(self) -> list[Any]:
        return self.envelope


class _SafeMessages:
    """The browser's websocket as textual-serve reads it, with malformed messages dropped and
    resize messages clamped; everything else is passed to the real websocket."""

    def __init__(self, websocket: web.WebSocketResponse, log: Callable[[str], None]) -> None:
        self._websocket = websocket
        self._log = log

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._messages()

    async def _messages(self) -> AsyncIterator[Any]:
        dropped = 0
        async for message in self._websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = _envelope(message.data)
            if envelope is None:
                dropped += 1
                if dropped == 1:
                    self._log("dropped a malformed message from a browser (further ones are dropped silently)")
                continue
            yield _Text(envelope)


def _envelope(data: Any) -> list[Any] | None:
    """The message as textual-serve expects it, sizes clamped; None when it is malformed."""
    if not isinstance(data, str) or too_deep(data):
        return None
    try:
        envelope = json.loads(data)
    except (TypeError, ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind = envelope[0]
    if kind == "stdin":
        return envelope if len(envelope) == 2 and isinstance(envelope[1], str) else None
    if kind == "resize":
        size = envelope[1] if len(envelope) == 2 else None
        if not isinstance(size, dict):
            return None
        width, height = clamp_size(size.get("width"), size.get("height"))
        return ["resize", {"width": width, "height": height}]
    if kind in ("ping", "blur", "focus"):
        return envelope if len(envelope) <= 2 else None
    return None
