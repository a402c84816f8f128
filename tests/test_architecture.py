"""The architecture, checked: the import-linter contracts of pyproject.toml hold, and no module of
explorer imports a module that imports it back (directly or round a longer loop)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))"


def lint_imports(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under `cwd` with `config`, in its own interpreter."""
    return subprocess.run([sys.executable, "-c", LINT, str(config)], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_the_import_contracts_hold() -> None:
    done = lint_imports(ROOT / "pyproject.toml", ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and "KEPT" in done.stdout


def test_a_broken_contract_fails(tmp_path: Path) -> None:
    """The check is not vacuous: a domain module that imports Textual breaks the first contract."""
    shutil.copytree(ROOT / "explorer", tmp_path / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "explorer" / "walk_view.py").write_text("import textual.app\n", encoding="utf-8")
    shutil.move(tmp_path / "explorer" / "walk_view.py", tmp_path / "explorer" / "game" / "walk_view.py")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    done = lint_imports(config, tmp_path)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout and "explorer.game.walk_view" in done.stdout


def _imports(tree: ast.AST, type_hints: bool) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement in `tree`; those under `if TYPE_CHECKING:` only with `type_hints`."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) and not type_hints:
            found += _imports(ast.Module(body=node.orelse, type_ignores=[]), type_hints)
        else:
            found += _imports(node, type_hints)
    return found


def import_graph(package: Path, *, type_hints: bool = True) -> nx.DiGraph:
    """Module → the modules of the same package it imports, at module level or inside functions
    (imported when first used), and with `type_hints` under TYPE_CHECKING too. As import-linter
    counts them, `from pkg.mod import name` imports pkg.mod, `from pkg import mod` imports pkg.mod
    (the parent packages that Python initialises on the way are not counted)."""
    top = package.name
    modules = {".".join(p.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in package.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        is_package = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")), type_hints):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parts = name.split(".")[: len(name.split(".")) - node.level + is_package]
                    base = ".".join([*parts, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in modules:  # `from pkg.mod import name`: the module
                    target = target.rpartition(".")[0]
                if target.startswith(top) and target != name:
                    graph.add_edge(name, target)
    return graph


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """The groups of modules that import each other round a loop."""
    return sorted(sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1)


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    """Not when it runs (at module level or inside a function)…"""
    assert cycles(import_graph(ROOT / "explorer", type_hints=False)) == []


def test_nor_for_its_type_hints() -> None:
    """…nor for its type hints: a type one module needs from another that needs it back belongs
    below both (or the one is asked for through a Protocol, as the TUI's screens ask the app)."""
    assert cycles(import_graph(ROOT / "explorer")) == []


def test_the_cycle_finder_finds_cycles(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from pkg.sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\n",
        "c.py": "def f():\n    import pkg.a\n",
        "d.py": "from . import a\n",
    }
    for relative, text in files.items():
        (package / relative).write_text(textwrap.dedent(text), encoding="utf-8")
    graph = import_graph(package)
    assert cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    assert graph.has_edge("pkg.d", "pkg.a")
    assert cycles(import_graph(package, type_hints=False)) == []  # the loop closes only under TYPE_CHECKING


def test_bindings_are_written_only_in_the_command_table() -> None:
    """Every app's keys come from its command table: no `Binding(` anywhere else."""
    from explorer.tui.app import ExplorerApp
    from explorer.tui.command_table import CommandTable
    from explorer.tui.game.app import GameApp
    from explorer.tui.seat.app import SeatApp

    written = [p.relative_to(ROOT).as_posix() for p in (ROOT / "explorer").rglob("*.py")
               if "Binding(" in p.read_text(encoding="utf-8")]
    assert written == ["explorer/tui/command_table.py"]
    assert all(isinstance(app.COMMAND_TABLE, CommandTable) for app in (ExplorerApp, GameApp, SeatApp))
