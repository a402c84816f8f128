"""Every bundled scenario loads cleanly and every path through it reaches an outcome."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

import pytest

from explorer.bundled import bundled_scenarios, default_scenario
from explorer.format.models import NodeKind
from explorer.loading import load_scenario
from explorer.walk import Walk

SCENARIOS = bundled_scenarios()


@dataclass
class Coverage:
    """What walking every path showed: path counts by end and length, nodes and positions seen."""

    paths_to: Counter = field(default_factory=Counter)
    lengths: Counter = field(default_factory=Counter)
    nodes: set = field(default_factory=set)
    positions: int = 0


def walk_every_path(walk: Walk) -> Coverage:
    """Walk every path from start to an outcome through the domain API (take/back).

    Paths that meet again at the same (node, metrics) position continue identically, so
    each position is walked once and its paths are counted, not re-walked: the bundled
    scenario has hundreds of thousands of paths but far fewer positions.
    """
    coverage = Coverage()
    memo: dict[tuple[str, tuple[float, ...]], tuple[Counter, Counter]] = {}

    def visit() -> tuple[Counter, Counter]:
        key = (walk.node_id, walk.state)
        if key in memo:
            return memo[key]
        coverage.nodes.add(walk.node_id)
        if walk.is_over:
            result = (Counter({walk.node_id: 1}), Counter({0: 1}))
        else:
            ends, lengths = Counter(), Counter()
            for move in _moves(walk):
                move()
                sub_ends, sub_lengths = visit()
                walk.back()
                ends.update(sub_ends)
                lengths.update({n + 1: c for n, c in sub_lengths.items()})
            result = (ends, lengths)
        memo[key] = result
        return result

    coverage.paths_to, coverage.lengths = visit()
    coverage.positions = len(memo)
    return coverage


def _moves(walk: Walk) -> list[Callable[[], object]]:
    """Every move possible here: each available option, or at a round each combination of the
    actors' available moves (every joint move is a path of its own)."""
    if walk.kind == NodeKind.ROUND:
        actors = walk.round_moves()
        choices = [[(a.actor, v.index) for v in a.moves if v.available] for a in actors if not a.sits_out]
        assert choices, f"every actor sits out at {walk.node_id} with metrics {walk.metrics}"
        return [lambda joint=joint: walk.resolve(dict(joint)) for joint in product(*choices)]
    available = [view for view in walk.options() if view.available]
    assert available, f"dead end at {walk.node_id} with metrics {walk.metrics}"
    return [lambda index=view.index: walk.take(index) for view in available]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_bundled_scenario_is_clean(path) -> None:
    result = load_scenario(path)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    assert not result.problems.warnings, [str(p) for p in result.problems.warnings]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_path_reaches_an_outcome(path) -> None:
    graph = load_scenario(path).graph
    coverage = walk_every_path(Walk(graph, seed=1))
    assert set(coverage.paths_to) == set(graph.outcomes), "some outcomes can never be reached"
    assert coverage.nodes == set(graph.scenario.nodes), "some nodes are on no path"


def test_default_scenario_meets_the_brief() -> None:
    """Issue 3: size, depth, chance nodes, outcomes, sources, history, briefings."""
    result = load_scenario(default_scenario())
    graph = result.graph
    scenario = graph.scenario
    nodes = scenario.nodes
    kinds = Counter(node.kind for node in nodes.values())
    assert len(nodes) >= 30 and kinds["chance"] >= 4 and kinds["outcome"] >= 8
    lengths = walk_every_path(Walk(graph, seed=1)).lengths
    long_paths = sum(c for n, c in lengths.items() if n >= 5)
    assert long_paths > lengths.total() / 2, f"most paths should be ≥ 5 moves: {lengths}"
    assert set(scenario.actors) >= {"dprk", "us", "rok", "china", "russia"}
    for actor in scenario.actors.values():
        assert actor.objectives and actor.briefing, actor.name
    assert len(scenario.sources) >= 2
    for source in scenario.sources.values():  # the commentaries, and dated reports of what happened (issue 14)
        assert source.outlet and source.date, source.title
    assert all(scenario.sources[ref].author for ref in ("bosack2019", "daminov2019"))
    for node_id, node in nodes.items():
        if node.kind != "outcome":
            assert node.sources and all(c.note for c in node.sources), f"{node_id} cites no passage"
        else:
            assert node.text, f"outcome {node_id} has no debrief text"
            assert set(graph.deciding_actors) <= set(node.payoffs), node_id
    start = nodes[scenario.start]
    assert start.kind == "decision" and start.actor == "dprk" and len(start.options) >= 4
    assert all(o.probability is not None and o.confidence for o in start.options)
    options = [o for node in nodes.values() for o in node.options]
    assert any(o.historical for o in options)
    assert sum(bool(o.indicators) for o in options) >= len(options) / 3
    assert sum(bool(o.effects) for o in options) > len(options) / 2
    assert any(o.requires for o in options)
