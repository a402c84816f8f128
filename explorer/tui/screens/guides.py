"""The guides that ship with the explorer (`explorer.guides`: authoring, teaching, format, …), opened from
the help screen: a list (`GuidesScreen`), then the guide chosen as Markdown (`GuideScreen`)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, MarkdownViewer, OptionList, Static
from textual.widgets.option_list import Option

from explorer.guides import Guide, guides
from explorer.tui.keys import EXPLORER, Scope


class GuidesScreen(ModalScreen[None]):
    """Every guide; Enter or a click opens one."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.GUIDES)

    def compose(self) -> ComposeResult:
        found = guides()
        self.guides = {g.topic: g for g in found}
        options = OptionList(*[Option(Content.assemble((g.title, "bold"), (f"  explorer docs {g.topic}", "dim")),
                                      id=g.topic) for g in found], id="guides-list")
        options.border_title = "Guides"
        options.border_subtitle = "Enter opens · Esc closes"
        yield options

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        guide = self.guides.get(event.option.id or "")
        if guide is not None:
            self.app.push_screen(GuideScreen(guide))

    def action_close(self) -> None:
        self.dismiss(None)


class GuideScreen(Screen[None]):
    """One guide, as Markdown, with its table of contents."""

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER.bindings(Scope.GUIDE)

    def __init__(self, guide: Guide) -> None:
        super().__init__()
        self.guide = guide

    def compose(self) -> ComposeResult:
        try:
            text = self.guide.text()
        except (OSError, UnicodeDecodeError) as exc:
            text = f"The guide could not be read: {exc}"
        yield Static(Content.assemble(("Guide: ", "bold"), self.guide.title), id="title-bar")
        yield MarkdownViewer(text, show_table_of_contents=False, id="guide-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_toggle_contents(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)
