"""Subcommands of `explorer`: each module has `add_parser(subparsers)` and `run(args)`."""
