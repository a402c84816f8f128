"""State-aware checks: explore (node, metric state) positions reachable from start.

Only metrics that some `requires` reads can tell positions apart, so states are projected
onto those metrics (effects and clamping act on each metric alone, so this is exact).
The exploration is bounded; when the bound is hit, the checks say so instead of guessing.
"""

from __future__ import annotations

from collections import deque

from explorer.format import expressions
from explorer.graph import ScenarioGraph
from explorer.loading import limits
from explorer.loading.locator import Locator
from explorer.position_bound import QUICK_POSITIONS, position_bound
from explorer.problems import Problems


def check_states(graph: ScenarioGraph, locator: Locator, problems: Problems, max_positions: int = limits.MAX_STATE_POSITIONS) -> None:
    """Warn about options no reachable state unlocks and nodes where every option is locked.

    Explored first within `QUICK_POSITIONS`; further only when `position_bound` shows that the
    limit can hold the positions, so a scenario far beyond it is said to be so at once."""
    if not graph.parsed_requires or graph.start not in graph:
        return
    distinct = {id(e): e for e in graph.parsed_requires.values()}.values()  # options share parsed texts
    relevant = sorted({graph.metric_slot[m.name] for e in distinct for m in expressions.metrics_used(e)})
    found = _explore(graph, relevant, min(max_positions, QUICK_POSITIONS))
    bound = 0
    if found is None and max_positions > QUICK_POSITIONS:
        bound = position_bound(graph, [relevant] * len(graph.table.ids), max_positions)
        if bound <= max_positions:
            found = _explore(graph, relevant, max_positions)
    if found is None:
        more = (f"the metrics read by `requires` combine into more than {max_positions:,} (node, metric) positions"
                if bound > max_positions else f"state exploration stopped after {max_positions} (node, metric) positions")
        problems.warning(
            f"{more}; checks for never-unlocked options and dead ends are incomplete",
            locator.path(locator.root, ["nodes"], key=True),
        )
        return
    seen, unlocked, dead_ends = found
    for node_id, state in dead_ends.items():
        reasons = "; ".join(
            f"option {m.index + 1}: {graph.lock_reason(m, state)}" for m in graph.moves(node_id)
        )
        problems.warning(
            f"dead end: node '{node_id}' can be reached with every option locked ({reasons})",
            locator.node(node_id),
        )
    ids = graph.table.ids
    reached = {ids[key >> 32] for key in seen}
    for node_id, index in sorted(set(graph.parsed_requires) - unlocked, key=lambda k: (k[0], k[1])):
        if node_id not in reached:
            continue  # unreachable nodes are reported on their own
        text = graph.node(node_id).options[index].requires
        problems.warning(
            f"node '{node_id}', option {index + 1}: no reachable state satisfies requires '{text}'; it is always locked",
            locator.option(node_id, index, "requires"),
        )


def _explore(graph: ScenarioGraph, relevant: list[int], max_positions: int
             ) -> tuple[set[int], set[tuple[str, int]], dict[str, tuple[float, ...]]] | None:
    """(positions seen, options unlocked somewhere, dead ends with a state reaching them), or None
    when there are more than `max_positions` positions."""
    project = _projector(relevant)
    unlocked: set[tuple[str, int]] = set()
    dead_ends: dict[str, tuple[float, ...]] = {}
    # A position is kept as one number, (node number << 32) | the index of its projected state
    # among the distinct ones seen: a set of numbers takes a fraction of a set of tuples.
    states: dict[tuple[float, ...], int] = {}
    number = graph.table.number
    start = (graph.start, graph.initial_state)
    seen = {number[graph.start] << 32 | states.setdefault(project(graph.initial_state), 0)}
    queue = deque([start])
    moves_of, apply, popleft, push = graph.moves, graph.apply, queue.popleft, queue.append
    while queue:
        node_id, state = popleft()
        moves = moves_of(node_id)
        any_open = False
        for move in moves:
            requires = move.requires
            if requires is not None:
                if not requires(state):
                    continue
                unlocked.add((node_id, move.index))
            any_open = True
            after = apply(state, move) if move.effects else state
            to = move.option.to
            projected = project(after)
            index = states.get(projected)
            if index is None:
                index = states[projected] = len(states)
            key = number[to] << 32 | index
            if key not in seen:
                if len(seen) >= max_positions:
                    return None
                seen.add(key)
                push((to, after))
        if moves and not any_open and node_id not in dead_ends:
            dead_ends[node_id] = state
    return seen, unlocked, dead_ends


def _projector(slots: list[int]):
    if not slots:
        return lambda state: ()
    return lambda state: tuple(state[i] for i in slots)
