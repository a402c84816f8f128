"""Scenario Markdown rendered to Textual `Content`, wrapped with hanging indents.

A small renderer over markdown-it tokens: paragraphs, headings, lists, block quotes, code,
rules, tables and inline emphasis, code and links. It yields `Content` (theme-aware styles,
never console markup, so `[bold]` stays literal) in one synchronous pass; Textual's Markdown
widget mounts a widget per block and Rich's pulls in Pygments, both slower to first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content

from explorer.tui.literal import printable

INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
HEADING_STYLES = {"h1": "bold underline $text-accent", "h2": "bold $text-accent"}


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text to wrap: the prefix of its first line, of the other lines, and the text."""

    first: str
    rest: str
    text: Content
    keep_lines: bool = False
    """Code: keep the author's line breaks, fold long lines instead of wrapping words."""


BLANK = Block("", "", Content())


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("strikethrough").enable("table")


def inline(tokens: list[Token]) -> Content:
    """Inline tokens (text, emphasis, code, links, breaks) as styled Content."""
    parts: list[tuple[str, str]] = []
    styles: list[str] = []
    links: list[str] = []
    for token in tokens:
        kind = token.type
        if kind.endswith("_open") and kind[:-5] in INLINE_STYLES:
            styles.append(INLINE_STYLES[kind[:-5]])
            if kind == "link_open":
                links.append(str(token.attrs.get("href", "")))
        elif kind.endswith("_close") and kind[:-6] in INLINE_STYLES:
            if styles:
                styles.pop()
            if kind == "link_close" and links:
                href = links.pop()
                parts.append((f" ({printable(href, one_line=True)})", "dim"))
        elif kind == "softbreak":
            parts.append((" ", ""))
        elif kind == "hardbreak":
            parts.append(("\n", ""))
        elif kind == "code_inline":
            parts.append((printable(token.content, one_line=True), "bold $text-accent"))
        elif kind == "image":
            parts.append((f"[image: {printable(token.content, one_line=True)}]", "italic dim"))
        else:  # text, html_inline and anything unknown: literally
            parts.append((printable(token.content, one_line=True), " ".join(styles)))
    return Content.assemble(*parts)


def blocks(markdown: str) -> list[Block]:
    """The document as blocks to wrap, with blank blocks between paragraphs."""
    out: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
    quote = ""
    pending: str | None = None  # the marker prefix waiting for a list item's first block
    indent = ""
    tight: list[bool] = []
    row: list[Content] = []

    def add(text: Content, *, keep_lines: bool = False, style: str = "") -> None:
        nonlocal pending
        first = quote + (pending if pending is not None else indent)
        pending = None
        out.append(Block(first, quote + indent, text.stylize(style) if style else text, keep_lines))

    def gap() -> None:
        if out and out[-1] is not BLANK:
            out.append(BLANK)

    tokens = _parser().parse(markdown)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 0
            lists.append([start] if kind == "ordered_list_open" else [])
            tight.append(index + 2 < len(tokens) and tokens[index + 2].hidden)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            tight.pop()
            indent = "  " * len(lists) if lists else ""
            if not lists:
                gap()
        elif kind == "list_item_open":
            numbers = lists[-1] if lists else []
            marker = f"{numbers[0]}. " if numbers else "• "
            if numbers:
                numbers[0] += 1
            base = "  " * (len(lists) - 1)
            pending = base + marker
            indent = base + " " * len(marker)
        elif kind == "blockquote_open":
            quote += "▌ "
        elif kind == "blockquote_close":
            quote = quote[:-2]
            gap()
        elif kind == "inline" and index > 0 and tokens[index - 1].type == "heading_open":
            add(inline(token.children or []), style=HEADING_STYLES.get(tokens[index - 1].tag, "bold"))
        elif kind == "inline" and index > 0 and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(inline(token.children or []).stylize("bold" if tokens[index - 1].type == "th_open" else ""))
        elif kind == "inline":
            add(inline(token.children or []))
        elif kind == "tr_close":
            add(Content(" │ ").join(row))
            row = []
        elif kind in ("heading_close", "table_close", "hr") or (
            kind == "paragraph_close" and not (tight and tight[-1])
        ):
            if kind == "hr":
                add(Content.styled("─" * 12, "dim"))
            gap()
        elif kind in ("fence", "code_block", "html_block"):
            code = printable(token.content.rstrip("\n"))
            add(Content.styled(code, "" if kind == "html_block" else "$text-muted"), keep_lines=True)
            gap()
    while out and out[-1] is BLANK:
        out.pop()
    return out


def render(items: list[Block], width: int) -> Content:
    """The blocks wrapped to `width` cells, each line with its block's prefix."""
    lines: list[Content] = []
    for block in items:
        if block is BLANK:
            lines.append(Content())
            continue
        room = max(width - max(len(block.first), len(block.rest)), 8)
        wrapped: list[Content] = []
        for line in block.text.split("\n", allow_blank=True):
            if block.keep_lines:
                wrapped.extend(line.fold(room) or [Content()])
            else:
                wrapped.extend(line.wrap(room) or [Content()])
        for n, line in enumerate(wrapped):
            lines.append(Content.assemble((block.first if n == 0 else block.rest, "dim"), line))
    return Content("\n").join(lines)
