"""The seat's "In the game" notification: short enough not to cover a small screen."""

from __future__ import annotations

from types import SimpleNamespace

from explorer.game.view_models import LogLine
from explorer.tui.classroom.texts import TOAST_LINE, changed_text


def _view(*texts: str) -> object:
    return SimpleNamespace(log=[LogLine(seq, 1, "10:00", text) for seq, text in enumerate(texts, start=1)])


def test_only_lines_after_the_last_seen_event_and_at_most_three() -> None:
    view = _view("one", "two", "three", "four", "five")
    assert changed_text(view, 1).splitlines() == ["three", "four", "five"]  # type: ignore[arg-type]
    assert changed_text(view, 4) == "five"  # type: ignore[arg-type]
    assert changed_text(view, 5) == ""  # type: ignore[arg-type]


def test_a_long_reveal_line_is_cut_at_a_word_with_an_ellipsis() -> None:
    reveal = "the orders were revealed: " + "; ".join(f"Actor {n} 1. “A long move label number {n}”" for n in range(9))
    text = changed_text(_view(reveal), 0)  # type: ignore[arg-type]
    assert text.endswith("…") and len(text) <= TOAST_LINE + 1
    assert reveal.startswith(text[:-1])
    assert not text[:-1].endswith((" ", ";"))


def test_a_short_line_is_kept_whole() -> None:
    assert changed_text(_view("the round closed"), 0) == "the round closed"  # type: ignore[arg-type]
