"""Scenario text, team names and file names reach the terminal literally: escapes, NUL, C1 and
bidi controls are shown as visible escapes by `check`, `solve`, `log`, `report`, the `game`
summary and the exports; GraphML stays valid XML and Graphviz accepts the DOT."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.terminal_text import json_text, shown, xml_text

HOSTILE = """\
format: 1
id: hostile
title: "Title \\e[2J\\e[H cleared \\u202eevil"
actors:
  a: {name: "Alpha \\e]0;pwned\\a", short: A}
  b: {name: "Beta \\u200b"}
start: s
nodes:
  s:
    kind: decision
    actor: a
    title: "Start \\0 NUL and \\x85 NEL\\nand a second line"
    options:
      - {label: "Go \\e[31m red", to: e1}
      - {label: "Stay \\u202e", to: e2}
  e1: {kind: outcome, title: "End one \\e[2J", payoffs: {a: 1, b: 0}}
  e2: {kind: outcome, title: "End two \\r", payoffs: {a: 0, b: 1}}
"""


def _raw_controls(text: str) -> list[str]:
    """Characters a terminal would act on (newlines and tabs between lines are fine)."""
    return sorted({repr(ch) for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0
                   or ch in "\u202e\u200b\u2028\u2029\ufeff"})


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_the_helper_escapes_what_a_terminal_acts_on() -> None:
    assert shown("a\x1b[2Jb\u202ec\nd\x00\x85\t") == "a\\x1b[2Jb\\u202ec\\nd\\x00\\x85\\t"
    assert shown("one\ntwo\tthree\x07", lines=True) == "one\ntwo\tthree\\x07"
    assert json.loads(json_text(json.dumps("x\u202e\x85y", ensure_ascii=False))) == "x\u202e\x85y"
    assert not _raw_controls(json_text(json.dumps("x\u202e\x85\x1by", ensure_ascii=False)))
    ET.fromstring(f"<a>{xml_text('x' + chr(1) + chr(0xFFFE) + chr(0xD800) + 'y')}</a>")


def test_check_shows_hostile_file_names_and_keys_literally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = tmp_path / "evil\x1b[2J\nname\u202e.yaml"
    name.write_text(HOSTILE.replace("start: s\n", "start: s\n\"key\\u202e\\e[1m\": 1\n"), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    assert "evil\\x1b[2J\\nname\\u202e.yaml:8:1: error: unknown key 'key\\u202e\\x1b[1m'" in out
    assert len(out.splitlines()) == 2  # the error and the summary: a newline in a name breaks no line


def test_check_json_keeps_the_text_exact_but_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = tmp_path / "evil\u202e.yaml"
    name.write_text("format: 1\n", encoding="utf-8")
    main(["check", "--json", str(name)])
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    assert {p["file"] for p in json.loads(out)} == {str(name)}


@pytest.mark.parametrize("command", [["solve"], ["solve", "--json"], ["simulate", "--runs", "50"], ["sensitivity"]])
def test_analysis_reports_show_scenario_text_literally(hostile: Path, command: list[str],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command[0], str(hostile), *command[1:]]) == 0
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    if "--json" in command:
        assert json.loads(out)["title"] == "Title \x1b[2J\x1b[H cleared \u202eevil"  # still JSON, exact
    elif command == ["solve"]:
        assert "Title \\x1b[2J\\x1b[H cleared \\u202eevil" in out


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "json"])
def test_exports_hold_no_raw_control_characters(hostile: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(hostile), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not _raw_controls(text) and "\x00" not in text
    if fmt == "graphml":
        root = ET.fromstring(text.encode("utf-8"))  # well-formed XML
        titles = [d.text for d in root.iter() if d.text and d.text.startswith("Title")]
        assert titles == ["Title \\x1b[2J\\x1b[H cleared \\u202eevil"]
    if fmt == "json":
        assert json.loads(text)["graph"]["title"] == "Title \x1b[2J\x1b[H cleared \u202eevil"  # data kept exact


def test_graphviz_accepts_the_dot(hostile: Path, tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz is not installed")
    out = tmp_path / "out.dot"
    assert main(["export", str(hostile), "--format", "dot", "-o", str(out)]) == 0
    done = subprocess.run([dot, "-Tsvg", str(out)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_game_summary_log_and_report_show_text_literally(hostile: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "game\x1b[2J.sqlite"
    assert main(["game", str(hostile), "--team", "a=Red", "--store", str(store), "--no-tui", "--seed", "1"]) == 0
    assert main(["log", str(store)]) == 0
    assert main(["report", str(store), "--no-analysis"]) == 0
    out = capsys.readouterr().out
    assert not _raw_controls(out)
    assert "game\\x1b[2J.sqlite" in out and "Alpha \\x1b]0;pwned\\x07" in out and "Title \\x1b[2J" in out
    assert main(["log", "--jsonl", str(store)]) == 0
    lines = capsys.readouterr().out
    assert not _raw_controls(lines)
    started = json.loads(lines.splitlines()[0])
    assert started["payload"]["scenario_title"] == "Title \x1b[2J\x1b[H cleared \u202eevil"
