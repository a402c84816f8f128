"""YAML syntax errors come with the cause and the fix, at the place to fix (in the explorer's own words)."""

from __future__ import annotations

import pytest

from explorer.loading.yaml_reader import read_yaml
from explorer.problems import Problems


def problem(text: str) -> tuple[int, int, str]:
    problems = Problems()
    result = read_yaml(text, "f.yaml", problems)
    assert result.value is None or not result.ok
    [only] = problems.sorted()
    return only.position.line, only.position.col, only.message


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        ("a: 1\ntitle: After Hanoi: a tiny crisis\n", 2, 19,
         "': ' inside a value; if the value is text, quote it: title: \"After Hanoi: a tiny crisis\""),
        ('a: 1\ntitle: Kim\'s "offer": refused\n', 2, 21, "quote it: title: 'Kim''s \"offer\": refused'"),
        ("a:\n  - {label: Go: now, to: x}\n", 2, 15, "two ':' in one item of the '{ }' opened at 2:5: quote a value that holds ': ' (label: \"Go: now\")"),
        ("a: {b: 1\nc: 2\n", 1, 4, "the '{' opened at 1:4 is not closed: close it with '}'"),
        ("a: [1, 2\nc: 2\n", 1, 4, "the '[' opened at 1:4 is not closed: close it with ']'"),
        ("a: {b: 1, c: {d: 2}\ne: 3\n", 1, 4, "the '{' opened at 1:4 is not closed"),
        ("a: {b: 1, c: 2", 1, 4, "the '{' opened at 1:4 is not closed"),
        ('a: {b: "x" c: 2}\n', 1, 12, "expected ',' or '}' here, inside the '{' opened at 1:4"),
        ("a: {b: 1}}\n", 1, 10, "a '}' that closes nothing"),
        ('title: "a" b\n', 1, 12, "text after a closing quote: quote the whole value"),
        ('title: "abc\nx: 1\n', 1, 8, 'the " opened at 1:8 is never closed: add the closing "'),
        ("a: 'abc\n", 1, 4, "the ' opened at 1:4 is never closed"),
        ('a: "C:\\path"\n', 1, 7, "'\\p' is not an escape inside double quotes"),
        ("a: 1\nb\nc: 2\n", 2, 1, "line 2 has no ':'"),
        ("title: @home\n", 1, 8, "'@' is reserved in YAML; quote a value that begins with it: title: \"@home\""),
        ("title: `x`\n", 1, 8, "'`' is reserved in YAML"),
        ("title: %x\n", 1, 8, "'%' starts a YAML directive"),
        ("title: *bold* words\n", 1, 8, "'*' starts an alias; quote a value that begins with it: title: \"*bold* words\""),
        ("a: 1\n- b\n", 2, 1, "a list item where a key is expected"),
        ("a:\n    b: 1\n  c: 2\n", 3, 3, "this line is indented to column 3, which lines up with nothing above it"),
        ("a:\n\tb: 1\n", 2, 1, "tab character: YAML indentation must use spaces, not tabs"),
        ("a: |\n  x\n\tb\n", 3, 1, "tab character: YAML indentation must use spaces, not tabs"),
        ("a:\n  -\tb\n", 2, 4, "tab character after '-': YAML allows only spaces there; replace the tab with a space"),
        ("a:\n  ?\tb\n  : c\n", 2, 4, "tab character after '?'"),
        ("x: &a k\n*a : y\n", 2, 1, "an alias (*name) cannot be a mapping key: write the key itself"),
    ],
)
def test_syntax_errors_say_what_to_fix(text: str, line: int, col: int, message: str) -> None:
    got = problem(text)
    assert got[:2] == (line, col), got
    assert message in got[2]


def test_an_unrecognised_syntax_error_still_has_a_position() -> None:
    line, col, message = problem("a: 1\n...\nb\n")
    assert (line, col) == (3, 1)
    assert message.startswith("YAML syntax error: ")


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [('a: 1\ntitle: "A tiny crisis\nb: 2\nc: {d: "x"} y\n', 2, 8),
     ("a: 1\ntitle: 'it''s\nb: 2\nc: {d: 'x'} y\n", 2, 8),
     ('title: "say \\"hi\\"\nb: "x" y\n', 1, 8)],
)
def test_a_quote_left_open_is_reported_where_it_was_opened(text: str, line: int, col: int) -> None:
    got = problem(text)
    assert got[:2] == (line, col), got
    assert f"opened at {line}:{col} is not closed on its line" in got[2]
