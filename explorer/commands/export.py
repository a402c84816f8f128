"""`explorer export PATH --format dot|svg|png|pdf|mermaid|graphml|json|efg [-o FILE]`: the scenario as a
picture (Graphviz) or in other tools' formats."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from explorer.commands.shared.output import error, warning
from explorer.commands.shared.scenario_input import load_graph
from explorer.exit_codes import ExitCode

PICTURES = ("svg", "png", "pdf")
FORMATS = ("dot", *PICTURES, "mermaid", "graphml", "json", "efg")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "export", help="draw the tree (SVG, PNG, PDF via Graphviz) or write it as DOT, Mermaid, GraphML, JSON or Gambit .efg",
    )
    parser.add_argument("path", metavar="PATH", help="the scenario file")
    parser.add_argument("--format", "-f", choices=FORMATS, required=True,
                        help="svg, png or pdf (a picture, drawn by Graphviz's dot), dot (the picture's Graphviz source), "
                        "mermaid (GitHub Markdown), graphml, json (node-link), efg (Gambit extensive form of the unfolded game)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    picture = parser.add_argument_group("picture (dot, svg, png, pdf): draw less of a big tree")
    picture.add_argument("--depth", type=int, metavar="N", help="only nodes at most N moves below the first one drawn")
    picture.add_argument("--from", dest="from_node", metavar="NODE", help="start the picture at node NODE")
    picture.add_argument("--path", dest="paths_only", action="store_true", help="only the equilibrium and historical paths")
    parser.add_argument("--max-nodes", type=int, default=None, help="efg only: the largest game tree to write (default 1,000,000)")


def run(args: argparse.Namespace) -> int:
    usage = _usage_problem(args)
    if usage:
        return error("export", usage, ExitCode.USAGE)
    graph, status = load_graph(args.path, "export")
    if graph is None:
        return status
    try:
        if args.format in ("dot", *PICTURES):
            chunks: list[str] | bytes = _picture(graph, args)
        else:
            chunks = _render(graph, args.format, args.max_nodes)
    except _Usage as exc:
        return error("export", str(exc), ExitCode.USAGE)
    except ValueError as exc:
        return error("export", str(exc), ExitCode.PROBLEMS)
    return _write(chunks, args)


class _Usage(ValueError):
    """A choice on the command line that cannot be honoured (exit 2)."""


def _usage_problem(args: argparse.Namespace) -> str | None:
    cutting = args.depth is not None or args.from_node is not None or args.paths_only
    if cutting and args.format not in ("dot", *PICTURES):
        return "--depth, --from and --path cut a picture: use them with --format dot, svg, png or pdf"
    if args.depth is not None and args.depth < 0:
        return f"--depth {args.depth}: give 0 or more moves"
    if args.format in ("png", "pdf") and not args.output and sys.stdout.isatty():
        return f"{args.format} is binary: give -o FILE (or redirect the output to a file)"
    return None


def _picture(graph: Any, args: argparse.Namespace) -> list[str] | bytes:
    """The picture's DOT text, or the picture drawn by Graphviz."""
    from explorer.export.picture import Cut, CutError, highlights, picture_dot, select
    from explorer.export.render import MAX_NODES, RenderError, render

    cut = Cut(root=args.from_node, depth=args.depth, paths_only=args.paths_only)
    marks = highlights(graph)
    try:
        size = len(select(graph, cut, marks).nodes)
    except CutError as exc:
        raise _Usage(f"--from: {exc}") from None
    text = picture_dot(graph, cut, marks)
    if args.format == "dot":
        return [text]
    if size > MAX_NODES:
        raise ValueError(f"the picture would have {size:,} nodes (at most {MAX_NODES:,} are drawn): "
                         "draw less with --depth N, --from NODE or --path")
    try:
        return render(text, args.format)
    except RenderError as exc:
        raise ValueError(str(exc)) from None


def _write(chunks: list[str] | bytes, args: argparse.Namespace) -> int:
    try:
        if args.output:
            if isinstance(chunks, bytes):
                with open(args.output, "wb") as fh:
                    fh.write(chunks)
            else:
                with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
                    fh.writelines(chunks)
            print(f"wrote {args.format} to {args.output}", file=sys.stderr)
        elif isinstance(chunks, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(chunks)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.writelines(chunks)
    except OSError as exc:
        return error("export", f"cannot write {args.output or 'the output'}: {exc.strerror or exc}", ExitCode.USAGE)
    return ExitCode.OK


def _render(graph: Any, fmt: str, max_nodes: int | None) -> list[str]:
    """The export as text chunks; raises ValueError with a message for a person when it cannot be made."""
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
    from explorer.export.efg import MAX_TREE_NODES, WARN_TREE_NODES, TreeTooLarge, tree_size, write_efg

    try:
        unfolded = unfold(graph)
        size = tree_size(unfolded, (max_nodes or MAX_TREE_NODES) + 1)
        if WARN_TREE_NODES < size <= (max_nodes or MAX_TREE_NODES):
            warning("export", f"the game tree unfolds into {size:,} nodes ({len(graph):,} in the scenario: a "
                              "position reached by several paths is written once per path); Gambit may be slow on it")
        return list(write_efg(unfolded, max_nodes or MAX_TREE_NODES))
    except (UnfoldingTooLarge, TreeTooLarge) as exc:
        raise ValueError(str(exc)) from None
