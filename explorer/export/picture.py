"""The scenario as a picture for Graphviz: node kinds by shape and colour, probabilities in numbers
and words, the equilibrium and historical paths drawn over the tree, a legend — and cuts that make a
big tree fit a slide (`depth` steps from the root, from any node, or only the highlighted paths).

The DOT text is built here; `export.render` hands it to Graphviz's `dot`. Labels are Graphviz
HTML-like labels: every piece of scenario text is HTML-escaped, so no title can break the file.
"""

from __future__ import annotations

import html
import itertools
import textwrap
from collections import deque
from dataclasses import dataclass, field

from explorer.export.dot import quote
from explorer.export.rules import rule_words
from explorer.format import expressions
from explorer.format.probability_words import icd203
from explorer.graph import ScenarioGraph
from explorer.terminal_text import shown

Edge = tuple[str, int]
"""(node id, option index): one option of one node; at a round (format 2), (node id, rule index)."""

FONT = "Helvetica"
EQUILIBRIUM_COLOUR = "#1d4ed8"
HISTORICAL_COLOUR = "#c2410c"
RULE_COLOUR = "#7c3aed"
_STYLE = {
    "decision": 'shape=box, style="filled", fillcolor="#dbeafe", color="#1e3a8a"',
    "chance": 'shape=ellipse, style="filled", fillcolor="#fef3c7", color="#92400e"',
    "outcome": 'shape=box, style="rounded,filled", fillcolor="#dcfce7", color="#166534"',
    "round": 'shape=hexagon, style="filled", fillcolor="#ede9fe", color="#5b21b6"',
}
_TITLE_WIDTH = 26
_LABEL_WIDTH = 24


@dataclass(frozen=True)
class Cut:
    """Which part of the tree to draw."""

    root: str | None = None
    """Draw from this node (default: the scenario's start)."""
    depth: int | None = None
    """Only nodes at most this many moves below the root."""
    paths_only: bool = False
    """Only the nodes and moves of the equilibrium and historical paths."""


@dataclass(frozen=True)
class Highlights:
    """The moves drawn over the tree."""

    equilibrium: frozenset[Edge] = frozenset()
    historical: frozenset[Edge] = frozenset()
    note: str = ""
    """Said under the title when a path could not be drawn (e.g. the game is too large to solve)."""


@dataclass
class Picture:
    """What a cut keeps: nodes in drawing order, and the moves that leave the picture."""

    nodes: list[str]
    cut_moves: list[Edge] = field(default_factory=list)
    """Moves to a node that is not drawn: drawn to a '⋯ title' stub, one per target."""
    hidden_options: dict[str, int] = field(default_factory=dict)
    """With `paths_only`: node → how many of its options are left out."""
    total: int = 0


class CutError(ValueError):
    """A cut that cannot be made (an unknown root); the message says why and what is close."""


def historical_moves(graph: ScenarioGraph) -> frozenset[Edge]:
    """Every option marked `historical: true`."""
    return frozenset(
        (node_id, index) for node_id, node in graph.scenario.nodes.items() for index, option in enumerate(node.options) if option.historical
    )


def targets(graph: ScenarioGraph, node_id: str) -> list[str]:
    """Where each edge of a node leads: its options' `to`, or at a round its rules' `to`."""
    node = graph.node(node_id)
    return [rule.to for rule in node.then] if node.kind == "round" else [option.to for option in node.options]


def equilibrium_moves(graph: ScenarioGraph) -> frozenset[Edge]:
    """The moves along the equilibrium path from the start (backward induction; the most probable branch at
    chance; at a round the rule fired by the most probable joint move of its stage equilibrium)."""
    from explorer.analysis.equilibrium import equilibrium
    from explorer.analysis.unfolding import unfold

    u = unfold(graph)
    positions = equilibrium(u).path()
    moves = set()
    for here, there in itertools.pairwise(positions):
        i = u.pos_kids[here].index(there)
        moves.add((u.table.ids[u.pos_node[here]], u.pos_opts[here][i]))
    return frozenset(moves)


def highlights(graph: ScenarioGraph) -> Highlights:
    """The equilibrium and historical paths; the equilibrium is left out, and said so, when the game is too large."""
    from explorer.analysis.unfolding import UnfoldingTooLarge

    history = historical_moves(graph)
    try:
        return Highlights(equilibrium_moves(graph), history)
    except UnfoldingTooLarge as exc:
        return Highlights(frozenset(), history, f"no equilibrium drawn: {exc}")


def select(graph: ScenarioGraph, cut: Cut, marks: Highlights) -> Picture:
    """The nodes to draw (breadth first from the root) and the moves that leave them."""
    from explorer.suggest import did_you_mean

    root = cut.root or graph.start
    if root not in graph:
        raise CutError(f"there is no node '{root}'{did_you_mean(root, graph.scenario.nodes)}")
    on_path = marks.equilibrium | marks.historical
    depth: dict[str, int] = {root: 0}
    queue = deque([root])
    picture = Picture([], total=len(graph))
    while queue:
        node_id = queue.popleft()
        picture.nodes.append(node_id)
        for index, to in enumerate(targets(graph, node_id)):
            if cut.paths_only and (node_id, index) not in on_path:
                picture.hidden_options[node_id] = picture.hidden_options.get(node_id, 0) + 1
                continue
            if to in depth:
                continue
            if cut.depth is not None and depth[node_id] >= cut.depth:
                picture.cut_moves.append((node_id, index))
                continue
            depth[to] = depth[node_id] + 1
            queue.append(to)
    kept = set(picture.nodes)
    picture.cut_moves = [m for m in picture.cut_moves if targets(graph, m[0])[m[1]] not in kept]
    return picture


