"""A Mermaid flowchart of the part of the tree a game explored."""

from __future__ import annotations

from explorer.game.debrief import Debrief

MAX_LABEL = 48
_SHAPES = {"decision": ('["', '"]'), "chance": ('{{"', '"}}'), "outcome": ('(["', '"])'), "round": ('[/"', '"/]')}
_ARROWS = {True: "==>", False: "-.->"}


def mermaid_text(text: str, limit: int = MAX_LABEL) -> str:
    """Scenario text made safe inside a quoted Mermaid label (entity codes, one line, shortened)."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"),
                       ("`", "#96;")):
        text = text.replace(char, code)
    return text


def explored_flowchart(debrief: Debrief) -> str:
    """`flowchart TD` source: visited nodes, every move made (kept ones thick, abandoned ones dotted)."""
    graph = debrief.graph
    ids = {node_id: f"n{i}" for i, node_id in enumerate(debrief.explored)}
    on_path = {debrief.end} | {s.node_id for s in debrief.steps}
    lines = ["flowchart TD"]
    for node_id, short in ids.items():
        node = graph.node(node_id)
        opening, closing = _SHAPES.get(node.kind, _SHAPES["decision"])
        who = graph.scenario.actors[node.actor].label if node.actor in graph.scenario.actors else node.kind
        lines.append(f"  {short}{opening}{mermaid_text(node.title)}<br/><i>{mermaid_text(who, 24)}</i>{closing}")
    for edge in debrief.edges:
        label = edge.label if edge.how != "override" else f"override: {edge.label}"
        if not edge.kept:
            label += f" ({edge.fate})"
        arrow = "-.->" if edge.how == "inject" and edge.kept else _ARROWS[edge.kept]
        lines.append(f'  {ids[edge.source]} {arrow}|"{mermaid_text(label)}"| {ids[edge.target]}')
    lines.append("  classDef path stroke-width:3px")
    lines.append("  classDef now stroke-width:4px,stroke-dasharray:0")
    kept = [ids[n] for n in ids if n in on_path and n != debrief.end]
    if kept:
        lines.append(f"  class {','.join(kept)} path")
    lines.append(f"  class {ids[debrief.end]} now")
    return "\n".join(lines)
