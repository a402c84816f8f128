"""`explorer docs [TOPIC]`: print a guide (the authoring guide, the format notes, …) as plain text."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


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
        print("explorer docs: error: no guides found beside the package (a broken install?)", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.topic is None:
        print("Guides (explorer docs TOPIC prints one):")
        print("\n".join(_listing()))
        return EXIT_OK
    guide = find_guide(args.topic)
    if guide is None:
        print(f"explorer docs: error: no guide '{args.topic}'; the guides are:", file=sys.stderr)
        print("\n".join(_listing()), file=sys.stderr)
        return EXIT_USAGE
    try:
        text = guide.text()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"explorer docs: error: cannot read {guide.path}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK
