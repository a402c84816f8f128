"""Property tests: however a valid scenario is mangled, loading returns problems, never raises.

Every problem must name the file and a real position (line ≥ 1, within the file), and its
message must be one line. Example counts stay modest so that the suite stays fast.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.loading import load_scenario, load_text

CORPUS = Path(__file__).parent / "corpus" / "valid"
TINY_YAML = (CORPUS / "format_example.yaml").read_text(encoding="utf-8")
SEEDS = [TINY_YAML] + [
    (CORPUS / name).read_text(encoding="utf-8-sig")
    for name in ("flow_style.yaml", "block_scalars.yaml", "anchors.yaml", "yaml12_words.yaml", "dotted_ids.yaml")
]
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

YAML_BITS = [
    " ", "\n", "\t", ":", ": ", "- ", "[", "]", "{", "}", ",", "'", '"', "!", "!!python/object:os.system ", "&a ",
    "*a", "#", "|", ">", "%", "@", "`", "?", "~", "\\", "<<: ", "---\n", "...\n", "\x00", "\x1b[31m", "\u2028",
    "\ufeff", "é", "😀", "\r", "\r\n", "\x85", "null", "true", "no", "1e3", "0x1F", ".inf", "2019-06-30", "1:30",
    "kind", "options", "to", "requires", "probability", "(", ")", ">=", "and", "not ",
]


def check_problems(result: Any, text: str, name: str) -> None:
    """Every problem names this file at a position that exists, on one line."""
    lines = len(text.splitlines()) + 1
    for problem in result.problems.items:
        assert problem.position.file == name, problem
        assert 1 <= problem.position.line <= lines, (problem, lines)
        assert problem.position.col >= 1, problem
        assert problem.severity in ("error", "warning")
        assert problem.message and "\n" not in problem.message and "\r" not in problem.message, problem
        assert str(problem).startswith(f"{name}:{problem.position.line}:{problem.position.col}: {problem.severity}: ")
    if not result.ok:
        assert result.problems.errors and result.graph is None
    else:
        assert result.graph is not None


@st.composite
def mangled_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate", "duplicate_line", "swap_lines", "unicode"]))
        if action == "insert":
            text = text[:where] + "".join(draw(st.lists(st.sampled_from(YAML_BITS), min_size=1, max_size=4))) + text[where:]
        elif action == "unicode":
            text = text[:where] + draw(st.text(min_size=1, max_size=6)) + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)):]
        elif action == "truncate":
            text = text[:where]
        else:
            lines = text.split("\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if action == "duplicate_line":
                lines.insert(b, lines[a])
            else:
                lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
    return text


@FUZZ
@given(mangled_text())
def test_mangled_text_never_raises(text: str) -> None:
    result = load_text(text, "fuzz.yaml")
    check_problems(result, text, "fuzz.yaml")


REPLACEMENTS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["open", "deal", "a", "tension", "decision", "chance", "outcome", "tension >"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just({"label": "x", "to": "deal"}), st.just([{"label": "x", "to": "open"}]), st.just({"kind": "outcome", "title": "t"}),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mangled_data(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(yaml.safe_load(TINY_YAML))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "swap", "add_key", "duplicate"]))
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = copy.deepcopy(draw(REPLACEMENTS))
        elif action == "swap":
            other = draw(st.sampled_from(paths))
            try:
                other_parent = _parent(data, other)
                parent[key], other_parent[other[-1]] = copy.deepcopy(other_parent[other[-1]]), copy.deepcopy(parent[key])
            except (KeyError, IndexError, TypeError):
                pass
        elif action == "add_key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["kind", "to", "options", "payoffs", "probability", "requires", "x", "id"]))] = copy.deepcopy(draw(REPLACEMENTS))
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return data


@FUZZ
@given(mangled_data())
def test_mangled_structure_never_raises(data: Any) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    result = load_text(text, "data.yaml")
    check_problems(result, text, "data.yaml")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"format: 1\n", TINY_YAML.encode()[:200], b"\xef\xbb\xbf"]))
def test_random_bytes_never_raise(tmp_path_factory: Any, data: bytes, prefix: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "bytes.yaml"
    path.write_bytes(prefix + data)
    result = load_scenario(path)
    text = (prefix + data).decode("utf-8", errors="replace")
    check_problems(result, text, str(path))


@FUZZ
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    result = load_text(text, "text.yaml")
    check_problems(result, text, "text.yaml")
