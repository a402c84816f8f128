"""`explorer new [PATH]`: write a commented skeleton scenario, asking for what the flags do not give.

Asks on standard error and reads answers from standard input, line by line, so that it works in
a terminal and piped (`printf 'Title\\nusa=United States\\n\\n\\n' | explorer new x.yaml`); at the
end of input every remaining question takes its default. With `--title` and at least one
`--actor` it asks nothing. An existing file is kept unless `--force`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "new", help="write a commented skeleton scenario to start from",
        description="Write a commented skeleton scenario (one node of each kind) that passes `explorer check --strict`.",
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="the file to write, or a folder (default: ID.yaml here)")
    parser.add_argument("--title", help="the scenario's title")
    parser.add_argument("--actor", action="append", default=[], metavar="ID=NAME", help="an actor (repeat for each)")
    parser.add_argument("--metric", action="append", default=[], metavar="ID=LABEL", help="a metric (repeat for each)")
    parser.add_argument("--format", type=int, choices=(1, 2), default=None,
                        help="1: players take turns (default); 2: rounds of simultaneous moves")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


class _Answers:
    """Questions on stderr, answers from stdin; at the end of input, defaults."""

    def __init__(self) -> None:
        self.ended = False

    def ask(self, question: str, default: str = "", prompt: str = ": ") -> str:
        if self.ended:
            return default
        shown = f" [{default}]" if default else ""
        print(f"{question}{shown}{prompt}", end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            self.ended = True
            print(file=sys.stderr)
            return default
        return line.strip() or default

    def ask_list(self, question: str, example: str) -> list[str]:
        print(f"{question} — one per line as {example}; an empty line ends the list", file=sys.stderr)
        items = []
        while True:
            answer = self.ask("", prompt="  > ")
            if not answer:
                return items
            items.append(answer)


def _error(message: str, status: ExitCode) -> ExitCode:
    from explorer.problems import printable

    return error("new", printable(message), status)


def _target(path: str | None, scenario_id: str) -> Path:
    if path is None:
        return Path(f"{scenario_id}.yaml")
    target = Path(path)
    return target / f"{scenario_id}.yaml" if target.is_dir() else target


def _schema_reference(target: Path) -> str:
    """The bundled schema as a relative path when it is beside the new file or one folder up, else a file URI."""
    from explorer.bundled import schema_path

    schema = schema_path().resolve()
    try:
        relative = os.path.relpath(schema, target.resolve().parent)
    except ValueError:  # another drive
        return schema.as_uri()
    return relative if relative in (schema.name, f"../{schema.name}") else schema.as_uri()


def run(args: argparse.Namespace) -> int:
    from explorer import scaffold

    if args.path is not None and Path(args.path).exists() and not Path(args.path).is_dir() and not args.force:
        return _error(f"{args.path} exists; choose another name, or --force to overwrite it", ExitCode.USAGE)
    answers = _Answers()
    quiet = bool(args.title) and bool(args.actor)
    try:
        title = args.title or answers.ask("Title", _title_from(args.path))
        actor_texts = args.actor or (
            [] if quiet else answers.ask_list("Actors", "id=Name (e.g. dprk=North Korea)")
        )
        actors = tuple(scaffold.parse_pair(t, "actor") for t in actor_texts) or tuple(
            scaffold.Named(i, n) for i, n in scaffold.DEFAULT_ACTORS
        )
        metric_texts = args.metric or ([] if quiet else answers.ask_list("Metrics (may be none)", "id=Label (e.g. tension=Tension)"))
        metrics = tuple(scaffold.parse_pair(t, "metric") for t in metric_texts)
        fmt = args.format or (1 if quiet else _format(answers.ask("Format: 1 = turns, 2 = rounds of simultaneous moves", "1")))
        spec = scaffold.Spec(title, actors, metrics, fmt)
        scaffold.validate(spec)
    except scaffold.SpecError as exc:
        return _error(str(exc), ExitCode.USAGE)
    target = _target(args.path, spec.id)
    if target.exists() and not args.force:
        return _error(f"{target} exists; choose another name, or --force to overwrite it", ExitCode.USAGE)
    spec = scaffold.Spec(title, actors, metrics, fmt, schema=_schema_reference(target))
    text = scaffold.skeleton_text(spec)
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        return _error(f"cannot write {target}: {exc.strerror or exc}", ExitCode.USAGE)
    return _report(target)


def _format(answer: str) -> int:
    from explorer.scaffold import SpecError

    if answer.strip() in ("1", "2"):
        return int(answer)
    raise SpecError(f"format '{answer}': answer 1 or 2")


def _title_from(path: str | None) -> str:
    if path is None or Path(path).is_dir():
        return "A new scenario"
    stem = Path(path).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "A new scenario"


def _report(target: Path) -> int:
    """Check what was written, as `explorer check --strict` would; say what to do next."""
    from explorer.loading import load_scenario

    result = load_scenario(target)
    problems = result.problems.sorted()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {target}", file=sys.stderr)
    if problems:
        print(f"explorer new: {len(problems)} problem(s) in the skeleton (explorer check --strict {target})", file=sys.stderr)
        return ExitCode.PROBLEMS
    print(f"next: edit the TODOs, then `explorer check --strict {target}` and `explorer play {target}`", file=sys.stderr)
    return ExitCode.OK
