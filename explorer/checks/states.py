"""State-aware checks: explore (node, metric state) positions reachable from start.

Only metrics that a `requires` (or a round rule's `if`) at a node or below it reads can tell two of
its positions apart, so each node's states are projected onto those metrics, as the unfolding's keys
are (`position_bound.live_slots`; effects and clamping act on each metric alone, so this is exact).
The exploration is bounded: first within `QUICK_POSITIONS`, further only when `position_bound`
shows that the limit can hold the positions; when it cannot, the checks say so instead of guessing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from explorer.actions import State
from explorer.checks.round_limits import report_skipped_rounds
from explorer.checks.round_states import RoundFindings, relevant_slots, round_successors
from explorer.format import expressions
from explorer.graph import OUTCOME, ScenarioGraph
from explorer.loading import limits
from explorer.loading.locator import Locator
from explorer.position_bound import QUICK_POSITIONS, live_slots, position_bound
from explorer.problems import Problems
from explorer.resolution import Round


@dataclass
class _Found:
    """What an exploration learned."""

    seen: set[int]
    """Positions, each as (node number << 32) | the index of its projected state among those seen;
    leaves apart (`leaves`)."""
    leaves: set[int] = field(default_factory=set)
    """Nodes with no option or rule, keyed on no metric, reached (each one position: nothing is
    explored from it)."""
    unlocked: set[tuple[str, int]] = field(default_factory=set)
    dead_ends: dict[str, tuple[float, ...]] = field(default_factory=dict)
    rounds: RoundFindings = field(default_factory=RoundFindings)

    @property
    def positions(self) -> int:
        """How many positions were reached."""
        return len(self.seen) + len(self.leaves)

    def reached(self, ids: list[str]) -> set[str]:
        """The nodes reached (`ids`: the graph's node ids by number)."""
        return {ids[key >> 32] for key in self.seen}.union(map(ids.__getitem__, self.leaves))


def check_states(graph: ScenarioGraph, locator: Locator, problems: Problems, max_positions: int = limits.MAX_STATE_POSITIONS) -> None:
    """Warn about options no reachable state unlocks and nodes where every option is locked; at rounds,
    about rules that never fire, moves never available and actors left with no move (and, at a round
    with more joint moves than `limits.MAX_ROUND_JOINT_MOVES` leaves room for, which of these it could
    not establish)."""
    has_rounds = any(graph.table.rounds)
    if (not graph.parsed_requires and not has_rounds) or graph.start not in graph:
        return
    relevant = relevant_slots(graph, expressions.metrics_used)
    live = _live(graph)
    found = _explore(graph, relevant, live, min(max_positions, QUICK_POSITIONS))
    bound = 0
    if found is None and max_positions > QUICK_POSITIONS:
        bound = position_bound(graph, live, max_positions)
        if bound <= max_positions:
            found = _explore(graph, relevant, live, max_positions)
    if found is None:
        more = (f"the metrics read by conditions combine into more than {max_positions:,} (node, metric) positions"
                if bound > max_positions else f"state exploration stopped after {max_positions} (node, metric) positions")
        problems.warning(
            f"{more}; checks for never-unlocked options and dead ends are incomplete",
            locator.path(locator.root, ["nodes"], key=True),
        )
        return
    for node_id, state in found.dead_ends.items():
        reasons = "; ".join(f"option {m.index + 1}: {graph.lock_reason(m, state)}" for m in graph.actions(node_id))
        problems.warning(f"dead end: node '{node_id}' can be reached with every option locked ({reasons})", locator.node(node_id))
    reached = found.reached(graph.table.ids)
    unsure = report_skipped_rounds(graph, locator, problems, found.rounds, limits.MAX_ROUND_JOINT_MOVES)
    if has_rounds:
        _report_rounds(graph, locator, problems, found.rounds, reached, unsure)
    for node_id, index in sorted((k for k in set(graph.parsed_requires) - found.unlocked if len(k) == 2), key=lambda k: (k[0], k[1])):
        if node_id not in reached or node_id in unsure:
            continue  # unreachable nodes are reported on their own; below a round not enumerated, nothing is sure
        text = graph.node(node_id).options[index].requires
        problems.warning(
            f"node '{node_id}', option {index + 1}: no reachable state satisfies requires '{text}'; it is always locked",
            locator.option(node_id, index, "requires"),
        )


def _live(graph: ScenarioGraph) -> list[tuple[int, ...]]:
    """Per node, the metric slots that make up its positions' keys: those read by a condition there or
    below (an outcome's `score` reads nothing a check needs)."""
    t = graph.table
    reads = [0 if kind == OUTCOME else r for kind, r in zip(t.kinds, t.reads, strict=True)]
    return live_slots(graph, graph.reach_order, t.children, reads)


def _explore(graph: ScenarioGraph, relevant: frozenset[int], live: list[tuple[int, ...]], max_positions: int) -> _Found | None:
    """What exploring the positions finds, or None when there are more than `max_positions` (rounds
    resolve at most `limits.MAX_ROUND_JOINT_MOVES` joint moves in all)."""
    projectors: dict[tuple[int, ...], Callable[[State], tuple]] = {}
    project = [projectors.get(slots) or projectors.setdefault(slots, _projector(slots)) for slots in live]
    number = graph.table.number
    rounds = graph.table.rounds
    has_rounds = any(rounds)
    # a leaf (an outcome) keyed on no metric is one position, never queued: half a tree's nodes
    leaf = [not kids and compiled is None and not slots
            for kids, compiled, slots in zip(graph.table.children, rounds, live, strict=True)]
    states: dict[tuple[float, ...], int] = {}
    start = (graph.start, graph.initial_state)
    first = number[graph.start]
    found = _Found({first << 32 | states.setdefault(project[first](graph.initial_state), 0)},
                   rounds=RoundFindings(budget=limits.MAX_ROUND_JOINT_MOVES))
    seen, leaves, unlocked, dead_ends = found.seen, found.leaves, found.unlocked, found.dead_ends
    queue = deque([start])
    moves_of, apply, popleft, push = graph.actions, graph.apply, queue.popleft, queue.append

    def visit(to: str, after: tuple[float, ...]) -> bool:
        """Queue a position not seen yet; False when that would pass the limit."""
        n = number[to]
        if leaf[n]:
            if n not in leaves:
                if len(seen) + len(leaves) >= max_positions:  # found.positions, inlined
                    return False
                leaves.add(n)
            return True
        projected = project[n](after)
        index = states.get(projected)
        if index is None:
            index = states[projected] = len(states)
        key = n << 32 | index
        if key not in seen:
            if len(seen) + len(leaves) >= max_positions:
                return False
            seen.add(key)
            push((to, after))
        return True

    while queue:
        node_id, state = popleft()
        compiled = rounds[number[node_id]] if has_rounds else None
        if compiled is not None:
            for to, after in round_successors(graph, compiled, state, relevant, found.rounds):
                if not visit(to, after):
                    return None
            continue
        moves = moves_of(node_id)
        any_open = False
        for move in moves:
            requires = move.requires
            if requires is not None:
                if not requires(state):
                    continue
                unlocked.add((node_id, move.index))
            any_open = True
            if not visit(move.option.to, apply(state, move) if move.effects else state):
                return None
        if moves and not any_open and node_id not in dead_ends:
            dead_ends[node_id] = state
    return found


def _report_rounds(graph: ScenarioGraph, locator: Locator, problems: Problems, findings: RoundFindings,
                   reached: set[str], unsure: set[str]) -> None:
    for compiled in (r for r in graph.table.rounds if r is not None and r.node_id in reached):
        node_id = compiled.node_id
        below_skipped = node_id in unsure
        for a, actor in enumerate(compiled.actors):
            state = findings.idle.get((node_id, actor))
            if state is not None:
                reasons = "; ".join(f"{m.option.id}: {graph.lock_reason(m, state)}" for m in compiled.moves[a])
                problems.warning(f"round '{node_id}': {actor} can reach this round with every move locked and sits it "
                                 f"out ({reasons})", locator.node(node_id, "moves", actor, key=True))
            for move in compiled.moves[a]:
                if move.requires is not None and not below_skipped and (node_id, actor, move.index) not in findings.opened:
                    problems.warning(f"round '{node_id}', {actor}'s move '{move.option.id}': no reachable state satisfies "
                                     f"requires '{move.option.requires}'; it is always locked",
                                     locator.node(node_id, "moves", actor, move.index, "requires"))
        for rule in compiled.rules:
            if node_id in findings.skipped or below_skipped:
                break  # said by `report_skipped_rounds`
            if (node_id, rule.index) in findings.fired or _shadowed(compiled, rule.index) or rule.rule.unconditional:
                continue  # the format requires an unconditional last rule, needed or not: no warning for it
            problems.warning(f"round '{node_id}', rule {rule.index + 1}{_named(rule.rule.id)} never fires: no combination of "
                             "moves in any reachable state meets its conditions before an earlier rule does",
                             locator.node(node_id, "then", rule.index))


def _shadowed(compiled: Round, index: int) -> bool:
    """Whether an unconditional rule comes before this one (reported by the reference checks)."""
    return any(r.rule.unconditional for r in compiled.rules[:index])


def _named(rule_id: str | None) -> str:
    return f" ('{rule_id}')" if rule_id else ""


def _projector(slots: tuple[int, ...]) -> Callable[[State], tuple]:
    """A node's key of a state (its layout is fixed, so keys of different nodes never need telling apart)."""
    if not slots:
        return lambda state: ()
    if len(slots) == 1:
        (only,) = slots
        return lambda state: (state[only],)
    return itemgetter(*slots)
