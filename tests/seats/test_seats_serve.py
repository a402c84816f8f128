"""`explorer serve`: this machine only by default; another address needs --public and warns."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.commands.serve import app_command, is_loopback, public_url
from tests.support.serve_fakes import FakeServer


@pytest.mark.parametrize(("host", "local"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("classroom-pc", False),
])
def test_loopback_hosts(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_another_address_without_public_is_refused(summit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(summit), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "there is no login" in err and "--public" in err and len(err.splitlines()) == 1


def test_the_default_serves_this_machine_only_without_a_warning(
        summit: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(summit), "--seed", "5"]) == 0
    assert "warning" not in capsys.readouterr().err
    [made] = fake_server.made
    assert made["host"] == "127.0.0.1" and made["port"] == 8000 and made["public_url"] == "http://127.0.0.1:8000"
    assert shlex.split(made["command"]) == [sys.executable, "-m", "explorer", "play", "--no-save", str(summit.resolve()),
                                           "--seed", "5"]


def test_public_serving_warns_that_there_is_no_login(
        summit: Path, fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["serve", str(summit), "--host", "0.0.0.0", "--port", "8123", "--public", "--public-url", "http://pc:8123"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "no login" in err and "join codes" in err
    assert fake_server.made[0]["host"] == "0.0.0.0" and fake_server.made[0]["public_url"] == "http://pc:8123"


def test_urls_and_commands() -> None:
    assert public_url("::1", 8000) == "http://[::1]:8000"
    assert public_url("0.0.0.0", 80).endswith(":80") and "0.0.0.0" not in public_url("0.0.0.0", 80)
    path = "/tmp/a scenario; rm -rf ~.yaml"
    assert shlex.split(app_command(path, None))[-1] == path  # quoted for the shell textual-serve uses
    assert "--no-save" in shlex.split(app_command(path, None))  # a visitor's walk is not kept on the server


def test_a_broken_scenario_is_refused_before_serving(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n")
    assert main(["serve", str(broken)]) == 1
    assert "error" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "missing.yaml")]) == 2


@pytest.mark.parametrize("argv", [["serve", "{loop}"], ["serve", "--game", "{loop}"],
                                  ["game", "{summit}", "--store", "{loop}", "--no-tui"], ["check", "{loop}"]])
def test_a_symbolic_link_loop_is_refused_in_words(tmp_path: Path, summit: Path, argv: list[str],
                                                  fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    code = main([arg.format(loop=tmp_path / "a", summit=summit) for arg in argv])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code in (1, 2) and "Traceback" not in text and not fake_server.made
    assert "symbolic link loop" in text or "Too many levels of symbolic links" in text
