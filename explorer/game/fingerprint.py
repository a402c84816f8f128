"""The content hash of a scenario: its main file and every included file, in load order."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path


def scenario_files(main: str | os.PathLike[str], files: Sequence[str]) -> list[str]:
    """`files` (as the loader lists them) relative to the main file's folder, in POSIX form."""
    folder = Path(main).resolve().parent
    out = []
    for name in files:
        path = Path(name).resolve()
        try:
            out.append(path.relative_to(folder).as_posix())
        except ValueError:
            out.append(path.as_posix())
    return out


def scenario_hash(main: str | os.PathLike[str], files: Sequence[str]) -> str:
    """SHA-256 over each file's relative name and bytes; moving the whole folder keeps it.

    `files` are the paths the loader read (`LoadResult.files`, the main file first).
    Raises `OSError` when a file can no longer be read.
    """
    digest = hashlib.sha256()
    folder = Path(main).resolve().parent
    for rel in scenario_files(main, files):
        data = (folder / rel).read_bytes()
        digest.update(rel.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return "sha256:" + digest.hexdigest()
