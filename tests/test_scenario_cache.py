"""Compile once: a cached load is the uncached load, and the cache is never trusted when it should not be."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.unfolding import unfold
from explorer.bundled import bundled_scenarios
from explorer.loading import LoadResult, cache, load_scenario
from explorer.loading.cache import load_valid_cached
from tests.analysis.analysis_helpers import scenarios
from tests.analysis.round_helpers import round_games

CORPUS = Path(__file__).parent / "corpus" / "valid"


@pytest.fixture
def folder(cache_folder: Path) -> Path:
    return cache_folder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the cache had to load (its misses)."""
    missed: list[str] = []

    def counted(path):
        missed.append(os.fspath(path))
        return load_scenario(path)

    monkeypatch.setattr(cache, "load_scenario", counted)
    return missed


def same(cached: LoadResult, fresh: LoadResult) -> None:
    """The cached load holds what the uncached one does: models, problems, files, graph and its analysis."""
    assert cached.ok and fresh.ok
    assert (cached.path, cached.files) == (fresh.path, fresh.files)
    assert cached.scenario == fresh.scenario
    assert [str(p) for p in cached.problems.sorted()] == [str(p) for p in fresh.problems.sorted()]
    assert cached.graph is not None and fresh.graph is not None
    assert cached.graph.table.ids == fresh.graph.table.ids
    assert cached.graph.table.children == fresh.graph.table.children
    mine, theirs = unfold(cached.graph), unfold(fresh.graph)
    assert np.array_equal(mine.pos_node, theirs.pos_node) and mine.pos_key == theirs.pos_key
    assert [list(k) for k in mine.pos_kids] == [list(k) for k in theirs.pos_kids]
    a, b = equilibrium(mine), equilibrium(theirs)
    assert np.array_equal(np.asarray(a.values), np.asarray(b.values)) and np.array_equal(a.choice, b.choice)
    assert np.array_equal(a.odds, b.odds) and a.stages == b.stages


@pytest.mark.parametrize("path", [*bundled_scenarios(), *sorted(CORPUS.glob("*.yaml"))], ids=lambda p: p.name)
def test_bundled_and_corpus_scenarios_load_the_same_from_the_cache(path: Path, folder: Path, loads: list[str]) -> None:
    first = load_valid_cached(path)
    second = load_valid_cached(path)
    assert loads == [os.fspath(path)]  # the second came from the cache
    same(first, load_scenario(path))
    same(second, load_scenario(path))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(scenarios(), round_games()))
