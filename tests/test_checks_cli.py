"""`explorer check`: exit codes, output lines, `--json`, `--strict`, and import hygiene."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tiny(write_scenario, tiny_yaml: str) -> Path:
    return write_scenario(tiny_yaml, name="tiny.yaml")


@pytest.fixture
def broken(write_scenario, tiny_yaml: str) -> Path:
    text = tiny_yaml.replace("title: A tiny crisis", "title: A tiny crisis\ntittle: typo").replace("to: deal}", "to: dael}", 1)
    return write_scenario(text, name="broken.yaml")


def test_a_valid_scenario_exits_0_with_a_summary(tiny: Path, capsys) -> None:
    assert main(["check", str(tiny)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert LINE.match(out[0]).group("severity") == "warning"
    assert out[-2] == f"ok: {tiny}: 5 nodes, 2 actors, 2 outcomes, 1 file(s)"
    assert out[-1] == "0 error(s), 1 warning(s) in 1 scenario(s)"


def test_strict_makes_warnings_fail(tiny: Path, capsys) -> None:
    assert main(["check", "--strict", str(tiny)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 error(s), 1 warning(s) in 1 scenario(s) (--strict: warnings count as problems)"
    )


def test_strict_without_warnings_passes(write_scenario, tiny_yaml: str) -> None:
    clean = write_scenario(tiny_yaml.replace('requires: "tension >= 4", ', ""), name="clean.yaml")
    assert main(["check", "--strict", str(clean)]) == 0


def test_problems_exit_1_errors_first_in_line_order(broken: Path, capsys) -> None:
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out.splitlines()
    parsed = [LINE.match(line) for line in out[:-1]]
    assert all(parsed), out
    assert [(m.group("line"), m.group("col"), m.group("severity")) for m in parsed] == [("4", "1", "error"), ("24", "29", "error")]
    assert parsed[1].group("message") == "node 'reply', option 1: 'to' names unknown node 'dael' (did you mean 'deal'?)"
    assert all(m.group("file") == str(broken) for m in parsed)
    assert out[-1] == "2 error(s), 0 warning(s) in 1 scenario(s)"


def test_json_output(broken: Path, tiny: Path, capsys) -> None:
    assert main(["check", "--json", str(tiny), str(broken)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 3
    for item in data:
        assert set(item) == {"file", "line", "col", "severity", "message"}
        assert isinstance(item["line"], int) and isinstance(item["col"], int)
    assert [item["severity"] for item in data] == ["error", "error", "warning"]
    assert data[0] == {"file": str(broken), "line": 4, "col": 1, "severity": "error",
                       "message": "unknown key 'tittle' (did you mean 'title'?)"}
    assert data[2]["file"] == str(tiny)


def test_json_output_of_a_clean_scenario_is_an_empty_list(write_scenario, tiny_yaml: str, capsys) -> None:
    clean = write_scenario(tiny_yaml.replace('requires: "tension >= 4", ', ""), name="clean.yaml")
    assert main(["check", "--json", str(clean)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_folder_checks_the_yaml_files_directly_inside(tiny: Path, broken: Path, capsys) -> None:
    (tiny.parent / "sub").mkdir()
    (tiny.parent / "sub" / "ignored.yaml").write_text("not: [a scenario\n", encoding="utf-8")
    (tiny.parent / "notes.txt").write_text("ignored", encoding="utf-8")
    assert main(["check", str(tiny.parent)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "2 error(s), 1 warning(s) in 2 scenario(s)"


def test_missing_paths_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    assert capsys.readouterr().err.strip() == f"explorer check: error: no such file or folder: {tmp_path / 'nope.yaml'}"


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["check"]) == 2
    assert main(["check", "--no-such-flag", "x.yaml"]) == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"\xff\xfe\x00", "not valid UTF-8"), (b"", "the file is empty"), (b"[" * 100_000, "nesting deeper"),
     (b"a: !!python/object/apply:os.system [ls]", "not allowed"), (b"a: 1\na: 2\n", "duplicate key")],
)
def test_hostile_files_give_one_line_errors(write_scenario, content: bytes, fragment: str, capsys) -> None:
    path = write_scenario(content, name="bad.yaml")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert all(LINE.match(line) for line in out[:-1]), out
    assert any(fragment in line for line in out), out
    assert re.fullmatch(r"\d+ error\(s\), 0 warning\(s\) in 1 scenario\(s\)", out[-1])


def test_a_message_quoting_control_characters_stays_on_one_line(write_scenario, tiny_yaml: str, capsys) -> None:
    path = write_scenario(tiny_yaml.replace("to: deal}", 'to: "de\\nal\\e[31m"}', 1), name="esc.yaml")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    first = out.splitlines()[0]
    assert first.endswith("'de\\nal\\x1b[31m' is not a valid id in node 'reply', option 1: use letters, digits, '_', '-' and '.'")


def test_python_m_explorer_check_runs_without_textual(tiny: Path) -> None:
    code = (
        "import sys\n"
        "import explorer.cli\n"
        "status = explorer.cli.main(['check', sys.argv[1]])\n"
        "print('textual' in sys.modules, 'networkx' in sys.modules, status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tiny)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    # networkx too is left unloaded: checking reads the graph's flat table (networkx only reports cycles)
    assert done.stdout.splitlines()[-1] == "False False 0"


def test_python_m_explorer_check_as_a_process(tiny: Path, broken: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "explorer", "check", str(tiny)], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1] == "0 error(s), 1 warning(s) in 1 scenario(s)"
    bad = subprocess.run([sys.executable, "-m", "explorer", "check", str(broken)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr == ""
