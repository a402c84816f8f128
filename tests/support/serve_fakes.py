"""A stand-in for textual-serve's `Server`, so `explorer serve` can be tested without listening."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest


class FakeServer:
    """Stands in for `textual_serve.server.Server`: records how it was made instead of listening."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: str, **options: Any) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        return None


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    pytest.importorskip("textual_serve.server", reason="textual-serve is not installed")
    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    monkeypatch.setattr("explorer.serving.GuardedServer", FakeServer)
    FakeServer.made.clear()
    return FakeServer
