"""`explorer schema`: the JSON Schema generated from the format models."""

from __future__ import annotations

import argparse

from explorer.exit_codes import ExitCode


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    parser.add_argument("--fragment", action="store_true", help="the schema of an included fragment file instead")


def run(args: argparse.Namespace) -> int:
    from explorer.format.schema import schema_text

    print(schema_text(fragment=args.fragment), end="")
    return ExitCode.OK
