"""The bundled scenarios ship inside the wheel and are found from an installed package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.mark.parametrize("folder", ["scenarios", "docs"])
def test_wheel_holds_scenarios_schemas_and_guides(wheel: Path, folder: str) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file())
    assert bundled, f"{folder}/ is empty"
    for name in bundled:
        assert f"explorer/{name}" in names


def test_installed_package_finds_and_loads_bundled_scenarios(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "import explorer.bundled as b, explorer\n"
        "from explorer.loading import load_scenario\n"
        f"assert explorer.__file__.startswith({str(target)!r}), explorer.__file__\n"
        "files = b.bundled_scenarios()\n"
        f"assert files and all(str(f).startswith({str(target)!r}) for f in files), files\n"
        "assert b.default_scenario() in files\n"
        "bad = [str(p) for f in files for p in load_scenario(f).problems.errors]\n"
        "assert not bad, bad\n"
        "print(len(files))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 1
    for topic in ("authoring", "teaching"):  # the teacher's guide ships with the classroom edition it runs
        guide = subprocess.run([sys.executable, "-m", "explorer", "docs", topic], cwd=tmp_path, env=env,
                               capture_output=True, text=True)
        assert guide.returncode == 0, guide.stderr
        assert guide.stdout == (ROOT / "docs" / f"{topic}.md").read_text(encoding="utf-8")
    classroom = subprocess.run([sys.executable, "-m", "explorer", "check", "--strict", "--citations",
                                str(target / "explorer" / "scenarios" / "nk_hanoi_class.yaml")],
                               cwd=tmp_path, env=env, capture_output=True, text=True)
    assert classroom.returncode == 0, classroom.stdout + classroom.stderr
    where = subprocess.run([sys.executable, "-c", "import explorer.guides as g; print(g.guides()[0].path)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert where.stdout.strip().startswith(str(target)), where.stdout + where.stderr
