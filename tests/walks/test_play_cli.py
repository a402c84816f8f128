"""`explorer play --resume/--no-save/--watch` refused in words where they cannot work (before any UI
opens), and `explorer walk export` on files that are not saved walks."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from tests.tui.tui_helpers import FIXTURE


def test_resume_refuses_a_new_seed_and_says_when_nothing_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["play", str(FIXTURE), "--resume", "--seed", "3"]) == 2
    assert "a resumed walk keeps its own seed" in capsys.readouterr().err
    assert main(["play", str(FIXTURE), "--resume"]) == 2
    err = capsys.readouterr().err
    assert "no saved walk of 'harbour' in" in err and str(tmp_path) in err
    not_a_walk = tmp_path / "x.walk.jsonl"
    not_a_walk.write_text("hello\n", encoding="utf-8")
    assert main(["play", str(FIXTURE), "--resume", str(not_a_walk)]) == 2
    assert "is not a saved walk" in capsys.readouterr().err


def test_walk_export_refuses_what_is_not_a_saved_walk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.walk.jsonl"
    empty.write_bytes(b"")
    assert main(["walk", "export", str(empty)]) == 2
    assert "is empty: not a saved walk" in capsys.readouterr().err
    assert main(["walk", "export", str(tmp_path / "missing.walk.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
