"""Options of a decision or moves of a round, numbered, wrapped to the list's width."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.game.view_models import SeatOption
from explorer.tui.classroom.texts import option_prompt


class SeatOptions(OptionList):
    """A view's options (or an actor's moves); locked ones are listed with their reason (the screen
    refuses them, saying why)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.seat_options: tuple[SeatOption, ...] = ()
        self._width = 0

    def _prompt_width(self) -> int:
        """Cells for a prompt; before the first layout (0 wide, e.g. just shown) a guess, redone on resize."""
        if self.outer_size.width <= 0:
            return 60
        return max(self.outer_size.width - self.styles.gutter.width - self.scrollbar_gutter.width - 1, 12)

    def show(self, options: tuple[SeatOption, ...]) -> None:
        """List `options`, highlighting the first available one (unchanged options are left as they are)."""
        if options == self.seat_options and self.option_count:
            return
        self.seat_options = options
        self._fill()
        self.highlighted = next((i for i, o in enumerate(options) if o.available), None)

    def _fill(self) -> None:
        self._width = self._prompt_width()
        self.set_options(Option(option_prompt(o, self._width), id=f"option-{o.number - 1}") for o in self.seat_options)

    def on_resize(self) -> None:
        if self.seat_options and self._prompt_width() != self._width:
            highlighted = self.highlighted
            self._fill()
            self.highlighted = highlighted
