"""Compile once: a valid scenario kept between runs, keyed by the content of all its files.

`load_valid_cached(path)` is `load_scenario(path)` for the commands that need a valid scenario; an
unchanged one comes from the user's cache folder instead of being read, validated and checked again
(the graph is rebuilt from the kept models, which is cheap). An entry is used only when
- its key matches: this program (its version, Python's, and every module's name, size and
  modification time: an entry is never trusted across versions), the path as given and as an
  absolute path (warnings name the file as given), and the main file's bytes;
- every included file still has the content it had (each file's SHA-256 is kept in the entry);
- its own SHA-256 matches (a torn or corrupt entry is a miss, and is replaced).
Entries are written to a temporary file and renamed into place, so concurrent writers and readers
only ever see whole entries. Only scenarios without errors are kept; a scenario that changes while
it loads is not kept. The folder: `$SCENARIO_EXPLORER_CACHE` (`off`: no cache), else
`$XDG_CACHE_HOME/scenario-explorer/scenarios` (default `~/.cache/…`), made private to the user;
entries are pickles, read only from a folder and files that belong to the user and that nobody else
may write (a folder others can write to — a shared `$SCENARIO_EXPLORER_CACHE`, say — is no cache:
another user could plant an entry there).

Each scenario this process loaded through the cache is noted (`loaded`): its key and its files'
digests, so that what a command derives from it can be kept under the same key (`answers`).

Beside each entry its cover is kept (`cover.Cover`, what the start screen shows, as JSON under the
same key and the same rules): `cached_cover` reads it with the standard library alone, so `explorer
play` draws its first screen before the models are imported and the entry unpickled.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import explorer
from explorer.gc_pause import without_gc
from explorer.loading import limits

if TYPE_CHECKING:
    from explorer.loading.cover import Cover
    from explorer.loading.loader import LoadResult

MAGIC = b"scenario-explorer cache 1\n"
"""Starts every entry; a new layout gets a new number."""
MAX_ENTRIES = 16
"""Entries kept; past it, the least recently written go."""
MAX_ENTRY_BYTES = 512 * 2**20
"""Larger entries are not written (a scenario near the node limit)."""
SUFFIX = ".entry"
COVER_MAGIC = b"scenario-explorer cover 1\n"
COVER_SUFFIX = ".cover"
PART = ".writing"
"""A temporary file being written (renamed to its entry when whole)."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A valid scenario this process loaded through the cache: its entry's key, every file's absolute
    path and SHA-256 (the main file first), and its warnings as the commands print them."""

    key: str
    files: tuple[tuple[str, bytes], ...]
    warnings: tuple[str, ...]


_LOADED: dict[str, Loaded] = {}
"""The path as given → the valid scenario this process last loaded from it through the cache."""


def loaded(path: str | os.PathLike[str]) -> Loaded | None:
    """The scenario this process last loaded from `path` through the cache (None when the cache is
    off, the scenario had errors, or it changed while it loaded)."""
    return _LOADED.get(os.fspath(path))


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    chosen = os.environ.get("SCENARIO_EXPLORER_CACHE", "")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scenario-explorer" / "scenarios"


@functools.cache
def program_fingerprint() -> bytes:
    """This program: its version, Python's, and each of its modules' name, size and modification time."""
    digest = hashlib.sha256(f"{explorer.__version__}\0{sys.version}\0".encode())
    root = Path(explorer.__file__).parent
    for module in sorted(root.rglob("*.py")):
        found = module.stat()
        digest.update(f"{module.relative_to(root).as_posix()}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.digest()


def private(path: Path) -> bool:
    """Whether `path` belongs to this user and nobody else may write to it (always so where the system
    has no user ids)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        found = path.lstat()
    except OSError:
        return False
    return found.st_uid == os.getuid() and not found.st_mode & 0o022 and not stat.S_ISLNK(found.st_mode)