def test_generated_scenarios_load_the_same_from_the_cache(text: str) -> None:
    before = os.environ["SCENARIO_EXPLORER_CACHE"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCENARIO_EXPLORER_CACHE"] = str(Path(tmp) / "cache")
        try:
            path = Path(tmp) / "generated.yaml"
            path.write_text(text)
            load_valid_cached(path)
            assert len(list((Path(tmp) / "cache").glob("*.entry"))) == 1
            same(load_valid_cached(path), load_scenario(path))
        finally:
            os.environ["SCENARIO_EXPLORER_CACHE"] = before


@pytest.fixture
def with_includes(tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(CORPUS, tmp_path / "scenario")
    yield tmp_path / "scenario" / "with_includes.yaml"


def test_a_changed_included_file_is_loaded_again(with_includes: Path, folder: Path, loads: list[str]) -> None:
    load_valid_cached(with_includes)
    part = with_includes.parent / "parts" / "actors.yaml"
    part.write_text(part.read_text().replace("name:", "name: Renamed", 1))
    result = load_valid_cached(with_includes)
    assert len(loads) == 2
    same(result, load_scenario(with_includes))
    load_valid_cached(with_includes)
    assert len(loads) == 2  # the new content is cached in turn


def test_a_changed_main_file_is_loaded_again(tmp_path: Path, folder: Path, loads: list[str], tiny_yaml: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    load_valid_cached(path)
    path.write_text(tiny_yaml.replace("A tiny crisis", "A changed crisis"))
    assert load_valid_cached(path).scenario.title == "A changed crisis"
    assert len(loads) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "valid digest, bad pickle"])
def test_a_damaged_entry_is_a_miss_and_is_replaced(damage: str, tmp_path: Path, folder: Path, loads: list[str],
                                                   tiny_yaml: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    load_valid_cached(path)
    [entry] = folder.glob("*.entry")
    data = entry.read_bytes()
    broken = {
        "flip": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
        "truncate": data[: len(data) // 2],
        "garbage": os.urandom(len(data)),
        "empty": b"",
        "valid digest, bad pickle": cache.MAGIC + hashlib.sha256(b"\x80\x05junk").digest() + b"\x80\x05junk",
    }[damage]
    entry.write_bytes(broken)
    same(load_valid_cached(path), load_scenario(path))
    assert len(loads) == 2
    load_valid_cached(path)
    assert len(loads) == 2  # the entry was written again, whole


def test_an_entry_of_another_version_of_the_program_is_not_used(tmp_path: Path, folder: Path, loads: list[str],
                                                                 tiny_yaml: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    load_valid_cached(path)
    monkeypatch.setattr(cache, "program_fingerprint", lambda: b"another version")
    load_valid_cached(path)
    assert len(loads) == 2


def test_the_fingerprint_changes_with_any_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "explorer"
    package.mkdir()
    (package / "__init__.py").write_text("__version__ = '0.1.0'\n")
    (package / "module.py").write_text("x = 1\n")
    monkeypatch.setattr(cache.explorer, "__file__", str(package / "__init__.py"))
    prints = []
    for change in ("", "x = 2\n", "x = 22\n"):
        if change:
            (package / "module.py").write_text(change)
            os.utime(package / "module.py", ns=(10**18 + len(prints), 10**18 + len(prints)))
        cache.program_fingerprint.cache_clear()
        prints.append(cache.program_fingerprint())
    cache.program_fingerprint.cache_clear()
    assert len(set(prints)) == 3


def test_a_broken_scenario_is_never_kept(tmp_path: Path, folder: Path, loads: list[str], tiny_yaml: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(tiny_yaml.replace("start: open", "start: nowhere"))
    for _ in range(2):
        assert not load_valid_cached(path).ok
    assert len(loads) == 2 and not list(folder.glob("*.entry"))


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loads: list[str], tiny_yaml: str) -> None:
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    load_valid_cached(path)
    load_valid_cached(path)
    assert len(loads) == 2 and not (tmp_path / "xdg").exists()


def test_the_folder_is_private_and_old_entries_go(tmp_path: Path, folder: Path, tiny_yaml: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for k in range(5):
        path = tmp_path / f"tiny{k}.yaml"
        path.write_text(tiny_yaml)
        load_valid_cached(path)
    assert len(list(folder.glob("*.entry"))) == 3
    assert folder.stat().st_mode & 0o077 == 0


def test_concurrent_processes_share_one_whole_entry(tmp_path: Path, folder: Path, tiny_yaml: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    env = {**os.environ, "SCENARIO_EXPLORER_CACHE": str(folder)}
    argv = [sys.executable, "-m", "explorer", "solve", str(path), "--json"]
    running = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [p.communicate(timeout=120)[0] for p in running]
    assert all(p.returncode == 0 for p in running)
    again = subprocess.run(argv, env=env, capture_output=True, check=True).stdout
    assert len({*outputs, again}) == 1 and json.loads(again)
    assert len(list(folder.glob("*.entry"))) == 1 and not list(folder.glob(".part-*"))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no user ids on this system")
@pytest.mark.parametrize("who", ["folder", "entry"])
def test_a_cache_others_may_write_to_is_not_read(who: str, tmp_path: Path, folder: Path, loads: list[str],
                                                 tiny_yaml: str) -> None:
    """An entry is a pickle: one that another user could have planted is never loaded."""
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    load_valid_cached(path)
    [entry] = folder.glob("*.entry")
    (folder if who == "folder" else entry).chmod(0o777 if who == "folder" else 0o666)
    assert load_valid_cached(path).scenario.title == load_scenario(path).scenario.title
    assert len(loads) == 2  # loaded again rather than read from the entry
    (folder if who == "folder" else entry).chmod(0o700 if who == "folder" else 0o600)
    load_valid_cached(path)
    assert len(loads) == 2  # private again (a lax entry is replaced by a private one): read from the cache
