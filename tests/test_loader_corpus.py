"""The corpus of broken and tricky scenarios: each file declares the problems it must give.

A file declares them in comment lines (anywhere, usually at the top), or in a sidecar
`NAME.expect` when the file itself cannot hold comments (an empty file):

    # expect: 12:7 error unknown key 'x'            (a problem in this file)
    # expect: parts/a.yaml:3:1 warning node 'y'     (a problem in a file it includes)

The loaded problems must be exactly the declared ones: same (file, line, col, severity),
each message containing its fragment (`{here}` stands for this file's displayed path).
Valid files declare nothing but warnings (usually nothing at all).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from explorer.loading import load_scenario

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(r"^\s*#\s*expect:\s*(?:(?P<file>[^\s:]+):)?(?P<line>\d+):(?P<col>\d+)\s+(?P<severity>error|warning)\s+(?P<fragment>.+?)\s*$")

Expected = tuple[str, int, int, str, str]


def expectations(path: Path) -> list[Expected]:
    texts = [path.read_bytes().decode("utf-8", errors="replace")]
    sidecar = path.with_name(path.name + ".expect")
    if sidecar.exists():
        texts.append(sidecar.read_text(encoding="utf-8"))
    found = []
    for text in texts:
        for line in re.split("\r\n|\r|\n", text):  # CR-only files too
            match = EXPECT.match(line.lstrip("\ufeff"))
            if match:
                found.append((match["file"] or path.name, int(match["line"]), int(match["col"]), match["severity"], match["fragment"]))
    return found


def load_relative(path: Path, monkeypatch: pytest.MonkeyPatch):
    """Load from the corpus folder, so displayed paths read `invalid/x.yaml`."""
    monkeypatch.chdir(CORPUS)
    return load_scenario(path.relative_to(CORPUS))


def actual(result, folder: Path) -> list[Expected]:
    rows = []
    for problem in result.problems.sorted():
        file = os.path.relpath(problem.position.file, folder.relative_to(CORPUS))
        rows.append((file, problem.position.line, problem.position.col, problem.severity, problem.message))
    return rows


def compare(path: Path, result) -> None:
    wanted = expectations(path)
    got = actual(result, path.parent)
    here = str(path.relative_to(CORPUS))
    shown = "\n".join(f"  {f}:{line}:{col} {sev} {msg}" for f, line, col, sev, msg in got)
    assert len(got) == len(wanted), f"{path.name}: expected {len(wanted)} problems, got {len(got)}:\n{shown}"
    unmatched = list(got)
    for file, line, col, severity, fragment in wanted:
        fragment = fragment.replace("{here}", here)
        match = next((g for g in unmatched if g[:4] == (file, line, col, severity) and fragment in g[4]), None)
        assert match is not None, f"{path.name}: no problem {file}:{line}:{col} {severity} '{fragment}' in:\n{shown}"
        unmatched.remove(match)


INVALID = sorted((CORPUS / "invalid").glob("*.yaml"))
VALID = sorted((CORPUS / "valid").glob("*.yaml"))


def test_the_corpus_is_broad() -> None:
    assert len(INVALID) >= 30 and len(VALID) >= 10
    for path in INVALID:
        assert expectations(path), f"{path.name} declares no expected problem"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = load_relative(path, monkeypatch)
    compare(path, result)
    assert not result.ok or all(e[3] == "warning" for e in expectations(path))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = load_relative(path, monkeypatch)
    assert result.ok, "\n".join(str(p) for p in result.problems.sorted())
    compare(path, result)
    assert result.graph is not None and result.graph.start in result.graph


def _valid(name: str, monkeypatch: pytest.MonkeyPatch):
    result = load_relative(CORPUS / "valid" / name, monkeypatch)
    assert result.ok
    return result


def test_numeric_looking_ids_keep_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _valid("numeric_ids.yaml", monkeypatch)
    assert result.scenario.id == "2019" and result.scenario.start == "2019"
    assert sorted(result.graph.digraph.successors("2019")) == ["007", "0x1F", "1e3"]
    assert result.scenario.nodes["007"].payoffs == {"1": 1.0}


def test_dotted_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _valid("dotted_ids.yaml", monkeypatch)
    assert sorted(result.graph.digraph.successors("1.1")) == ["1.10", "1.2"]


def test_yaml12_words_stay_text(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = _valid("yaml12_words.yaml", monkeypatch).scenario
    node = scenario.nodes["no"]
    assert [o.label for o in node.options] == ["No", "Yes", "On"]
    assert [o.historical for o in node.options] == [False, True, False]
    assert node.when == "1:30" and node.tags == ["yes", "no", "on", "off", "Y", "N", "~x"]
    assert scenario.nodes["yes"].title == "yes" and scenario.nodes["off"].title == "NO"


def test_markup_and_escapes_load_literally(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = _valid("markup_titles.yaml", monkeypatch).scenario
    assert scenario.title == "[/] [bold red]Not markup[/bold red] [link=https://x]"
    assert scenario.summary == "\x1b[31mred\x1b[0m and [b]bold[/b] and \\[escaped]"
    assert scenario.nodes["e"].title.startswith("\x1b]8;;https://evil")


def test_crlf_bom_blocks_and_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _valid("crlf.yaml", monkeypatch).scenario.summary == "Two lines\nof summary.\n"
    assert _valid("bom.yaml", monkeypatch).scenario.id == "bom"
    blocks = _valid("block_scalars.yaml", monkeypatch).scenario
    assert blocks.title == "A folded title"
    assert blocks.actors["a"].briefing == "Keep the trailing newlines.\n\n\n"
    assert blocks.nodes["s"].options[0].requires == "m >= 0 and m < 10\n"
    anchors = _valid("anchors.yaml", monkeypatch).scenario
    assert anchors.nodes["u"].options == anchors.nodes["t"].options
    assert anchors.nodes["lose"].payoffs == {"a": 1.0, "b": 1.0}


def test_includes_in_subfolders(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _valid("with_includes.yaml", monkeypatch)
    assert [os.path.normpath(f) for f in result.files] == [
        os.path.normpath(f) for f in ("valid/with_includes.yaml", "valid/parts/actors.yaml",
                                      "valid/parts/deeper/nodes.yaml", "valid/parts/deeper/metrics.yaml")
    ]
    assert set(result.scenario.metrics) == {"m"}


# --- generated hostile inputs (too big to commit) ---------------------------------------


def test_a_10_mb_scalar_and_long_lines(write_scenario, tiny_yaml: str) -> None:
    big = tiny_yaml.replace("title: A tiny crisis", "title: " + "x" * 10_000_000)
    big = big.replace("Beta answers the offer", " ".join(["word"] * 200_000))
    result = load_scenario(write_scenario(big))
    assert result.ok
    assert len(result.scenario.title) == 10_000_000
    [warning] = result.problems.sorted()
    assert (warning.position.line, warning.position.col) == (24, 50)


@pytest.mark.parametrize(("length", "fragment"), [(1000, "unknown key 'kkkk"), (100_000, "YAML syntax error")])
def test_huge_keys_give_short_messages(write_scenario, tiny_yaml: str, length: int, fragment: str) -> None:
    """libyaml takes plain keys up to 1,024 characters; longer ones are a syntax error at the key."""
    result = load_scenario(write_scenario(tiny_yaml.replace("title: A tiny crisis", "title: T\n" + "k" * length + ": 1")))
    [error] = result.problems.errors
    assert (error.position.line, error.position.col) == (4, 1)
    assert len(error.message) <= 1010 and error.message.startswith(fragment)


def test_many_nodes_load(write_scenario) -> None:
    count = 20_000
    lines = ["format: 1", "id: many", "title: Many", "actors: {a: {name: A}}", "start: n0", "nodes:"]
    for i in range(count):
        lines.append(f"  n{i}: {{kind: decision, actor: a, title: N{i}, options: [{{label: go, to: n{i + 1}}}]}}")
    lines.append(f"  n{count}: {{kind: outcome, title: End, payoffs: {{a: 1}}}}")
    result = load_scenario(write_scenario("\n".join(lines) + "\n", dedent=False))
    assert result.ok and len(result.graph) == count + 1
