"""Scenario text shown literally: never parsed as markup, control characters made visible.

Every piece of text that comes from a scenario file goes through these helpers before it
reaches a widget, so `[bold]`, `[/]` and ANSI escapes are shown as written and cannot
restyle the screen, move the cursor or crash a markup parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content
from textual.style import Style

if TYPE_CHECKING:
    from textual.widgets import Static

_TAB = "    "


def _visible(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for C0 codes: ␛, ␀ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"  # C1 controls


_TABLE: dict[int, str] = {code: _visible(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_TABLE[ord("\t")] = _TAB
del _TABLE[ord("\n")]
_INLINE = dict(_TABLE)
_INLINE[ord("\n")] = " "


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with control characters replaced by visible symbols (newlines kept unless `one_line`)."""
    return text.translate(_INLINE if one_line else _TABLE)


def literal(text: str, style: Style | str = "", *, one_line: bool = False) -> Content:
    """Textual `Content` showing `text` exactly as written."""
    return Content.styled(printable(text, one_line=one_line), style)


def rich_literal(text: str, style: str = "", *, one_line: bool = True) -> Text:
    """A Rich `Text` showing `text` exactly as written (for widgets that take Rich text)."""
    return Text(printable(text, one_line=one_line), style=style, no_wrap=one_line)


def same_content(old: object, new: object) -> bool:
    """Whether `new` would show exactly what `old` shows: the same text with the same styles (`Content`'s
    own `==` compares the text only), or the same string."""
    if isinstance(old, Content) and isinstance(new, Content):
        return old.plain == new.plain and old.spans == new.spans
    return isinstance(old, str) and isinstance(new, str) and old == new


def update_changed(widget: Static, content: Content | str) -> None:
    """`widget.update(content)` unless it shows exactly that already: an update lays the screen out
    again, and a walking key leaves the title bar, a node's sources and the like unchanged."""
    if not same_content(widget.content, content):
        widget.update(content)
