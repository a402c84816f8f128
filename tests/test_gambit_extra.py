"""The Gambit cross-checks: their own extra, skipped where pygambit is missing, run by CI."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.gambit import import_gambit

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_pygambit_skips_the_cross_checks_but_fails_them_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygambit", None)  # `import pygambit` raises ImportError
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"\.\[test,gambit\]"):
        import_gambit()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI runs the Gambit cross-checks"):
        import_gambit()


def test_pygambit_is_its_own_extra_and_ci_installs_it() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert not any(d.startswith("pygambit") for d in extras["test"])  # the test install compiles nothing
    assert any(d.startswith("pygambit==16.7.0") for d in extras["gambit"])
    assert "-e '.[test,gambit]'" in (ROOT / ".ci" / "run").read_text()


def test_ci_sets_ci_and_every_gambit_test_goes_through_import_gambit() -> None:
    """A cross-check that skipped on its own (`pytest.importorskip`) would pass CI without pygambit."""
    assert 'export CI="${CI:-true}"' in (ROOT / ".ci" / "run").read_text()
    checked = 0
    for path in (ROOT / "tests").rglob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text()
        assert 'importorskip("pygambit")' not in text, path
        if "gbt." in text:
            assert "gbt = import_gambit()" in text, path
            checked += 1
    assert checked >= 4


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """The README's one whole-suite command is the one `.ci/run` runs, Gambit extra included."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Test it"):]
    start = section.index("```sh\n") + 6
    command = section[start:section.index("\n```", start)]
    assert "'.[test,gambit]'" in command and "pytest" in command
    assert command in (ROOT / ".ci" / "run").read_text().splitlines()
