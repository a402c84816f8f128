"""Text from scenarios, game stores and file names, made safe to print: shown literally.

Whatever reaches a terminal (or a file meant for people or other tools) through the commands
goes through `shown`: control characters — C0 (ESC starts terminal escape sequences, NUL,
BEL, CR …), DEL and C1 — and the invisible characters that reorder or hide text (bidi controls
such as U+202E RIGHT-TO-LEFT OVERRIDE, zero-width characters, the byte-order mark, line and
paragraph separators) are written as visible escapes: `\\x1b`, `\\u202e`. A name with a newline
or an escape sequence can then neither clear the screen nor pass for other text.

`json_text` does the same inside JSON: C0 characters are escaped by JSON itself, the others
become `\\uXXXX` escapes, so the JSON still decodes to exactly the same text. The TUI has its
own `explorer.tui.literal` for what it draws.
"""

from __future__ import annotations

_INVISIBLE = (0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
              *range(0x2066, 0x206A), 0x2028, 0x2029, 0xFEFF, *range(0xFFF9, 0xFFFC))
"""Characters that change how the text around them is shown, or show nothing at all."""

_ONE_LINE: dict[int, str] = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_ONE_LINE.update({code: f"\\u{code:04x}" for code in _INVISIBLE})
_ONE_LINE.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_LINES = {code: text for code, text in _ONE_LINE.items() if code not in (ord("\n"), ord("\t"))}
_XML = {**_LINES, **{code: f"\\u{code:04x}" for code in (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)}}
_JSON = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_INVISIBLE)}


def shown(text: object, *, lines: bool = False) -> str:
    """`text` (any object, as `str()` gives it) with every control and invisible character
    escaped; with `lines`, newlines and tabs stay (for multi-line reports)."""
    return str(text).translate(_LINES if lines else _ONE_LINE)


def json_text(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters JSON leaves
    raw but a terminal acts on written as `\\uXXXX` escapes; it decodes to the same value."""
    return text.translate(_JSON)


def xml_text(text: str) -> str:
    """`shown(text, lines=True)`, and also what XML 1.0 cannot hold at all (U+FFFE, U+FFFF, lone
    surrogates) escaped, so that the result is always valid inside an XML document."""
    return str(text).translate(_XML)
