"""The guides in `docs/` (shipped inside the package): what `explorer docs` prints and the help screen opens.

A guide's topic is its file name without `.md` (`authoring`, `teaching`, `format`, `game-store`); its title
is its first `# ` heading. The text is Markdown, returned as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.bundled import docs_dir

GUIDE_ORDER = ("authoring", "teaching", "format", "game-store")
"""Topics listed first, in this order (any other guide follows, by name)."""


@dataclass(frozen=True, slots=True)
class Guide:
    """One guide: its topic (what `explorer docs TOPIC` takes), title and file."""

    topic: str
    title: str
    path: Path

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def guides() -> list[Guide]:
    """Every guide, the authoring guide first."""
    found = {p.stem: p for p in docs_dir().glob("*.md") if p.is_file()}
    order = [t for t in GUIDE_ORDER if t in found] + sorted(t for t in found if t not in GUIDE_ORDER)
    return [Guide(topic, _title(found[topic]), found[topic]) for topic in order]


def find_guide(topic: str) -> Guide | None:
    """The guide for `topic` (`authoring`, `Authoring`, `authoring.md` alike), or None."""
    wanted = topic.strip().lower().removesuffix(".md")
    return next((g for g in guides() if g.topic.lower() == wanted), None)


def _title(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# "):
                    return line[2:].strip()
    except (OSError, UnicodeDecodeError):
        pass
    return path.stem
