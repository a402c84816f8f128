"""Every id a scenario refers to must exist; `requires` must parse.

Positions are looked up only for problems actually reported: a valid scenario never pays
for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.checks.format2 import check_format2_references
from explorer.checks.requires_hints import Labels
from explorer.checks.rounds import RoundContext, check_round
from explorer.format import expressions
from explorer.format.models import Scenario, SourceRef
from explorer.loading.locator import Locator
from explorer.problems import Problems
from explorer.suggest import did_you_mean

_Parsed = tuple[expressions.Expr | None, expressions.ExpressionError | None, tuple[expressions.Metric, ...]]
"""A `requires` text parsed: the expression or the syntax error, and the unknown metrics it names."""


@dataclass
class Parsed:
    """The conditions of a scenario that parsed and name only known metrics."""

    requires: dict[tuple, expressions.Expr]
    """Every `requires`, by `Action.key`: (node id, option index) or (node id, actor, move index)."""
    conditions: dict[tuple[str, int], expressions.Expr]
    """Every round rule's `if`, by (node id, rule index)."""


def check_references(scenario: Scenario, locator: Locator, problems: Problems, declared: dict[str, set[str]]) -> Parsed:
    """Report unknown nodes, actors, metrics and sources; return the parsed conditions."""
    nodes = scenario.nodes
    nodes_declared = declared["nodes"]
    actors, metrics, sources = declared["actors"], declared["metrics"], declared["sources"]
    broken = declared.get("broken", set())
    check_nodes, check_actors = "nodes" not in broken, "actors" not in broken
    check_metrics, check_sources = "metrics" not in broken, "sources" not in broken
    parsed: dict[tuple, expressions.Expr] = {}
    texts: dict[str, _Parsed] = {}
    rounds = RoundContext(
        scenario, locator, problems, nodes_declared, actors, metrics, check_nodes, check_actors, check_metrics,
        lambda citations, path: _check_citations(citations, locator, problems, sources, path) if check_sources else None,
        parsed,
    )
    labels: Labels | None = None  # made for the first bad `requires`
    if check_nodes and scenario.start not in nodes_declared:
        problems.error(
            f"start node '{scenario.start}' is not defined{did_you_mean(scenario.start, nodes_declared)}",
            locator.path(locator.root, ["start"]),
        )
    for node_id, node in nodes.items():
        if check_sources and node.sources:
            _check_citations(node.sources, locator, problems, sources, (node_id, "sources"))
        kind = node.kind
        if kind == "round":
            check_round(node_id, node, rounds)
            continue
        if kind == "outcome":
            if check_actors:
                for actor in node.payoffs:
                    if actor not in actors:
                        problems.error(
                            f"node '{node_id}': payoff for unknown actor '{actor}'{did_you_mean(actor, actors)}",
                            locator.node(node_id, "payoffs", actor, key=True),
                        )
            continue
        if kind == "decision" and check_actors and node.actor not in actors:
            problems.error(
                f"node '{node_id}': unknown actor '{node.actor}'{did_you_mean(node.actor, actors)}",
                locator.node(node_id, "actor"),
            )
        options = node.options
        if not options:
            problems.error(f"{kind} node '{node_id}' has no options; give it at least one", locator.node(node_id, "options"))
        seen_ids: dict[str, int] = {}
        for index, option in enumerate(options):
            if check_nodes and option.to not in nodes_declared:
                problems.error(
                    f"{_where(node_id, index)}: 'to' names unknown node '{option.to}'{did_you_mean(option.to, nodes_declared)}",
                    locator.option(node_id, index, "to"),
                )
            if option.effects and check_metrics:
                for metric in option.effects:
                    if metric not in metrics:
                        problems.error(
                            f"{_where(node_id, index)}: effect on unknown metric '{metric}'{did_you_mean(metric, metrics)}",
                            locator.option(node_id, index, "effects", metric, key=True),
                        )
            option_id = option.id or str(index + 1)
            if option_id in seen_ids:
                problems.error(
                    f"{_where(node_id, index)}: option id '{option_id}' is already used by option {seen_ids[option_id] + 1} of this node",
                    locator.option(node_id, index, "id"),
                )
            else:
                seen_ids[option_id] = index
            if check_sources and option.sources:
                _check_citations(option.sources, locator, problems, sources, (node_id, "options", index, "sources"))
            text = option.requires
            if text is not None:
                entry = texts.get(text)
                if entry is None:
                    entry = texts[text] = _parse(text, metrics, check_metrics)
                expr, error, unknown = entry
                if error is not None or unknown:
                    if labels is None:
                        labels = Labels({m: metric.label for m, metric in scenario.metrics.items()} if check_metrics else {})
                    _report_requires(text, entry, node_id, index, metrics, labels, locator, problems)
                elif expr is not None:
                    parsed[(node_id, index)] = expr
    check_format2_references(rounds)
    return Parsed(parsed, rounds.conditions)


