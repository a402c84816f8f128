"""`explorer new`: a skeleton that passes `check --strict` and opens in the explorer, from flags or answers."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.loading import load_scenario
from explorer.loading.yaml_reader import read_yaml
from explorer.problems import Problems

ROOT = Path(__file__).resolve().parent.parent


def strict_problems(path: Path) -> list[str]:
    return [str(p) for p in load_scenario(path).problems.sorted()]


def test_flags_write_a_skeleton_that_passes_check_strict(tmp_path: Path) -> None:
    path = tmp_path / "hanoi.yaml"
    status = main(["new", str(path), "--title", "After Hanoi: what next?", "--actor", "dprk=North Korea",
                   "--actor", "usa=United States", "--metric", "tension=Tension", "--metric", "trust=Parent trust"])
    assert status == 0
    assert strict_problems(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    scenario = load_scenario(path).scenario
    assert scenario.title == "After Hanoi: what next?" and scenario.id == "after_hanoi_what_next"
    assert {a: x.name for a, x in scenario.actors.items()} == {"dprk": "North Korea", "usa": "United States"}
    assert {m: x.label for m, x in scenario.metrics.items()} == {"tension": "Tension", "trust": "Parent trust"}
    assert {n.kind for n in scenario.nodes.values()} == {"decision", "chance", "outcome"}
    assert any(o.requires for n in scenario.nodes.values() for o in n.options), "an example of requires"


def test_the_schema_comment_points_at_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    assert main(["new", str(path), "--title", "S", "--actor", "a=A"]) == 0
    target = path.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    assert target.startswith("file://") and target.endswith("scenario.schema.json")
    assert Path(target.removeprefix("file://")).is_file()


@pytest.mark.parametrize("title", ['Kim\'s "offer": #1 — [bold]?', "Ünïcödé: 北朝鮮", "yes", "- a: {b}", "tab\there"])
def test_any_typed_text_gives_a_valid_file(tmp_path: Path, title: str) -> None:
    path = tmp_path / "t.yaml"
    assert main(["new", str(path), "--title", title, "--actor", f"a={title}", "--metric", f"m={title}"]) == 0
    assert strict_problems(path) == []
    scenario = load_scenario(path).scenario
    assert scenario.title == title and scenario.actors["a"].name == title and scenario.metrics["m"].label == title


def test_answers_on_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    answers = "My crisis\nblue=Blue team\nred=Red team\n\ntension=Tension\n\n1\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    monkeypatch.chdir(tmp_path)
    assert main(["new"]) == 0
    path = tmp_path / "my_crisis.yaml"
    assert strict_problems(path) == []
    scenario = load_scenario(path).scenario
    assert list(scenario.actors) == ["blue", "red"] and list(scenario.metrics) == ["tension"]
    err = capsys.readouterr().err
    assert "Title" in err and "Actors" in err and "Metrics" in err and "wrote my_crisis.yaml" in err


def test_the_end_of_input_takes_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = tmp_path / "cold_war.yaml"
    assert main(["new", str(path)]) == 0
    scenario = load_scenario(path).scenario
    assert scenario.title == "Cold war" and list(scenario.actors) == ["blue", "red"] and not scenario.metrics
    assert strict_problems(path) == []


def test_prompts_in_a_terminal(tmp_path: Path) -> None:
    """Run under a pseudo-terminal, answering as a person types."""
    parent, child = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "explorer", "new", "t.yaml"], stdin=child, stdout=child,
                            stderr=child, cwd=tmp_path, env=env, close_fds=True)
    os.close(child)
    os.write(parent, b"Terminal crisis\nus=United States\ncn=China\n\n\n2\n")
    output = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(parent)
    assert proc.wait(timeout=60) == 0, output
    assert b"Title" in output and b"wrote t.yaml" in output
    data = read_yaml((tmp_path / "t.yaml").read_text(encoding="utf-8"), "t.yaml", Problems()).value
    assert data["title"] == "Terminal crisis" and list(data["actors"]) == ["us", "cn"] and data["format"] == 2


def test_an_existing_file_is_kept_without_force(tmp_path: Path, capsys) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("mine\n", encoding="utf-8")
    assert main(["new", str(path), "--title", "X", "--actor", "a=A"]) == 2
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert "--force" in capsys.readouterr().err
    assert main(["new", str(path), "--title", "X", "--actor", "a=A", "--force"]) == 0
    assert strict_problems(path) == []


def test_a_folder_gets_a_file_named_by_the_id(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path), "--title", "Taiwan Strait 2027", "--actor", "a=A"]) == 0
    assert strict_problems(tmp_path / "taiwan_strait_2027.yaml") == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["--actor", "bad id=X"], "actor id 'bad id'"), (["--actor", "a="], "write it as ID=NAME"),
     (["--actor", "a=A", "--actor", "a=B"], "actor id 'a' is given twice"), (["--metric", "=x", "--actor", "a=A"], "ID=NAME")],
)
def test_bad_choices_are_usage_errors(tmp_path: Path, args: list[str], fragment: str, capsys) -> None:
    assert main(["new", str(tmp_path / "b.yaml"), "--title", "B", *args]) == 2
    assert fragment in capsys.readouterr().err
    assert not (tmp_path / "b.yaml").exists()


def test_one_actor_is_enough(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    assert main(["new", str(path), "--title", "Solo", "--actor", "kim=Kim Jong Un", "--metric", "m=M"]) == 0
    assert strict_problems(path) == []


def _round_skeleton(tmp_path: Path, actors: list[str]) -> Path:
    path = tmp_path / "rounds.yaml"
    args = [a for actor in actors for a in ("--actor", actor)]
    main(["new", str(path), "--title", "Rounds", *args, "--metric", "tension=Tension", "--format", "2"])
    return path


@pytest.mark.parametrize("actors", [["dprk=DPRK", "usa=USA"], ["dprk=DPRK", "usa=USA", "rok=ROK", "cn=China"], ["solo=Solo"]])
def test_format_2_writes_a_round_as_the_contract_describes(tmp_path: Path, actors: list[str]) -> None:
    data = read_yaml(_round_skeleton(tmp_path, actors).read_text(encoding="utf-8"), "r.yaml", Problems()).value
    assert data["format"] == 2
    rounds = [n for n in data["nodes"].values() if n["kind"] == "round"]
    assert len(rounds) == 1 and data["start"] == "first_round"
    (round_node,) = rounds
    ids = [a.split("=")[0] for a in actors]
    assert list(round_node["moves"]) == ids[:3]
    for moves in round_node["moves"].values():
        assert len({m["id"] for m in moves}) == len(moves) and sum(bool(m.get("default")) for m in moves) == 1
    last = round_node["then"][-1]
    assert "picks" not in last and "if" not in last and last["to"] in data["nodes"]
    assert all(rule["to"] in data["nodes"] for rule in round_node["then"])


@pytest.mark.parametrize("actors", [["dprk=DPRK", "usa=USA"], ["solo=Solo"]])
def test_format_2_skeleton_passes_check_strict(tmp_path: Path, actors: list[str]) -> None:
    assert strict_problems(_round_skeleton(tmp_path, actors)) == []


async def test_the_skeleton_opens_in_the_explorer_and_walks_to_an_ending(tmp_path: Path) -> None:
    from explorer.tui.app import make_app
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.screens.outcome import OutcomeScreen

    path = tmp_path / "walk.yaml"
    assert main(["new", str(path), "--title", "Walk", "--actor", "a=A", "--actor", "b=B", "--metric", "m=M"]) == 0
    graph = load_scenario(path).graph
    app = make_app(graph, path=path, seed=1)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen) and app.walk.node_id == "opening"
        await pilot.press("2", "2")  # press (tension 2) unlocks resist: to the chance node
        assert app.walk.node_id == "gamble"
        await pilot.press("1")
        await pilot.pause()
        assert app.walk.node_id == "stalemate" and isinstance(app.screen, OutcomeScreen)
