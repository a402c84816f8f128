"""`explorer check PATH... [--strict] [--json] [--citations]`: every problem of every scenario, at once."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode
from explorer.terminal_text import json_text, shown


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("check", help="validate scenarios and report every problem")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="scenario files, or folders of them (*.yaml directly inside)")
    parser.add_argument("--strict", action="store_true", help="warnings count as problems (exit 1)")
    parser.add_argument("--json", action="store_true", help="print the problems as a JSON list of objects")
    parser.add_argument(
        "--citations", action="store_true",
        help="also warn where a node or option cites nothing, a citation has no kind, "
             "or an option marked historical cites no 'history' source",
    )


def _expand(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
            elif path.exists() or path.is_symlink():  # a broken link or a loop: the loader says which
                files.append(path)
            else:
                missing.append(raw)
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte, …
            missing.append(raw)
    return files, missing


def run(args: argparse.Namespace) -> int:
    from explorer.checks.citations import check_citation_kinds
    from explorer.loading import load_scenario

    files, missing = _expand(args.paths)
    for raw in missing:
        error("check", f"no such file or folder: {raw}", ExitCode.USAGE)
    if missing:
        return ExitCode.USAGE
    errors, warnings, summaries = [], [], []
    for path in files:
        result = load_scenario(path)
        if args.citations and result.graph is not None and result.scenario is not None:
            check_citation_kinds(result.scenario, result.locator, result.problems)
        for problem in result.problems.sorted():
            (errors if problem.severity == "error" else warnings).append(problem)
        if result.graph is not None:
            summaries.append(
                f"ok: {shown(path)}: {len(result.graph)} nodes, {len(result.graph.scenario.actors)} actors, "
                f"{len(result.graph.outcomes)} outcomes, {len(result.files)} file(s)"
            )
    if args.json:
        print(json_text(json.dumps([p.as_dict() for p in errors + warnings], indent=2, ensure_ascii=False)))
    else:
        for problem in errors + warnings:
            print(problem)
        for line in summaries:
            print(line)
        strict = " (--strict: warnings count as problems)" if args.strict and warnings else ""
        print(f"{len(errors)} error(s), {len(warnings)} warning(s) in {len(files)} scenario(s){strict}")
    failed = bool(errors) or (args.strict and bool(warnings))
    return ExitCode.PROBLEMS if failed else ExitCode.OK
