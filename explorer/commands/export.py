"""`explorer export PATH --format dot|mermaid|graphml|json|efg [-o FILE]`: the scenario in other tools' formats."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from explorer.commands.shared.output import error
from explorer.commands.shared.scenario_input import load_graph
from explorer.exit_codes import ExitCode

FORMATS = ("dot", "mermaid", "graphml", "json", "efg")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("export", help="write the scenario as DOT, Mermaid, GraphML, node-link JSON or a Gambit .efg game")
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--format", "-f", choices=FORMATS, required=True,
                        help="dot (Graphviz), mermaid (GitHub Markdown), graphml, json (node-link), efg (Gambit extensive form of the unfolded game)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--max-nodes", type=int, default=None, help="efg only: the largest game tree to write (default 1,000,000)")


def run(args: argparse.Namespace) -> int:
    graph, status = load_graph(args.path, "export")
    if graph is None:
        return status
    try:
        chunks = _render(graph, args.format, args.max_nodes)
    except ValueError as exc:
        return error("export", str(exc), ExitCode.PROBLEMS)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(chunks)
        except OSError as exc:
            return error("export", f"cannot write {args.output}: {exc.strerror or exc}", ExitCode.USAGE)
        print(f"wrote {args.format} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.writelines(chunks)
    return ExitCode.OK


def _render(graph: Any, fmt: str, max_nodes: int | None) -> list[str]:
    """The export as text chunks; raises ValueError with a message for a person when it cannot be made."""
    if fmt == "dot":
        from explorer.export.dot import to_dot

        return [to_dot(graph)]
    if fmt == "mermaid":
        from explorer.export.mermaid import to_mermaid

        return [to_mermaid(graph)]
    if fmt == "graphml":
        from explorer.export.graphml import to_graphml

        return [to_graphml(graph)]
    if fmt == "json":
        from explorer.export.nodelink import to_json

        return [to_json(graph)]
    from explorer.analysis.unfolding import UnfoldingTooLarge, unfold
    from explorer.export.efg import MAX_TREE_NODES, TreeTooLarge, write_efg

    try:
        return list(write_efg(unfold(graph), max_nodes or MAX_TREE_NODES))
    except (UnfoldingTooLarge, TreeTooLarge) as exc:
        raise ValueError(str(exc)) from exc