def picture_dot(graph: ScenarioGraph, cut: Cut | None = None, marks: Highlights | None = None) -> str:
    """The DOT text of the picture."""
    cut = cut or Cut()
    marks = marks or Highlights()
    picture = select(graph, cut, marks)
    kept = set(picture.nodes)
    scenario = graph.scenario
    out = [
        f"digraph {quote(scenario.id)} {{",
        f"  graph [label={_title(graph, picture, cut, marks)}, labelloc=t, fontname={quote(FONT)}, fontsize=20,"
        ' rankdir=TB, nodesep=0.35, ranksep=0.55, pad=0.3, bgcolor="white"];',
        f'  node [fontname={quote(FONT)}, fontsize=12, margin="0.15,0.07", penwidth=1.2];',
        f'  edge [fontname={quote(FONT)}, fontsize=10, color="#6b7280", fontcolor="#374151", arrowsize=0.7];',
    ]
    on_path = {m[0] for m in marks.equilibrium | marks.historical}
    for node_id in picture.nodes:
        node = graph.node(node_id)
        extra = ", penwidth=2.5" if node_id in on_path else ""
        if node_id == graph.start:
            extra += ", peripheries=2"
        out.append(f"  {quote(node_id)} [label=<{_node_label(graph, node_id)}>, {_STYLE[node.kind]}{extra}];")
    on_paths = marks.equilibrium | marks.historical
    for node_id in picture.nodes:
        for index, to in enumerate(targets(graph, node_id)):
            if to in kept and not (cut.paths_only and (node_id, index) not in on_paths):
                out.append(f"  {quote(node_id)} -> {quote(to)} [{_edge_attrs(graph, node_id, index, marks)}];")
    stubs: dict[str, str] = {}  # a node not drawn → its one '⋯ title' stub
    for node_id, index in picture.cut_moves:
        target = targets(graph, node_id)[index]
        if target not in stubs:
            stubs[target] = stub = f"more {len(stubs)}"
            title = _html(graph.node(target).title, _TITLE_WIDTH)
            out.append(f'  {quote(stub)} [label=<<FONT COLOR="#6b7280">⋯ {title}</FONT>>, shape=plaintext];')
        out.append(f"  {quote(node_id)} -> {quote(stubs[target])} [{_edge_attrs(graph, node_id, index, marks)}];")
    for number, (node_id, count) in enumerate(picture.hidden_options.items()):
        stub = f"hidden {number}"
        words = f"+{count} other option{'s' if count != 1 else ''}"
        out.append(f'  {quote(stub)} [label=<<FONT COLOR="#6b7280">{words}</FONT>>, shape=plaintext];')
        out.append(f'  {quote(node_id)} -> {quote(stub)} [style=dotted, arrowhead=none];')
    rounds = any(graph.node(n).kind == "round" for n in picture.nodes)
    out.append(f'  "legend" [label=<{_legend(marks, rounds)}>, shape=plain];')
    out.append("}")
    return "\n".join(out) + "\n"


def _visible(text: str) -> str:
    """Scenario text on one line, shown literally: whitespace runs as one space, control and invisible
    characters (which Graphviz refuses, or which reorder text) as visible escapes."""
    return shown(" ".join(text.split()))


def _wrap(text: str, width: int) -> str:
    """One line of text wrapped to `width`, at most four lines (see `_visible`)."""
    lines = textwrap.wrap(_visible(text), width=width, break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines[:4]) + (" …" if len(lines) > 4 else "")


def _text(text: str) -> str:
    """Scenario text for an HTML-like label: escaped, shown literally (see `_visible`)."""
    return html.escape(_visible(text), quote=False)


def _html(text: str, width: int) -> str:
    return html.escape(_wrap(text, width), quote=False).replace("\n", "<BR/>")


def _small(text: str) -> str:
    return f'<FONT POINT-SIZE="10" COLOR="#4b5563">{text}</FONT>'


def _title(graph: ScenarioGraph, picture: Picture, cut: Cut, marks: Highlights) -> str:
    scenario = graph.scenario
    lines = [f"<B>{_html(scenario.title, 70)}</B>"]
    shown = []
    if len(picture.nodes) < picture.total:
        shown.append(f"{len(picture.nodes)} of {picture.total} nodes")
    if cut.root and cut.root != graph.start:
        shown.append(f"from “{_text(graph.node(cut.root).title)}”")
    if cut.depth is not None:
        shown.append(f"{cut.depth} move{'s' if cut.depth != 1 else ''} deep")
    if cut.paths_only:
        shown.append("the equilibrium and historical paths only")
    if scenario.as_of:
        shown.append(f"as of {_text(scenario.as_of)}")
    if shown:
        lines.append(_small(" · ".join(shown)))
    if marks.note:
        lines.append(_small(_text(marks.note)))
    return "<" + "<BR/>".join(lines) + ">"


