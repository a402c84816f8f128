"""The scenario's cover kept beside its cache entry: read with the standard library alone, used only
when every file and the program are unchanged, ignored when damaged, and the same as the scenario."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.bundled import bundled_scenarios
from explorer.loading import cache, load_scenario
from explorer.loading.cache import cached_cover, load_valid_cached
from explorer.loading.cover import Cover, CoverActor, cover_of


@pytest.fixture
def folder(cache_folder: Path) -> Path:
    return cache_folder

CORPUS = Path(__file__).parent / "corpus" / "valid"


@pytest.fixture
def tiny(tmp_path: Path, tiny_yaml: str) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_yaml)
    return path


@pytest.mark.parametrize("path", [*bundled_scenarios(), *sorted(CORPUS.glob("*.yaml"))], ids=lambda p: p.name)
def test_the_kept_cover_is_the_scenarios_own(path: Path, folder: Path) -> None:
    assert cached_cover(path) is None  # nothing kept yet
    result = load_valid_cached(path)
    if not result.ok:
        assert cached_cover(path) is None
        return
    assert result.graph is not None
    assert cached_cover(path) == cover_of(result.graph) == cover_of(load_scenario(path).graph)  # type: ignore[arg-type]


def test_the_cover_holds_what_the_start_screen_shows(folder: Path, tiny: Path) -> None:
    graph = load_valid_cached(tiny).graph
    assert graph is not None
    cover = cached_cover(tiny)
    assert cover is not None
    scenario = graph.scenario
    assert (cover.id, cover.title, cover.summary, cover.nodes, cover.endings) == (
        scenario.id, scenario.title, scenario.summary, len(graph), len(graph.outcomes))
    assert [a.id for a in cover.actors] == list(scenario.actors)
    assert [a.objectives for a in cover.actors] == [tuple(a.objectives) for a in scenario.actors.values()]


def test_an_edited_main_file_has_no_cover(folder: Path, tiny: Path, tiny_yaml: str) -> None:
    load_valid_cached(tiny)
    tiny.write_text(tiny_yaml.replace("A tiny crisis", "A changed crisis"))
    assert cached_cover(tiny) is None
    load_valid_cached(tiny)
    cover = cached_cover(tiny)
    assert cover is not None and cover.title == "A changed crisis"


def test_an_edited_included_file_has_no_cover(tmp_path: Path, folder: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "scenario")
    path = tmp_path / "scenario" / "with_includes.yaml"
    load_valid_cached(path)
    assert cached_cover(path) is not None
    part = path.parent / "parts" / "actors.yaml"
    part.write_text(part.read_text().replace("name:", "name: Renamed", 1))
    assert cached_cover(path) is None
    part.unlink()
    assert cached_cover(path) is None


def _cover_file(folder: Path) -> Path:
    [file] = folder.glob("*" + cache.COVER_SUFFIX)
    return file


def _signed(payload: bytes) -> bytes:
    return cache.COVER_MAGIC + hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "not JSON", "not a cover", "wrong types",
                                    "an entry's magic"])
def test_a_damaged_cover_is_ignored_and_written_again(damage: str, folder: Path, tiny: Path) -> None:
    load_valid_cached(tiny)
    file = _cover_file(folder)
    data = file.read_bytes()
    good = json.loads(data[len(cache.COVER_MAGIC) + 32:])
    typed = dict(good, cover=dict(good["cover"], nodes="7"))
    file.write_bytes({
        "flip": data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
        "truncate": data[: len(data) // 2],
        "empty": b"",
        "not JSON": _signed(b"{not json"),
        "not a cover": _signed(json.dumps({"files": good["files"], "cover": {"id": "x"}}).encode()),
        "wrong types": _signed(json.dumps(typed).encode()),
        "an entry's magic": cache.MAGIC + data[len(cache.COVER_MAGIC):],
    }[damage])
    assert cached_cover(tiny) is None
    assert not file.exists()  # dropped
    result = load_valid_cached(tiny)  # the entry is whole: its hit keeps the cover again
    assert result.graph is not None and cached_cover(tiny) == cover_of(result.graph)


def test_a_cover_of_another_version_of_the_program_is_not_used(folder: Path, tiny: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    load_valid_cached(tiny)
    assert cached_cover(tiny) is not None
    monkeypatch.setattr(cache, "program_fingerprint", lambda: b"another version")
    assert cached_cover(tiny) is None


def test_no_cover_when_the_cache_is_off_or_others_may_write_to_it(folder: Path, tiny: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    load_valid_cached(tiny)
    assert cached_cover(tiny) is not None
    folder.chmod(0o777)
    assert cached_cover(tiny) is None
    folder.chmod(0o700)
    _cover_file(folder).chmod(0o666)
    assert cached_cover(tiny) is None
    monkeypatch.setenv("SCENARIO_EXPLORER_CACHE", "off")
    assert cached_cover(tiny) is None


def test_a_broken_scenario_has_no_cover(folder: Path, tmp_path: Path, tiny_yaml: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(tiny_yaml.replace("start:", "start: nowhere\nold_start:", 1))
    assert not load_valid_cached(path).ok
    assert cached_cover(path) is None and not list(folder.glob("*" + cache.COVER_SUFFIX))


def test_old_covers_go_with_old_entries(folder: Path, tmp_path: Path, tiny_yaml: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    paths = [tmp_path / f"tiny{n}.yaml" for n in range(4)]
    for path in paths:
        path.write_text(tiny_yaml)
        load_valid_cached(path)
    assert [cached_cover(path) is not None for path in paths] == [False, False, True, True]
    assert len(list(folder.glob("*" + cache.COVER_SUFFIX))) == 2


def test_a_cover_reads_back_only_what_it_wrote() -> None:
    cover = Cover("x", "T", None, ("A", "B"), 3, 2, "S", (CoverActor("a", "Alpha", None, ("win",)),))
    assert Cover.from_json(json.loads(json.dumps(cover.as_json()))) == cover
    for bad in [None, [], {"id": "x"}, dict(cover.as_json(), actors=[{"id": "a"}]),
                dict(cover.as_json(), authors="A"), dict(cover.as_json(), nodes=True),
                dict(cover.as_json(), extra=1)]:
        assert Cover.from_json(bad) is None


FIRST_FRAME = """
import sys
from explorer.tui.app import ExplorerApp

seen = []
ready = ExplorerApp.on_ready

def on_ready(self):
    seen.append({"pydantic", "explorer.format.models", "explorer.graph", "yaml"} & set(sys.modules))
    ready(self)
    self.set_interval(0.05, lambda: self.opening is None and self.exit())

run = ExplorerApp.run
ExplorerApp.on_ready = on_ready
ExplorerApp.run = lambda self, **kwargs: run(self, headless=True, size=(100, 32))
from explorer.cli import main
status = main(["play", "--no-save", sys.argv[1]])
print(sorted(seen[0]), "explorer.format.models" in sys.modules, status)
"""


def test_a_warm_first_frame_imports_no_models(folder: Path, tiny: Path) -> None:
    """`explorer play` on an unchanged scenario draws its first frame from the cover, and loads the
    scenario after it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))

    def first_frame() -> str:
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(tiny)], capture_output=True, text=True,
                             env=env, check=True, timeout=600)
        return out.stdout.strip().splitlines()[-1]

    cold = first_frame()
    assert cold.startswith("['explorer.format.models', 'explorer.graph', 'pydantic'")  # loaded, then drawn
    assert first_frame() == "[] True 0"  # drawn from the cover; the scenario loaded after
