"""A scenario's Markdown text, wrapped to the widget's width; huge texts are shown plain."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from explorer.tui import markdown_text
from explorer.tui.literal import literal
from explorer.tui.widgets.wrapped import Wrapped

MARKDOWN_LIMIT_CHARS = 20_000
MARKDOWN_LIMIT_LINES = 400
CHUNK_LINES = 100


class MarkdownView(Wrapped):
    """Markdown rendered to `Content` in one pass and wrapped with hanging indents."""

    def show(self, text: str) -> None:
        blocks = markdown_text.blocks(text)
        self.rebuild(lambda width: markdown_text.render(blocks, width))


class ScenarioText(Vertical):
    """Markdown from a scenario file, updated in place so a move repaints once. A text over
    the limits is shown as literal plain text in chunks of lines, so that only the chunks on
    screen are drawn and each is wrapped once: thousands of Markdown blocks would be slow to
    lay out and no easier to read."""

    DEFAULT_CSS = """
    ScenarioText { height: auto; margin-bottom: 1; }
    ScenarioText > .chunk { height: auto; }
    """

    def __init__(self, text: str | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._initial = text
        self.source: str | None = None

    def compose(self) -> ComposeResult:
        yield MarkdownView()

    def on_mount(self) -> None:
        self.show(self._initial)

    def show(self, text: str | None) -> None:
        """Show `text`; None or blank hides the widget."""
        text = text or ""
        if text == self.source:
            return
        self.source = text
        self.display = bool(text.strip())
        markdown = self.query_one(MarkdownView)
        self.query(".chunk").remove()
        if len(text) > MARKDOWN_LIMIT_CHARS or text.count("\n") > MARKDOWN_LIMIT_LINES:
            markdown.display = False
            markdown.show("")
            lines = text.split("\n")
            chunks = ("\n".join(lines[i : i + CHUNK_LINES]) for i in range(0, len(lines), CHUNK_LINES))
            self.mount_all(Static(literal(chunk), classes="chunk") for chunk in chunks)
        else:
            markdown.display = True
            markdown.show(text)