def _node_label(graph: ScenarioGraph, node_id: str) -> str:
    node = graph.node(node_id)
    actors = graph.scenario.actors
    title = f"<B>{_html(node.title, _TITLE_WIDTH)}</B>"
    if node.kind == "decision":
        detail = f"{_text(actors[node.actor].label)} decides"
    elif node.kind == "chance":
        detail = "chance"
    elif node.kind == "round":
        movers = ", ".join(_text(actors[a].label) if a in actors else _text(a) for a in node.moves)
        turn = f"round {node.turn} · " if node.turn is not None else ""
        detail = f"{turn}{movers} move{'s' if len(node.moves) == 1 else ''} at once"
    else:
        payoffs = [f"{_text(actors[a].label)} {v:g}" for a, v in node.payoffs.items() if a in actors]
        detail = "<BR/>".join(" · ".join(payoffs[i : i + 3]) for i in range(0, len(payoffs), 3)) or "no payoffs"
    return f"{title}<BR/>{_small(detail)}"


def _edge_attrs(graph: ScenarioGraph, node_id: str, index: int, marks: Highlights) -> str:
    node = graph.node(node_id)
    if node.kind == "round":
        return _rule_attrs(graph, node_id, index, marks)
    option = node.options[index]
    lines = [_html(option.label, _LABEL_WIDTH)]
    if option.probability is not None:
        estimate = "" if node.kind == "chance" else "est. "
        lines.append(_small(f"{estimate}{option.probability:.2f} · {icd203(option.probability)}"))
    if option.requires:
        labels = {m: metric.label for m, metric in graph.scenario.metrics.items()}
        condition = graph.parsed_requires.get((node_id, index))
        text = expressions.render(condition, labels) if condition is not None else option.requires
        lines.append(_small(f"if {_text(text)}"))
    attrs = [f"label=<{'<BR/>'.join(lines)}>", *_path_attrs((node_id, index), marks)]
    if option.requires:
        attrs.append("style=dashed")
    return ", ".join(attrs)


def _rule_attrs(graph: ScenarioGraph, node_id: str, index: int, marks: Highlights) -> str:
    """A round's rule as an edge: its label (or when it fires, in words), and when it fires under a label."""
    rule = graph.node(node_id).then[index]
    words = rule_words(graph, node_id, index)
    lines = [_html(rule.label, _LABEL_WIDTH), _small(_html(words, _LABEL_WIDTH + 6))] if rule.label else [_html(words, _LABEL_WIDTH)]
    path = _path_attrs((node_id, index), marks)
    return ", ".join([f"label=<{'<BR/>'.join(lines)}>", *(path or [f'color="{RULE_COLOUR}"', "penwidth=1.6"])])


def _path_attrs(move: Edge, marks: Highlights) -> list[str]:
    colours = [c for c, on in ((EQUILIBRIUM_COLOUR, move in marks.equilibrium), (HISTORICAL_COLOUR, move in marks.historical)) if on]
    if not colours:
        return []
    return [f'color="{":".join(colours)}"', "penwidth=2.5" if len(colours) == 1 else "penwidth=2", "arrowsize=0.9"]


def _legend(marks: Highlights, rounds: bool = False) -> str:
    """The key to the picture (a path's line only when the picture has that path; rounds when it has one)."""
    rows = [
        ('<TD BGCOLOR="#dbeafe" BORDER="1" COLOR="#1e3a8a">  decision  </TD>', "an actor chooses"),
        ('<TD BGCOLOR="#fef3c7" BORDER="1" COLOR="#92400e" STYLE="rounded">  chance  </TD>', "nature picks by probability"),
        *([('<TD BGCOLOR="#ede9fe" BORDER="1" COLOR="#5b21b6">  round  </TD>',
            "actors move at once; each purple arrow is a rule, the first that holds decides")] if rounds else []),
        ('<TD BGCOLOR="#dcfce7" BORDER="1" COLOR="#166534" STYLE="rounded">  outcome  </TD>', "an ending, with payoffs"),
        *([(f'<TD><FONT COLOR="{EQUILIBRIUM_COLOUR}"><B>━━━</B></FONT></TD>', "equilibrium path (backward induction" + ("; at a round, its most probable joint move)" if rounds else ")"))]
          if marks.equilibrium else []),
        *([(f'<TD><FONT COLOR="{HISTORICAL_COLOUR}"><B>━━━</B></FONT></TD>', "what really happened")] if marks.historical else []),
        ('<TD><FONT COLOR="#6b7280">╌╌╌</FONT></TD>', "only if the condition holds"),
        ("<TD>0.25 · unlikely</TD>", "probability, in ICD 203 words (est.: the analyst's estimate)"),
    ]
    body = "".join(f'<TR>{cell}<TD ALIGN="LEFT">{_small(text)}</TD></TR>' for cell, text in rows)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2"><TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{body}</TABLE>'
