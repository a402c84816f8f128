"""Rendering DOT text to SVG, PNG or PDF with Graphviz's `dot`, as a subprocess (no shell, a time limit).

The engine is Graphviz's own `dot` program: `$GRAPHVIZ_DOT` when set (a path, or a program on PATH
such as `graphviz-pure`, which has no PDF), else `dot` on PATH. Debian's `graphviz` package was
chosen over the PyPI wheels that bring a `dot` engine: they cannot write PDF yet and measure
non-ASCII text (an em dash, Korean names) as spaces, so labels overflow their boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess

FORMATS = ("svg", "png", "pdf")
TIMEOUT = 120.0
"""Seconds Graphviz may take; a tree that needs longer should be cut down (`--depth`, `--from`, `--path`)."""
MAX_NODES = 3_000
"""Most nodes drawn: past this, Graphviz's layout takes minutes and the picture is unreadable anyway."""
PNG_DPI = 150
"""Dots per inch of a PNG: sharp on a projected slide."""
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; Fedora: sudo dnf install graphviz; "
    "macOS: brew install graphviz; Windows: winget install graphviz), or set GRAPHVIZ_DOT to its dot program; "
    "`--format dot` writes the DOT text to render elsewhere"
)


class RenderError(Exception):
    """Graphviz is missing, failed or took too long; the message says what to do."""


def find_engine() -> str | None:
    """The `dot` program to run, or None when there is none."""
    wanted = os.environ.get("GRAPHVIZ_DOT") or "dot"
    return shutil.which(wanted)


def render(dot_text: str, fmt: str, *, engine: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """The picture as bytes in `fmt` (svg, png or pdf)."""
    if fmt not in FORMATS:
        raise ValueError(f"cannot render {fmt!r}; choose one of {', '.join(FORMATS)}")
    program = engine or find_engine()
    if program is None:
        raise RenderError(f"Graphviz's dot program was not found: {INSTALL_HINT}")
    command = [program, f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    try:
        done = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:g} s; draw less with --depth N, --from NODE or --path") from None
    except OSError as exc:
        raise RenderError(f"cannot run {program}: {exc.strerror or exc}; {INSTALL_HINT}") from None
    if done.returncode != 0 or not done.stdout:
        said = " ".join(done.stderr.decode("utf-8", "replace").split())[:500] or f"exit status {done.returncode}"
        raise RenderError(f"Graphviz ({program}) could not draw it: {said}")
    return done.stdout
