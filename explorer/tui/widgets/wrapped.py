"""A widget whose text is built for its width (pre-wrapped, e.g. with hanging indents)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class Wrapped(Widget):
    """Text made by `build(width)`: lines no wider than `width`, so nothing re-wraps them.
    The result is kept per width; `rebuild` sets a new builder."""

    DEFAULT_CSS = """
    Wrapped { height: auto; }
    """

    def __init__(
        self, build: Callable[[int], Content] | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._build = build or (lambda width: Content())
        self._built: tuple[int, Content] | None = None

    def rebuild(self, build: Callable[[int], Content]) -> None:
        self._build = build
        self._built = None
        self.refresh(layout=True)

    def at(self, width: int) -> Content:
        """The text for `width` cells."""
        if self._built is None or self._built[0] != width:
            self._built = (width, self._build(width))
        return self._built[1]

    def render(self) -> Content:
        # outer size less padding and border: asking for the region would make the
        # compositor map the whole screen in the middle of a layout
        return self.at(self.outer_size.width - self.styles.gutter.width or 80)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        content = self.at(width)
        return content.plain.count("\n") + 1 if content.plain else 0
