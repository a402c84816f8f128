"""Graph structure: cycles (errors), unreachable nodes and missing payoffs (warnings)."""

from __future__ import annotations

from collections.abc import Collection

from explorer.graph import ScenarioGraph
from explorer.loading.locator import Locator
from explorer.problems import Problems


def check_structure(graph: ScenarioGraph, locator: Locator, problems: Problems, skip: Collection[str] = ()) -> bool:
    """Report cycles and structural warnings; return whether the graph is acyclic.

    Outcomes in `skip` (stand-ins for nodes of an unknown kind) get no payoff warning.
    """
    table = graph.table
    start = table.number.get(graph.start)
    # Placed parents first from the start, every node: none on a cycle, none unreachable (one pass
    # over the nodes, shared with the state check, where a valid scenario took three).
    everything = start is not None and table.complete and len(graph.reach_order) == len(table.ids)
    if not everything and not _acyclic(table.children):
        _report_cycles(graph, locator, problems)
        return False
    if start is None:
        return True
    reachable = range(len(table.ids)) if everything else _reachable(table.children, start)
    for number, node_id in () if everything else enumerate(table.ids):
        if number not in reachable:
            problems.warning(f"node '{node_id}' cannot be reached from start '{graph.start}'", locator.node(node_id))
    deciding = [a for a in graph.deciding_actors if not graph.scenario.actors[a].score]  # a score pays at every outcome
    for node_id in graph.outcomes:
        if table.number[node_id] not in reachable or node_id in skip:
            continue
        payoffs = graph.node(node_id).payoffs
        missing = [a for a in deciding if a not in payoffs]
        if missing:  # payoffs written but refused by validation are reported there, not again here
            raw = locator.raw_node(node_id)
            written = raw.get("payoffs") if isinstance(raw, dict) else None
            if written is not None and not isinstance(written, dict):
                continue  # payoffs that are not a mapping are an error already
            missing = [a for a in missing if not (written and a in written)]
        if missing:
            problems.warning(
                f"outcome '{node_id}' has no payoff for {', '.join(repr(a) for a in missing)}, "
                "who decide elsewhere (counted as 0)",
                locator.node(node_id, "payoffs") if payoffs else locator.node(node_id),
            )
    return True


def _acyclic(children: list[list[int]]) -> bool:
    """Whether the graph has no cycle (Kahn: every node can be taken once its parents are).

    Over the graph's `NodeTable` (option targets by node number, -1 for an unknown id), so
    that checking a valid scenario needs no networkx; several times faster than its walks too.
    """
    waiting = [0] * len(children)
    for targets in children:
        for target in targets:
            if target >= 0:
                waiting[target] += 1
    ready = [number for number, count in enumerate(waiting) if not count]
    taken = 0
    while ready:
        taken += 1
        for target in children[ready.pop()]:
            if target >= 0:
                waiting[target] -= 1
                if not waiting[target]:
                    ready.append(target)
    return taken == len(children)


def _reachable(children: list[list[int]], start: int) -> set[int]:
    reached = {start}
    todo = [start]
    while todo:
        for target in children[todo.pop()]:
            if target >= 0 and target not in reached:
                reached.add(target)
                todo.append(target)
    return reached


def _report_cycles(graph: ScenarioGraph, locator: Locator, problems: Problems) -> None:
    """One error per strongly connected tangle, printing one cycle through it.

    The cycle starts at the tangle's node written first, so the report does not depend on
    set ordering (string hashes differ from run to run).
    """
    import networkx as nx  # only when there is a cycle to report

    g = graph.digraph
    order = {node_id: index for index, node_id in enumerate(g)}
    components = sorted(nx.strongly_connected_components(g), key=lambda c: min(order[n] for n in c))
    for component in components:
        if len(component) == 1:
            (only,) = component
            if not g.has_edge(only, only):
                continue
        sub = g.subgraph(component)
        cycle = nx.find_cycle(sub, source=min(component, key=order.__getitem__))
        path = [u for u, _ in cycle] + [cycle[0][0]]
        last_from, last_to = cycle[-1]
        edge = g.edges[last_from, last_to]
        place = (locator.option(last_from, edge["options"][0], "to") if "options" in edge
                 else locator.node(last_from, "then", edge["rules"][0], "to"))
        problems.error(
            f"cycle: {' -> '.join(path)}; a scenario must not loop back (point an option at a new node instead)", place
        )
