"""A command's whole answer kept beside the scenario it came from: solving an unchanged scenario again
prints the kept answer instead of loading, unfolding and solving it again.

An answer is kept under the key of the scenario's cache entry (`cache.scenario_key`: this program,
the path as given and as an absolute path, the main file's bytes), the command's own words (`kind`,
say `solve --policy beliefs --json`) and the numerical libraries the answer depends on (each one's
version file, by name, size and modification time). Only an answer computed from a scenario this
process loaded through the cache (`cache.loaded`) is kept, with its files' SHA-256 (an included file
that changed since is a miss) and its warnings (printed again, to stderr, as the load printed them).
The same rules as the scenario cache: the user's private folder, entries written whole and renamed
into place, torn or corrupt entries ignored and removed, nothing trusted across versions. An entry is
not a pickle: a JSON header line, then the answer's text (UTF-8).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from explorer.loading import limits
from explorer.loading.cache import (
    MAX_ENTRY_BYTES,
    cache_folder,
    loaded,
    private,
    prune,
    read_entry,
    scenario_key,
    unchanged,
    write_entry,
)

MAGIC = b"scenario-explorer answer 1\n"
SUFFIX = ".answer"
MAX_ANSWERS = 32
"""Answers kept; past it, the least recently written go."""
LIBRARIES = ("numpy", "networkx", "pydantic", "pydantic_core", "yaml")
"""Libraries an answer depends on (its arithmetic, the graph, what the load accepts and warns of)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What a command printed: its standard output, and the scenario's warnings (to stderr)."""

    stdout: str
    warnings: tuple[str, ...]


@functools.cache
def libraries_fingerprint() -> bytes:
    """Each library in `LIBRARIES`: where it is, and its version file's size and modification time
    (found without importing it)."""
    digest = hashlib.sha256()
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(f"{name}\0{origin}\0".encode())
        if origin:
            folder = Path(origin).parent
            for part in ("version.py", "_version.py", "__init__.py"):
                with_version = folder / part
                if with_version.exists():
                    found = with_version.stat()
                    digest.update(f"{part}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    return digest.digest()


def _entry(path: str, kind: str, main: bytes) -> Path | None:
    folder = cache_folder()
    if folder is None or (folder.exists() and not private(folder)):
        return None
    key = hashlib.sha256(b"\0".join([scenario_key(path, main).encode(), kind.encode(), libraries_fingerprint()]))
    return folder / (key.hexdigest() + SUFFIX)


def _main_bytes(path: str) -> bytes | None:
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > limits.MAX_FILE_BYTES:
            return None
        return Path(path).read_bytes()
    except (OSError, ValueError):
        return None


def kept_answer(path: str, kind: str) -> Answer | None:
    """The answer kept for `kind` on the unchanged scenario at `path`, or None."""
    main = _main_bytes(path)
    entry = None if main is None else _entry(path, kind, main)
    payload = None if entry is None else read_entry(entry, MAGIC)
    if payload is None:
        return None
    header, _, body = payload.partition(b"\n")
    try:
        found = json.loads(header)
        files = [(name, bytes.fromhex(digest)) for name, digest in found["files"]]
        warnings = tuple(str(w) for w in found["warnings"])
        stdout = body.decode("utf-8")
    except (ValueError, TypeError, KeyError):
        return None
    if not unchanged(files[1:]):  # the main file is in the key
        return None
    return Answer(stdout, warnings)


def keep_answer(path: str, kind: str, stdout: str) -> None:
    """Keep `stdout` as the answer for `kind` on the scenario at `path`, when this process loaded it
    through the cache and it has not changed since (best effort: an answer that cannot be kept is not)."""
    found = loaded(path)
    main = _main_bytes(path)
    if found is None or main is None or scenario_key(path, main) != found.key:
        return
    entry = _entry(path, kind, main)
    if entry is None:
        return
    header = json.dumps({"files": [[name, digest.hex()] for name, digest in found.files],
                         "warnings": list(found.warnings)}, ensure_ascii=True)
    try:
        payload = header.encode() + b"\n" + stdout.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: printed as it came, not kept
        return
    if len(payload) <= MAX_ENTRY_BYTES and write_entry(entry.parent, entry, MAGIC, payload):
        prune(entry.parent, SUFFIX, MAX_ANSWERS)
