"""Every id a scenario refers to must exist; `requires` must parse."""

from __future__ import annotations

from explorer.format import expressions
from explorer.format.models import Scenario, SourceRef
from explorer.loading.locator import Locator
from explorer.problems import Problems
from explorer.suggest import did_you_mean


def check_references(
    scenario: Scenario, locator: Locator, problems: Problems, declared: dict[str, set[str]]
) -> dict[tuple[str, int], expressions.Expr]:
    """Report unknown nodes, actors, metrics and sources; return the parsed `requires`."""
    nodes = scenario.nodes
    nodes_declared = declared["nodes"]
    actors, metrics = declared["actors"], declared["metrics"]
    broken = declared.get("broken", set())
    parsed: dict[tuple[str, int], expressions.Expr] = {}
    if "nodes" not in broken and scenario.start not in nodes_declared:
        problems.error(
            f"start node '{scenario.start}' is not defined{did_you_mean(scenario.start, nodes_declared)}",
            locator.path(locator.root, ["start"]),
        )
    for node_id, node in nodes.items():
        if "sources" not in broken:
            _check_citations(node.sources, locator, problems, declared["sources"], (node_id, "sources"))
        if node.kind == "decision" and "actors" not in broken and node.actor not in actors:
            problems.error(
                f"node '{node_id}': unknown actor '{node.actor}'{did_you_mean(node.actor, actors)}",
                locator.node(node_id, "actor"),
            )
        if node.kind == "outcome":
            for actor in node.payoffs:
                if "actors" not in broken and actor not in actors:
                    problems.error(
                        f"node '{node_id}': payoff for unknown actor '{actor}'{did_you_mean(actor, actors)}",
                        locator.node(node_id, "payoffs", actor, key=True),
                    )
            continue
        if not node.options:
            problems.error(f"{node.kind} node '{node_id}' has no options; give it at least one", locator.node(node_id, "options"))
        seen_ids: dict[str, int] = {}
        for index, option in enumerate(node.options):
            where = f"node '{node_id}', option {index + 1}"
            if "nodes" not in broken and option.to not in nodes_declared:
                problems.error(
                    f"{where}: 'to' names unknown node '{option.to}'{did_you_mean(option.to, nodes_declared)}",
                    locator.option(node_id, index, "to"),
                )
            for metric in option.effects:
                if "metrics" not in broken and metric not in metrics:
                    problems.error(
                        f"{where}: effect on unknown metric '{metric}'{did_you_mean(metric, metrics)}",
                        locator.option(node_id, index, "effects", metric, key=True),
                    )
            option_id = option.id or str(index + 1)
            if option_id in seen_ids:
                problems.error(
                    f"{where}: option id '{option_id}' is already used by option {seen_ids[option_id] + 1} of this node",
                    locator.option(node_id, index, "id"),
                )
            seen_ids.setdefault(option_id, index)
            if "sources" not in broken:
                _check_citations(option.sources, locator, problems, declared["sources"], (node_id, "options", index, "sources"))
            if option.requires is not None:
                expr = _parse_requires(option.requires, node_id, index, where, metrics, locator, problems, "metrics" in broken)
                if expr is not None:
                    parsed[(node_id, index)] = expr
    return parsed


def _check_citations(
    citations: list[SourceRef], locator: Locator, problems: Problems, sources: set[str], path: tuple
) -> None:
    node_id, *rest = path
    for index, citation in enumerate(citations):
        if citation.ref not in sources:
            hint = did_you_mean(citation.ref, sources)
            if not sources:
                hint = " (the scenario has no 'sources' section)"
            problems.error(
                f"node '{node_id}': unknown source '{citation.ref}'{hint}",
                locator.node(node_id, *rest, index),
            )


def _parse_requires(
    text: str, node_id: str, index: int, where: str, metrics: set[str], locator: Locator, problems: Problems,
    metrics_unknown: bool = False,
) -> expressions.Expr | None:
    base = locator.option(node_id, index, "requires")
    try:
        expr = expressions.parse(text)
    except expressions.ExpressionError as exc:
        problems.error(f"{where}: bad 'requires' expression: {exc.message}", locator.written_at(base, text, exc.offset))
        return None
    if metrics_unknown:
        return None
    ok = True
    for metric in expressions.metrics_used(expr):
        if metric.name not in metrics:
            problems.error(
                f"{where}: 'requires' names unknown metric '{metric.name}'{did_you_mean(metric.name, metrics)}",
                locator.written_at(base, text, metric.offset),
            )
            ok = False
    return expr if ok else None

