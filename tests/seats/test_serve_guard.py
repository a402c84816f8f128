"""The guard in front of textual-serve, with a real aiohttp server and a fake app process: Host and
Origin checks, the seat cap, the size clamp (query string and resize messages), malformed messages,
and the client's address handed to the app."""

from __future__ import annotations

import asyncio
import shlex
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from explorer.serving import MAX_SIZE, MIN_SIZE, Guard, GuardedServer, clamp_size

FAKE_APP = Path(__file__).resolve().parent.parent / "support" / "serve_app_fake.py"


class Served:
    def __init__(self, client: TestClient, server: GuardedServer, log: list[str]) -> None:
        self.client, self.server, self.log = client, server, log
        self.origin = f"http://127.0.0.1:{client.port}"

    def headers(self, origin: str | None = None, host: str | None = None) -> dict[str, str]:
        found = {"Host": host or f"127.0.0.1:{self.client.port}"}
        if origin is not None or host is None:
            found["Origin"] = origin if origin is not None else self.origin
        return found

    async def connect(self, query: str = "", **headers: str | None):  # type: ignore[no-untyped-def]
        return await self.client.ws_connect(f"/ws{query}", headers=self.headers(**headers))


async def _first_data(ws) -> str:  # type: ignore[no-untyped-def]
    message = await asyncio.wait_for(ws.receive(), timeout=30)
    assert isinstance(message.data, bytes), message
    return message.data.decode()


@pytest.fixture
async def served(unused_tcp_port: int) -> AsyncIterator[Served]:
    log: list[str] = []
    port = unused_tcp_port
    guard = Guard.for_address(f"http://127.0.0.1:{port}", "127.0.0.1", port, max_seats=2)
    command = shlex.join([sys.executable, str(FAKE_APP)])
    server = GuardedServer(command, guard=guard, client_option=True, log=log.append,
                           host="127.0.0.1", port=port, public_url=f"http://127.0.0.1:{port}")
    app = await server.make_app()
    client = TestClient(TestServer(app, host="127.0.0.1", port=port))
    await client.start_server()
    try:
        yield Served(client, server, log)
    finally:
        for _ in range(200):  # let every app process end before the event loop does
            if server.seats == 0:
                break
            await asyncio.sleep(0.05)
        await client.close()


def test_sizes_are_clamped() -> None:
    assert clamp_size("50000", "10000") == MAX_SIZE
    assert clamp_size(-3, 0) == MIN_SIZE
    assert clamp_size("wide", None) == (80, 24)
    assert clamp_size(10**400, 30) == (MAX_SIZE[0], 30)


async def test_a_page_of_the_served_address_gets_an_app_with_its_client_named(served: Served) -> None:
    ws = await served.connect("?width=100&height=30")
    assert await _first_data(ws) == "start 100x30 --client 127.0.0.1"
    await ws.close()


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null", ""])
async def test_a_foreign_origin_is_refused_and_logged(served: Served, origin: str) -> None:
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.connect(origin=origin)
    assert refused.value.status == 403
    assert served.server.seats == 0 and any("may not open an app" in line for line in served.log)


async def test_another_host_name_is_refused(served: Served) -> None:
    """A DNS-rebinding page reaches the port under a name of its own: refused, even for the page."""
    response = await served.client.get("/", headers={"Host": f"rebind.example:{served.client.port}"})
    assert response.status == 421
    assert "answers at http://127.0.0.1:" in await response.text()
    assert (await served.client.get("/", headers=served.headers())).status == 200


async def test_the_seat_cap_refuses_the_next_tab_until_one_closes(served: Served) -> None:
    first, second = await served.connect(), await served.connect()
    await _first_data(first)
    await _first_data(second)
    assert served.server.seats == 2
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.connect()
    assert refused.value.status == 503 and any("all 2 seats are taken" in line for line in served.log)
    await first.close()
    for _ in range(100):
        if served.server.seats < 2:
            break
        await asyncio.sleep(0.05)
    third = await served.connect()
    assert (await _first_data(third)).startswith("start ")
    await second.close()
    await third.close()


async def test_sizes_from_the_query_and_from_resize_messages_are_clamped(served: Served) -> None:
    ws = await served.connect("?width=50000&height=10000")
    assert (await _first_data(ws)).startswith(f"start {MAX_SIZE[0]}x{MAX_SIZE[1]} ")
    await ws.send_json(["resize", {"width": 99999, "height": -5}])
    assert await _first_data(ws) == f"resize {MAX_SIZE[0]}x{MIN_SIZE[1]}"
    await ws.close()


async def test_malformed_messages_are_dropped_and_the_app_goes_on(served: Served) -> None:
    ws = await served.connect()
    await _first_data(ws)
    for bad in ("not json", "{}", "[]", "[1, 2]", '["resize"]', '["resize", 5]', '["stdin", 5]', '["shell", "rm"]',
                "[" * 100_000):
        await ws.send_str(bad)
    await ws.send_json(["stdin", "x"])
    assert await _first_data(ws) == "stdin x"
    await ws.send_json(["ping", "still here"])
    pong = await asyncio.wait_for(ws.receive_json(), timeout=30)
    assert pong == ["pong", "still here"]
    await ws.close()
    assert sum("malformed" in line for line in served.log) == 1
