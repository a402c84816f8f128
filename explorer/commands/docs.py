"""`explorer docs [TOPIC]`: print a guide (the authoring guide, the format notes, …) as plain text."""

from __future__ import annotations

import argparse
import sys

from explorer.commands.shared.output import error
from explorer.exit_codes import ExitCode


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "docs", help="print a guide: how to write a scenario, teaching with the classroom edition, the format, the game store",
        description="Print a guide to standard output (Markdown, no pager). Without TOPIC, list the guides.",
    )
    parser.add_argument("topic", nargs="?", metavar="TOPIC", help="which guide, e.g. authoring or format")


def _listing() -> list[str]:
    from explorer.guides import guides

    found = guides()
    width = max((len(g.topic) for g in found), default=0)
    return [f"  {g.topic:<{width}}  {g.title}" for g in found]


def run(args: argparse.Namespace) -> int:
    from explorer.guides import find_guide, guides

    if not guides():
        return error("docs", "no guides found beside the package (a broken install?)", ExitCode.PROBLEMS)
    if args.topic is None:
        print("Guides (explorer docs TOPIC prints one):")
        print("\n".join(_listing()))
        return ExitCode.OK
    guide = find_guide(args.topic)
    if guide is None:
        code = error("docs", f"no guide '{args.topic}'; the guides are:", ExitCode.USAGE)
        print("\n".join(_listing()), file=sys.stderr)
        return code
    try:
        text = guide.text()
    except (OSError, UnicodeDecodeError) as exc:
        return error("docs", f"cannot read {guide.path}: {exc}", ExitCode.PROBLEMS)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return ExitCode.OK