def load_scenario(path: str | os.PathLike[str]) -> LoadResult:
    """`loader.load_scenario`, imported when first needed (reading a kept answer needs no loader)."""
    from explorer.loading.loader import load_scenario as load

    return load(path)


def load_valid_cached(path: str | os.PathLike[str]) -> LoadResult:
    """The scenario at `path` as `load_scenario` returns it, from the cache when it is there unchanged."""
    display = os.fspath(path)
    _LOADED.pop(display, None)
    keyed = _keyed(path)
    if keyed is None:
        return load_scenario(path)
    folder, key, main = keyed
    entry = folder / (key + SUFFIX)
    found = _read(entry)
    if found is not None:
        kept = _LOADED.get(display)
        if kept is not None and not entry.with_suffix(COVER_SUFFIX).exists():  # removed, or damaged and dropped
            _store_cover(folder, entry, found, list(kept.files))
        return found
    result = load_scenario(path)
    if result.ok and result.graph is not None:
        _store(folder, entry, result, hashlib.sha256(main).digest())
    return result


def _keyed(path: str | os.PathLike[str]) -> tuple[Path, str, bytes] | None:
    """The cache folder, the key of the scenario at `path` and its main file's bytes; None when the cache
    is off or unsafe, or the file cannot be read (the loader says why in words)."""
    folder = cache_folder()
    try:
        if folder is None or not os.path.isfile(path) or os.path.getsize(path) > limits.MAX_FILE_BYTES:
            return None
        main = Path(path).read_bytes()
    except (OSError, ValueError):  # unreadable, or a NUL in the path
        return None
    if folder.exists() and not private(folder):
        return None
    return folder, scenario_key(os.fspath(path), main), main


def cached_cover(path: str | os.PathLike[str]) -> Cover | None:
    """The cover kept for the scenario at `path` when it is unchanged since it was kept (every file, and
    this program), else None. Reads only JSON: no models, no YAML."""
    from explorer.loading.cover import Cover

    keyed = _keyed(path)
    if keyed is None:
        return None
    folder, key, _ = keyed
    file = folder / (key + COVER_SUFFIX)
    payload = read_entry(file, COVER_MAGIC)
    if payload is None:
        return None
    try:
        kept = json.loads(payload)
        files = [(name, bytes.fromhex(digest)) for name, digest in kept["files"]]
        cover = Cover.from_json(kept["cover"])
    except (ValueError, TypeError, KeyError):
        cover = None
    if cover is None:
        _remove(file)
        return None
    return cover if unchanged(files[1:]) else None  # the main file is in the key


def scenario_key(display: str, main: bytes) -> str:
    """An entry's key: this program, the path as given and as an absolute path, the main file's bytes."""
    return hashlib.sha256(b"\0".join([program_fingerprint(), os.fsencode(display),
                                       os.fsencode(os.path.abspath(display)), main])).hexdigest()


def _note(key: str, result: LoadResult, files: list[tuple[str, bytes]]) -> None:
    warnings = tuple(str(problem) for problem in result.problems.sorted())
    _LOADED[result.path] = Loaded(key, tuple(files), warnings)


@without_gc
def _read(entry: Path) -> LoadResult | None:
    """The entry's scenario, or None when it is missing, corrupt, or one of its files has changed."""
    payload = read_entry(entry, MAGIC)
    if payload is None:
        return None
    try:
        kept: dict[str, Any] = pickle.loads(payload)
        files, scenario, requires, conditions = kept["files"], kept["scenario"], kept["requires"], kept["conditions"]
        problems, names, display = kept["problems"], kept["names"], kept["display"]
    except Exception:  # whatever a damaged entry raises, it is a miss
        _remove(entry)
        return None
    if not unchanged(files[1:]):  # the main file is in the key
        return None
    from explorer.graph import ScenarioGraph
    from explorer.loading.loader import LoadResult
    from explorer.loading.locator import Locator
    from explorer.loading.positions import PositionMap
    from explorer.problems import Position

    graph = ScenarioGraph(scenario, requires, conditions)
    result = LoadResult(display, scenario, problems, Locator(PositionMap(), Position(display)), graph, list(names))
    _note(entry.name[:-len(SUFFIX)], result, files)
    return result


