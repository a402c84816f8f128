"""`explorer docs [TOPIC]` prints the guides shipped with the package; `explorer.guides` finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.guides import find_guide, guides

ROOT = Path(__file__).resolve().parent.parent


def test_guides_are_the_docs_folder_authoring_first() -> None:
    found = guides()
    assert [g.topic for g in found][:4] == ["authoring", "teaching", "format", "game-store"]
    assert {g.path.name for g in found} == {p.name for p in (ROOT / "docs").glob("*.md")}
    assert found[0].title == "Writing a scenario"


def test_without_a_topic_the_guides_are_listed(capsys) -> None:
    assert main(["docs"]) == 0
    out = capsys.readouterr().out
    for guide in guides():
        assert guide.topic in out and guide.title in out


@pytest.mark.parametrize("topic", ["authoring", "Authoring", "authoring.md", "teaching", "format", "game-store"])
def test_a_topic_prints_its_guide_as_written(topic: str, capsys) -> None:
    assert main(["docs", topic]) == 0
    guide = find_guide(topic)
    assert guide is not None
    assert capsys.readouterr().out == guide.path.read_text(encoding="utf-8")


def test_an_unknown_topic_is_a_usage_error_that_lists_the_guides(capsys) -> None:
    assert main(["docs", "autoring"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no guide 'autoring'" in captured.err and "authoring" in captured.err.split("guides are:", 1)[1]
