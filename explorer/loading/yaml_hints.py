"""YAML syntax errors in the author's terms: where to fix them and how.

libyaml says what its parser expected ("did not find expected ',' or '}'") at the place it
noticed, which is often a line later than the mistake. Here the common causes are recognised
from the text around the marks — an unquoted `: ` in a value, a bracket never closed, a tab, a
value starting with a character YAML reserves — and reported where the author must look, with
the fix. libyaml's own words are used only when no cause is recognised; the classification
reads libyaml's messages loosely and falls back to them, never to a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from explorer.problems import Position

LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as libyaml counts them, to find the text a mark points at."""
_CLOSERS = {"{": "}", "[": "]"}
_OPENERS = {"}": "{", "]": "["}
_RESERVED_START = {
    "@": "'@' is reserved in YAML",
    "`": "'`' is reserved in YAML",
    "%": "'%' starts a YAML directive",
    "*": "'*' starts an alias",
    "&": "'&' starts an anchor",
    "!": "'!' starts a tag",
    "|": "'|' starts a block of text",
    ">": "'>' starts a folded block of text",
}
_QUOTE_SEARCH_LINES = 200
"""How far back an opening quote is looked for (a quoted value rarely spans more lines)."""
TAB_INDENT = "tab character: YAML indentation must use spaces, not tabs"


@dataclass(frozen=True, slots=True)
class _Mark:
    line: int
    """0-based, as libyaml counts."""
    column: int


class _Text:
    """The file's lines, split as libyaml counts them."""

    def __init__(self, text: str) -> None:
        self.lines = LINE_BREAK.split(text)

    def line(self, mark: _Mark | None) -> str:
        if mark is None or not 0 <= mark.line < len(self.lines):
            return ""
        return self.lines[mark.line]

    def char(self, mark: _Mark | None) -> str:
        line = self.line(mark)
        return line[mark.column] if mark is not None and 0 <= mark.column < len(line) else ""


def _mark(raw: Any) -> _Mark | None:
    return None if raw is None else _Mark(raw.line, raw.column)


def _at(file: str, mark: _Mark | None) -> Position:
    return Position(file) if mark is None else Position(file, mark.line + 1, mark.column + 1)


def _where(mark: _Mark) -> str:
    return f"{mark.line + 1}:{mark.column + 1}"


def explain(problem: str | None, context: str | None, problem_mark: Any, context_mark: Any, text: str, file: str) -> tuple[str, Position]:
    """The message and position for a libyaml syntax error (its problem, context and marks)."""
    problem = problem or "invalid YAML"
    context = context or ""
    at, opened = _mark(problem_mark), _mark(context_mark)
    lines = _Text(text)
    for rule in (_tab, _colon_in_value, _flow, _quote, _simple_key, _reserved, _block):
        found = rule(problem, context, at, opened, lines, file)
        if found is not None:
            return found
    prefix = f"{context}: " if context else ""
    return f"YAML syntax error: {prefix}{problem}", _at(file, at or opened)


_Found = tuple[str, Position] | None