def _where(node_id: str, index: int) -> str:
    return f"node '{node_id}', option {index + 1}"


def _check_citations(
    citations: list[SourceRef], locator: Locator, problems: Problems, sources: set[str], path: tuple
) -> None:
    """`path`: (node id, keys…) inside a node, or ("@section", item id, keys…) inside another item."""
    node_id, *rest = path
    if node_id.startswith("@"):
        section, node_id, *rest = path
        where_in = lambda index: locator.item(section[1:], node_id, *rest, index)  # noqa: E731
        owner = f"{section[1:-1]} '{node_id}'"
    else:
        where_in = lambda index: locator.node(node_id, *rest, index)  # noqa: E731
        owner = f"node '{node_id}'"
    for index, citation in enumerate(citations):
        if citation.ref not in sources:
            hint = did_you_mean(citation.ref, sources)
            if not sources:
                hint = " (the scenario has no 'sources' section)"
            problems.error(f"{owner}: unknown source '{citation.ref}'{hint}", where_in(index))


def _parse(text: str, metrics: set[str], check_metrics: bool) -> _Parsed:
    """Parse a `requires` text once, however many options carry it.

    With the metrics unknowable (a broken section), a text that parses is not used: no
    expression, and no unknown metrics to report.
    """
    try:
        expr = expressions.parse(text)
    except expressions.ExpressionError as exc:
        return None, exc, ()
    if not check_metrics:
        return None, None, ()
    unknown = tuple(m for m in expressions.metrics_used(expr) if m.name not in metrics)
    return expr, None, unknown


def _report_requires(
    text: str, entry: _Parsed, node_id: str, index: int, metrics: set[str], labels: Labels, locator: Locator, problems: Problems
) -> None:
    """Report a `requires` that does not parse, or names unknown metrics, where it is written.

    A metric's label written for its id is the one thing reported: it is what the parser
    stumbled on, and the message shows the condition rewritten with ids.
    """
    _, error, unknown = entry
    base = locator.option(node_id, index, "requires")
    where = _where(node_id, index)
    uses = labels.uses(text)
    if uses:
        fixed = labels.rewritten(text, uses)
        for use in uses:
            fix = f'; write its id: "{fixed}"' if fixed else f"; write its id '{use.metric}'"
            problems.error(
                f"{where}: bad 'requires' expression: '{use.written}' is the label of metric '{use.metric}'{fix}",
                locator.written_at(base, text, use.offset),
            )
        other = labels.other_mistake(text, uses) if fixed is None else None
        if other is not None:
            problems.error(f"{where}: bad 'requires' expression: {other.message}", locator.written_at(base, text, other.offset))
        return
    if error is not None:
        problems.error(f"{where}: bad 'requires' expression: {error.message}", locator.written_at(base, text, error.offset))
        return
    for metric in unknown:
        hint = did_you_mean(metric.name, metrics) or labels.part_of(metric.name)
        if not hint and metric.name.lower() in ("and", "or", "not", "true", "false"):
            hint = f" (keywords are lower case: write '{metric.name.lower()}')"
        problems.error(
            f"{where}: 'requires' names unknown metric '{metric.name}'{hint}",
            locator.written_at(base, text, metric.offset),
        )