def unchanged(files: Iterable[tuple[str, bytes]]) -> bool:
    """Whether every file still has the SHA-256 it had."""
    for name, digest in files:
        try:
            if hashlib.sha256(Path(name).read_bytes()).digest() != digest:
                return False
        except OSError:
            return False
    return True


def _store(folder: Path, entry: Path, result: LoadResult, main_digest: bytes) -> None:
    """Keep `result` (best effort: a cache that cannot be written is no cache)."""
    assert result.graph is not None
    try:
        files = [(os.path.abspath(name), hashlib.sha256(Path(name).read_bytes()).digest()) for name in result.files]
        if not files or files[0][1] != main_digest:
            return  # the main file changed while it loaded: the entry would not match its key
        _note(entry.name[:-len(SUFFIX)], result, files)
        graph = result.graph
        payload = pickle.dumps({
            "files": files, "scenario": result.scenario, "requires": graph.parsed_requires,
            "conditions": graph.parsed_conditions, "problems": result.problems, "names": result.files,
            "display": result.path,
        }, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, ValueError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    if len(payload) > MAX_ENTRY_BYTES:
        return
    if write_entry(folder, entry, MAGIC, payload):
        prune(folder)
        _store_cover(folder, entry, result, files)


def _store_cover(folder: Path, entry: Path, result: LoadResult, files: list[tuple[str, bytes]]) -> None:
    """Keep the scenario's cover beside its entry (best effort, as the entry)."""
    from explorer.loading.cover import cover_of

    assert result.graph is not None
    cover = {"files": [(name, digest.hex()) for name, digest in files], "cover": cover_of(result.graph).as_json()}
    try:
        payload = json.dumps(cover, ensure_ascii=False).encode()
    except (ValueError, TypeError):  # a text Python can hold but UTF-8 cannot (a lone surrogate)
        return
    if write_entry(folder, entry.with_suffix(COVER_SUFFIX), COVER_MAGIC, payload):
        prune(folder, COVER_SUFFIX)


def write_entry(folder: Path, entry: Path, magic: bytes, payload: bytes) -> bool:
    """Write `magic`, the payload's SHA-256 and the payload to a temporary file in `folder` (made private
    to the user), then rename it to `entry`; whether it was written."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, part = tempfile.mkstemp(dir=folder, prefix=".part-", suffix=PART)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(magic + hashlib.sha256(payload).digest())
            out.write(payload)
        os.replace(part, entry)
    except OSError:
        _remove(Path(part))
        return False
    return True


def read_entry(entry: Path, magic: bytes) -> bytes | None:
    """The payload of `entry`, or None when it is missing, not private to the user, or torn or corrupt
    (such an entry is removed)."""
    try:
        if not private(entry):
            return None
        data = entry.read_bytes()
    except OSError:
        return None
    head = len(magic) + 32
    if data[:len(magic)] != magic or hashlib.sha256(data[head:]).digest() != data[len(magic):head]:
        _remove(entry)
        return None
    return data[head:]


def prune(folder: Path, suffix: str = SUFFIX, keep: int | None = None) -> None:
    """Keep the `keep` (default `MAX_ENTRIES`) most recently written entries ending in `suffix`; drop
    parts a writer left over an hour ago."""
    keep = MAX_ENTRIES if keep is None else keep
    try:
        entries = sorted(folder.glob("*" + suffix), key=lambda p: p.stat().st_mtime_ns)
        stale = [p for p in folder.glob(".part-*" + PART) if time.time() - p.stat().st_mtime > 3600]
    except OSError:  # another process pruned first
        return
    for old in entries[:-keep] + stale:
        _remove(old)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