def _tab(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    if at is None or not ("tab" in problem or lines.char(at) == "\t"):
        return None
    line = lines.line(at)
    tab = line.find("\t", at.column) if lines.char(at) != "\t" else at.column
    if tab < 0:
        tab = line.find("\t")
    if tab < 0 or not line[:tab].strip():
        return TAB_INDENT, _at(file, at)
    before = line[:tab].rstrip()[-1]
    return (
        f"tab character after '{before}': YAML allows only spaces there; replace the tab with a space",
        _at(file, _Mark(at.line, tab)),
    )


def _colon_in_value(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    """`title: After Hanoi: what next` — a second `: ` on a block mapping's line."""
    if at is None or "mapping values" not in problem or lines.char(at) != ":":
        return None
    line = lines.line(at)
    separator = line.find(": ", 0, at.column)
    if separator < 0:
        return None
    key = line[:separator].strip()
    value = line[separator + 2 :].strip()
    return (
        f"YAML syntax error: ': ' inside a value; if the value is text, quote it: {key}: {_quoted(value)}",
        _at(file, at),
    )


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _flow(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    """A `{…}` or `[…]` never closed, or with two `: ` (or a missing `,`) in one item."""
    if "flow" not in context or opened is None:
        return None
    bracket = lines.char(opened)
    closer = _CLOSERS.get(bracket)
    if closer is None:
        return None
    if at is None or (at.line > opened.line and _open_at_end_of_line(lines.line(opened), opened.column)):
        return (
            f"YAML syntax error: the '{bracket}' opened at {_where(opened)} is not closed: close it with '{closer}' "
            f"(a '{bracket} {closer}' that goes on to the next line needs ',' at the end of the line)",
            _at(file, opened),
        )
    if lines.char(at) == ":":
        item = _flow_item(lines.line(at), at.column, opened.column if at.line == opened.line else 0)
        example = f"{item[0]}: {_quoted(item[1])}" if item else 'label: "Go: now"'
        return (
            f"YAML syntax error: two ':' in one item of the '{bracket} {closer}' opened at {_where(opened)}: quote a "
            f"value that holds ': ' ({example}), or put ',' between two items",
            _at(file, at),
        )
    return (
        f"YAML syntax error: expected ',' or '{closer}' here, inside the '{bracket}' opened at {_where(opened)}: put ',' "
        "between items, and quote a whole value rather than part of it",
        _at(file, at),
    )


def _open_at_end_of_line(line: str, column: int) -> bool:
    """Whether the bracket at `column` is still open at the end of its line, which does not end with ','."""
    depth = 0
    for char in line[column:]:
        if char in _CLOSERS:
            depth += 1
        elif char in _OPENERS:
            depth -= 1
            if depth == 0:
                return False
    return not line.rstrip().endswith((",", "{", "["))


def _flow_item(line: str, column: int, start: int) -> tuple[str, str] | None:
    """The key and the whole value of the flow item whose value holds a `:` at `column`."""
    begin = max(line.rfind(",", start, column), line.rfind("{", start, column), line.rfind("[", start, column)) + 1
    separator = line.find(": ", begin, column)
    if separator < 0:
        return None
    ends = [i for i in (line.find(",", column), line.find("}", column), line.find("]", column)) if i >= 0]
    end = min(ends) if ends else len(line)
    key, value = line[begin:separator].strip(), line[separator + 2 : end].strip()
    return (key, value) if key and value else None


def _quote(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    if "quoted scalar" not in context or opened is None:
        return None
    quote = lines.char(opened) or '"'
    if "end of stream" in problem or "document" in problem:
        return f"YAML syntax error: the {quote} opened at {_where(opened)} is never closed: add the closing {quote}", _at(file, opened)
    if at is not None and ("Unicode" in problem or "hexdecimal" in problem or "hexadecimal" in problem):
        line = lines.line(at)
        backslash = line.rfind("\\", 0, at.column)
        if backslash >= 0:
            length = {"x": 2, "u": 4, "U": 8}.get(line[backslash + 1 : backslash + 2], 0)
            written = line[backslash : backslash + 2 + length].split('"')[0]
            return (
                f"YAML syntax error: '{written}' is not a character: in double quotes \\x takes 2 hex digits, \\u 4 and "
                "\\U 8, naming a Unicode character (not a lone surrogate); single quotes keep a backslash as written",
                _at(file, _Mark(at.line, backslash)),
            )
    if at is not None and "unknown escape" in problem:
        line = lines.line(at)
        escaped = line[at.column : at.column + 2] if lines.char(at) == "\\" else f"\\{lines.char(at)}"
        return (
            f"YAML syntax error: '{escaped}' is not an escape inside double quotes: write '\\\\' for a "
            "backslash, or use single quotes ('C:\\path')",
            _at(file, at),
        )
    return None


def _simple_key(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    """A line with no `key:` in a mapping (libyaml notices it a line later)."""
    if "simple key" not in context or opened is None:
        return None
    return (
        f"YAML syntax error: line {opened.line + 1} has no ':'; a mapping's lines are 'key: value' (a value that goes "
        "on to the next line must be indented more than its key)",
        _at(file, opened),
    )


def _reserved(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    """A plain value starting with `@`, a backtick, `%`, `*`, …: YAML reads it as syntax."""
    start = opened if ("alias" in context or "anchor" in context) and opened is not None else at
    char = lines.char(start)
    if start is None or char not in _RESERVED_START:
        return None
    if not ("token" in context or "alias" in context or "anchor" in context or "tag" in context):
        return None
    line = lines.line(start)
    separator = line.rfind(": ", 0, start.column)
    value = line[start.column :].strip()
    example = f"{line[:separator].strip().lstrip('- ').strip()}: {_quoted(value)}" if separator >= 0 else _quoted(value)
    return f"YAML syntax error: {_RESERVED_START[char]}; quote a value that begins with it: {example}", _at(file, start)


def _opening_quote(lines: _Text, closing: _Mark) -> _Mark | None:
    """Where the quoted value that the quote at `closing` ends was opened (inner quotes are `\\"` or `''`)."""
    quote = lines.char(closing)
    row, column = closing.line, closing.column - 1
    for _ in range(_QUOTE_SEARCH_LINES):
        line = lines.lines[row]
        while column >= 0:
            if line[column] == quote:
                if quote == '"' and (len(line[:column]) - len(line[:column].rstrip("\\"))) % 2 == 0:
                    return _Mark(row, column)
                if quote == "'":
                    if column > 0 and line[column - 1] == "'":
                        column -= 2
                        continue
                    return _Mark(row, column)
            column -= 1
        row -= 1
        if row < 0:
            return None
        column = len(lines.lines[row]) - 1
    return None


def _block(problem: str, context: str, at: _Mark | None, opened: _Mark | None, lines: _Text, file: str) -> _Found:
    """Indentation and stray text in a block mapping or list."""
    if at is None or "block" not in context:
        return None
    char = lines.char(at)
    line = lines.line(at)
    before = line[: at.column].rstrip()
    if char in _OPENERS:
        return f"YAML syntax error: a '{char}' that closes nothing: remove it, or open it with '{_OPENERS[char]}'", _at(file, at)
    if before.endswith(('"', "'")):
        opening = _opening_quote(lines, _Mark(at.line, len(before) - 1))
        if opening is not None and opening.line < at.line:
            return (
                f"YAML syntax error: the {before[-1]} opened at {_where(opening)} is not closed on its line: it runs on "
                f"to line {at.line + 1}; close it on line {opening.line + 1}",
                _at(file, opening),
            )
        return "YAML syntax error: text after a closing quote: quote the whole value", _at(file, at)
    if before.strip():
        return None
    if "expected key" in problem and char == "-":
        return (
            "YAML syntax error: a list item where a key is expected: put the list under a key ('options:') and "
            "indent it, or give it a key",
            _at(file, at),
        )
    what = "keys of one mapping" if "mapping" in context else "items of one list"
    hint = f" (the enclosing one starts at {_where(opened)})" if opened is not None else ""
    return (
        f"YAML syntax error: this line is indented to column {at.column + 1}, which lines up with nothing above it: "
        f"the {what} start in the same column{hint}",
        _at(file, at),
    )
