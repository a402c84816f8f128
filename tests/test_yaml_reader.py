"""The safe YAML reader: 1.2 core typing, positions, and every hostile-input guard."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc

import pytest

from explorer.loading import limits
from explorer.loading.scalars import core_scalar
from explorer.loading.yaml_reader import decode, read_yaml
from explorer.problems import Position, Problems


def read(text: str):
    """The marked read (every container knows its place): what these tests are about; the quick read
    of plain files is compared with it in test_quick_reader.py."""
    problems = Problems()
    result = read_yaml(text, "f.yaml", problems, marks=True)
    return result, [(p.position.line, p.position.col, p.message) for p in problems.sorted()]


# --- YAML 1.2 core typing ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "Off", "y", "Y", "n", "N", "1:30", "12:30:00",
     "2019-06-30", "2019-06-30T10:00:00Z", "0b101", "1_000", "0o", "0x", "0xZZ", ".", "-", "+", "e3", "1e", "=", "<<",
     ".5.5", "1.2.3", "nan", "inf", "NULL_", "truee", "0x-1F", "0x+1F", "0x 1F", "0x1_F", "0o-7", "0o1_7", "0o 7"],
)
def test_plain_scalars_that_stay_text(text: str) -> None:
    assert core_scalar(text) == text
    assert isinstance(core_scalar(text), str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
     ("null", None), ("Null", None), ("NULL", None), ("~", None), ("12", 12), ("-3", -3), ("+7", 7), ("0", 0),
     ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1e3", 1000.0), ("1E-2", 0.01), ("0x1f", 31), ("0o17", 15),
     (".inf", float("inf")), ("-.Inf", float("-inf"))],
)
def test_plain_scalars_that_are_typed(text: str, expected: object) -> None:
    value = core_scalar(text)
    assert value == expected
    assert type(value) is type(expected) or isinstance(value, type(expected))


def test_nan_is_a_float() -> None:
    value = core_scalar(".nan")
    assert isinstance(value, float) and value != value


def test_a_document_keeps_no_and_yes_and_times_as_text() -> None:
    result, problems = read("no: No\nyes: off\ny: n\ntime: 1:30\nwhen: 2019-06-30\nquoted: 'true'\nflag: true\n")
    assert problems == []
    assert result.value == {
        "no": "No", "yes": "off", "y": "n", "time": "1:30", "when": "2019-06-30", "quoted": "true", "flag": True,
    }


def test_keys_are_text_exactly_as_written() -> None:
    result, problems = read("2019: a\n1.0: b\ntrue: c\n~: d\n007: e\n")
    assert problems == []
    assert list(result.value) == ["2019", "1.0", "true", "~", "007"]


def test_numbers_remember_how_they_were_written() -> None:
    """`to: 2.10` must not become "2.1" (another node) when read as an id."""
    result, _ = read("a: 2.10\nb: 007\nc: 1e3\nd: 2.5\ne: 12\n")
    value = result.value
    assert value["a"] == 2.1 and value["a"].yaml_text == "2.10"
    assert value["b"] == 7 and value["b"].yaml_text == "007"
    assert value["c"] == 1000.0 and value["c"].yaml_text == "1e3"
    assert type(value["d"]) is float and type(value["e"]) is int  # plain when the text round-trips


def test_infinities_and_repeated_numbers_keep_their_text() -> None:
    result, _ = read("a: .inf\nb: -.Inf\nc: .nan\nd: [2.10, 2.10, 7, 7]\ne: true\nf: ~\n")
    value = result.value
    assert value["a"] == float("inf") and value["a"].yaml_text == ".inf"
    assert value["b"] == float("-inf") and value["b"].yaml_text == "-.Inf"
    assert value["c"] != value["c"] and value["c"].yaml_text == ".nan"
    assert [getattr(v, "yaml_text", None) for v in value["d"]] == ["2.10", "2.10", None, None]
    assert value["e"] is True and value["f"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a: " + "1" * 5000, "1" * 5000), ("a: -" + "9" * 4000, "-" + "9" * 4000), ("a: 0x" + "f" * 5000, "0x" + "f" * 5000),
     ("a: !!int " + "1" * 5000, "1" * 5000), ("a: !!map x", "x"), ("a: !!seq x", "x")],
)
def test_numbers_too_big_to_print_and_odd_tags_stay_text(text: str, expected: str) -> None:
    """Python refuses to convert or print whole numbers of more than 4,300 digits: no traceback."""
    result, problems = read(text + "\n")
    assert problems == []
    assert result.value == {"a": expected}


def test_safe_tags_and_nonspecific_tag() -> None:
    result, problems = read("a: !!str 12\nb: !!int '12'\nc: !!float 1\nd: ! 12\ne: !!bool true\nf: !!null ~\ng: !!int x\n")
    assert problems == []
    assert result.value == {"a": "12", "b": 12, "c": 1, "d": "12", "e": True, "f": None, "g": "x"}


# --- positions ----------------------------------------------------------------------------


def test_positions_of_keys_and_values() -> None:
    text = "top:\n  key: value\n  quoted: \"q\"\n  single: 's'\n  list:\n    - one\n    - {a: 1}\nflow: {x: [1, 2]}\n"
    result, problems = read(text)
    assert problems == []
    positions, top = result.positions, result.value["top"]
    assert positions.key(result.value, "top") == Position("f.yaml", 1, 1)
    assert positions.key(top, "key") == Position("f.yaml", 2, 3)
    assert positions.value(top, "key") == Position("f.yaml", 2, 8)
    assert positions.value(top, "quoted") == Position("f.yaml", 3, 12)  # inside the quotes
    assert positions.value(top, "single") == Position("f.yaml", 4, 12)
    assert positions.value(top["list"], 0) == Position("f.yaml", 6, 7)
    assert positions.value(top["list"], 1) == Position("f.yaml", 7, 7)
    assert positions.start(top["list"][1]) == Position("f.yaml", 7, 7)
    assert positions.value(result.value["flow"], "x") == Position("f.yaml", 8, 11)
    assert positions.value(result.value["flow"]["x"], 1) == Position("f.yaml", 8, 15)


def test_columns_count_characters_not_bytes() -> None:
    result, _ = read("ключ: значение\nk: {é: 1, z: 2}\n")
    assert result.positions.value(result.value, "ключ") == Position("f.yaml", 1, 7)
    assert result.positions.key(result.value["k"], "z") == Position("f.yaml", 2, 11)


def test_crlf_and_bom_keep_positions() -> None:
    problems = Problems()
    text = decode(b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: 2\r\n", "f.yaml", problems)
    assert text is not None and problems.items == []
    result = read_yaml(text, "f.yaml", problems, marks=True)
    assert result.value == {"a": 1, "b": {"c": 2}}
    assert result.positions.key(result.value["b"], "c") == Position("f.yaml", 3, 3)


# --- syntax errors and forbidden content ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("a: 1\n\tb: 2\n", 2, 1, "tab character"),
        ("a:\n\t- x\n", 2, 1, "tab character"),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1, "tab character"),
        ("a: [1, 2\nb: 3\n", 1, 4, "the '[' opened at 1:4 is not closed"),
        ("a: {x: 1\n", 1, 4, "the '{' opened at 1:4 is not closed"),
        ("a: 'open\n", 1, 4, "the ' opened at 1:4 is never closed"),
        ("a: b: c\n", 1, 5, "YAML syntax error"),
        ("- a\nb: c\n", 2, 1, "YAML syntax error"),
        ("a: 1\n a: 2\n", 2, 3, "YAML syntax error"),
        ('a: "\\ud800"\n', 1, 5, "'\\ud800' is not a character"),
        ("a: *nothing\n", 1, 4, "alias *nothing has no anchor"),
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first written at line 1)"),
        ("x:\n  k: 1\n  k: 2\n", 3, 3, "duplicate key 'k'"),
        ("{a: 1, a: 2}\n", 1, 8, "duplicate key 'a'"),
        ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        ("[a, b]: 1\n", 1, 1, "a mapping key must be a plain word"),
        ("? {a: 1}\n: 2\n", 1, 3, "a mapping key must be a plain word"),
        ("", 1, 1, "the file is empty"),
        ("# only\n# comments\n", 1, 1, "the file is empty"),
        ("---\n...\n", 1, 1, "the file is empty"),
        ("~\n", 1, 1, "the file is empty"),
    ],
)
def test_yaml_level_errors(text: str, line: int, col: int, fragment: str) -> None:
    result, problems = read(text)
    assert result.value is None or not result.ok
    assert len(problems) == 1, problems
    assert problems[0][:2] == (line, col)
    assert fragment in problems[0][2]


@pytest.mark.parametrize(
    ("text", "line", "col", "tag"),
    [
        ("a: !!python/object/apply:os.system ['echo hi']\n", 1, 4, "python/object/apply:os.system"),
        ("a: !!python/name:os.system ''\n", 1, 4, "python/name:os.system"),
        ("a: !!python/object:collections.OrderedDict {}\n", 1, 4, "python/object:collections.OrderedDict"),
        ("x: 1\na: !!binary aGVsbG8=\n", 2, 4, "binary"),
        ("a: !!timestamp 2001-01-01\n", 1, 4, "timestamp"),
        ("a: !!set {x: null}\n", 1, 4, "set"),
        ("a: !!omap [x: 1]\n", 1, 4, "omap"),
        ("a: !custom {x: 1}\n", 1, 4, "!custom"),
        ("a:\n  - !<tag:example.com,2000:app/x> 1\n", 2, 5, "tag:example.com,2000:app/x"),
    ],
)
def test_constructing_tags_are_refused(text: str, line: int, col: int, tag: str) -> None:
    result, problems = read(text)
    assert result.value is None
    assert len(problems) == 1
    assert problems[0][:2] == (line, col)
    assert tag in problems[0][2] and "not allowed" in problems[0][2]


@pytest.mark.parametrize(
    ("text", "line", "col", "code"),
    [("a: x\x00y\n", 1, 5, "U+0000"), ("a: 1\nb: '\x07'\n", 2, 5, "U+0007"), ("é: ü\x1b[31m\n", 1, 5, "U+001B"),
     ("a: \x7f\n", 1, 4, "U+007F")],
)
def test_control_characters_are_reported_on_one_line(text: str, line: int, col: int, code: str) -> None:
    result, problems = read(text)
    assert result.value is None
    assert problems[0][:2] == (line, col)
    assert code in problems[0][2] and "\n" not in problems[0][2]


def test_lone_surrogate_in_text_is_an_error_not_a_crash() -> None:
    result, problems = read("a: b\nc: x\ud800\n")
    assert result.value is None
    assert problems == [(2, 5, "character U+D800 (a lone surrogate) cannot be encoded as UTF-8")]


def test_escapes_in_double_quotes_are_fine() -> None:
    result, problems = read('a: "bell \\a, esc \\e[31m, nul \\0, \\u00e9"\n')
    assert problems == []
    assert result.value["a"] == "bell \x07, esc \x1b[31m, nul \x00, é"


@pytest.mark.parametrize(
    ("data", "line", "col", "byte"),
    [(b"a: caf\xe9\n", 1, 7, "0xe9"), (b"a: 1\nb: \xff\xfe\n", 2, 4, "0xff"), (b"\xff\xfea\x00:\x00", 1, 1, "0xff"),
     ("é: ok\n".encode() + b"x: \x80", 2, 4, "0x80")],
)
def test_non_utf8_bytes_are_reported_where_they_are(data: bytes, line: int, col: int, byte: str) -> None:
    problems = Problems()
    assert decode(data, "f.yaml", problems) is None
    (problem,) = problems.items
    assert (problem.position.line, problem.position.col) == (line, col)
    assert byte in problem.message and "UTF-8" in problem.message


# --- limits: aliases, depth, size ------------------------------------------------------


def _laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_with_bounded_memory() -> None:
    text = _laughs()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result, problems = read(text)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.value is None
    assert len(problems) == 1 and "aliases expand to more than" in problems[0][2]
    assert problems[0][:2] == (6, 14)  # lol5: its first alias passes the budget of 100,000 values
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024


def test_a_few_aliases_are_fine() -> None:
    result, problems = read("base: &b {label: X, min: 0}\none: *b\ntwo: *b\n")
    assert problems == []
    assert result.value["one"] == result.value["two"] == {"label": "X", "min": 0}


def test_aliases_to_scalars_count_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ALIAS_EXPANSION", 3)
    result, problems = read("a: &x 1\nb: [*x, *x, *x, *x]\n")
    assert result.value is None
    assert problems[0][:2] == (2, 17)


_DEEP_CASES = {
    "flow-seq": "[" * 200_000,
    "block-seq": "- " * 200_000 + "x\n",
    "flow-map": "{a: " * 200_000,
    "block-map": "".join(" " * i + "a:\n" for i in range(3000)),
    "closed-flow": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("name", sorted(_DEEP_CASES))
def test_deep_nesting_is_a_clean_error_in_a_subprocess(name: str, tmp_path) -> None:
    """Run in a child process so that a segfault or RecursionError would show as a failure."""
    path = tmp_path / "deep.yaml"
    path.write_text(_DEEP_CASES[name], encoding="utf-8")
    code = (
        "import sys\n"
        "from explorer.loading import load_scenario\n"
        "r = load_scenario(sys.argv[1])\n"
        "print('|'.join(str(p) for p in r.problems.sorted()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert f"nesting deeper than {limits.MAX_DEPTH} levels" in done.stdout
    assert done.stdout.count("error:") == 1


def test_nesting_up_to_the_limit_is_accepted() -> None:
    depth = limits.MAX_DEPTH
    _, problems = read("[" * depth + "]" * depth)
    assert problems == []
    _, problems = read("[" * (depth + 1) + "]" * (depth + 1))
    assert problems == [(1, depth + 1, f"nesting deeper than {depth} levels; a scenario never needs this")]


def test_node_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_YAML_NODES", 50)
    result, problems = read("a: [" + ", ".join(["1"] * 100) + "]\n")
    assert result.value is None
    assert len(problems) == 1 and "more than 50 YAML values" in problems[0][2]
    assert problems[0][0] == 1 and problems[0][1] > 1


def test_huge_scalars_and_long_lines_load() -> None:
    big = "x" * 10_000_000
    result, problems = read(f"a: {big}\nb: {' '.join(['w'] * 200_000)}\n")
    assert problems == []
    assert len(result.value["a"]) == 10_000_000
    assert result.positions.value(result.value, "b") == Position("f.yaml", 2, 4)
