"""A kept answer: `explorer solve` on an unchanged scenario prints what it printed before, and never an
answer it should not trust (a changed file, a damaged entry, a folder others may write to)."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.commands import solve
from explorer.loading import answers, cache

CORPUS = Path(__file__).parent / "corpus" / "valid"


@pytest.fixture
def folder(cache_folder: Path) -> Path:
    return cache_folder


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths `explorer solve` had to solve (the answer was not kept)."""
    done: list[str] = []
    real = solve.solved

    def counted(path, *args):
        done.append(path)
        return real(path, *args)

    monkeypatch.setattr(solve, "solved", counted)
    return done


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    assert main(["solve", *argv]) == 0
    found = capsys.readouterr()
    return found.out, found.err


@pytest.fixture
def with_includes(tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(CORPUS, tmp_path / "scenario")
    yield tmp_path / "scenario" / "with_includes.yaml"


@pytest.mark.parametrize("flags", [[], ["--json"], ["--policy", "uniform"], ["--json", "--policy", "equilibrium"]])
def test_the_kept_answer_is_the_answer(flags: list[str], tmp_path: Path, folder: Path, solves: list[str],
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    first = run(capsys, str(path), *flags)
    second = run(capsys, str(path), *flags)
    assert solves == [str(path)] and len(list(folder.glob("*.answer"))) == 1
    assert second == first and "warning:" in first[1]  # the warnings are said again
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", "off")
    assert run(capsys, str(path), *flags) == first  # the same as solving it with no cache at all


def test_each_policy_and_form_has_its_own_answer(tmp_path: Path, folder: Path, solves: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    outs = {run(capsys, str(path), *flags)[0] for flags in ([], ["--json"], ["--policy", "uniform"])}
    assert len(outs) == 3 and len(solves) == 3 and len(list(folder.glob("*.answer"))) == 3


def test_a_changed_main_or_included_file_is_solved_again(with_includes: Path, folder: Path, solves: list[str],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = run(capsys, str(with_includes))
    part = with_includes.parent / "parts" / "actors.yaml"
    part.write_text(part.read_text().replace("name:", "name: Renamed", 1))
    second, _ = run(capsys, str(with_includes))
    assert len(solves) == 2 and "Renamed" in second and "Renamed" not in first
    with_includes.write_text(with_includes.read_text().replace("title:", "title: Changed", 1))
    third, _ = run(capsys, str(with_includes))
    assert len(solves) == 3 and "Changed" in third
    assert run(capsys, str(with_includes))[0] == third and len(solves) == 3


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "valid digest, bad header", "valid digest, bad text"])
def test_a_damaged_answer_is_ignored_and_replaced(damage: str, tmp_path: Path, folder: Path, solves: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    first = run(capsys, str(path), "--json")
    [entry] = folder.glob("*.answer")
    data = entry.read_bytes()
    forged = {"valid digest, bad header": b"{not json\n{}", "valid digest, bad text": b'{"files": [], "warnings": []}\n\xff\xfe'}
    broken = {
        "flip": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
        "truncate": data[: len(data) // 2],
        "empty": b"",
        **{name: answers.MAGIC + hashlib.sha256(text).digest() + text for name, text in forged.items()},
    }[damage]
    entry.write_bytes(broken)
    assert run(capsys, str(path), "--json") == first and len(solves) == 2
    assert run(capsys, str(path), "--json") == first and len(solves) == 2  # kept again, whole


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no user ids on this system")
def test_an_answer_others_may_write_to_is_not_read(tmp_path: Path, folder: Path, solves: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    first = run(capsys, str(path))
    [entry] = folder.glob("*.answer")
    entry.chmod(0o666)
    assert run(capsys, str(path)) == first and len(solves) == 2


def test_no_answer_is_kept_without_the_cache_or_for_a_broken_scenario(tmp_path: Path, folder: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", "off")
    run(capsys, str(path))
    assert not folder.exists()
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", str(folder))
    path.write_text(path.read_text().replace("start: open", "start: nowhere"))
    for _ in range(2):
        assert main(["solve", str(path)]) == 1
        assert "error:" in capsys.readouterr().out
    assert not list(folder.glob("*.answer"))


def test_an_answer_of_another_version_is_not_used(tmp_path: Path, folder: Path, solves: list[str],
                                                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "example.yaml"
    shutil.copy(CORPUS / "format_example.yaml", path)
    run(capsys, str(path))
    monkeypatch.setattr(answers, "libraries_fingerprint", lambda: b"another numpy")
    run(capsys, str(path))
    monkeypatch.setattr(cache, "program_fingerprint", lambda: b"another version")
    run(capsys, str(path))
    assert len(solves) == 3
