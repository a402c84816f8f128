"""Checks of what citations claim: a `history` citation needs a dated source (always), and,
on request (`explorer check --citations`), every node, option, round move, round rule and inject
cites something, every citation says its kind, and every option, move or inject marked historical
cites a `history` source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from explorer.format.models import Scenario, SourceRef
from explorer.loading.locator import Locator
from explorer.problems import Position, Problems

KINDS = "article, history or judgement"


@dataclass(frozen=True, slots=True)
class Cited:
    """One thing that carries citations: where it is (in words and in the file) and what it cites."""

    where: str
    """How messages name it: "node 'x'", "node 'x', option 2", "round 'r', dprk's move 'talks'",
    "round 'r', rule 2 ('deal')", "inject 'e'"."""
    citations: list[SourceRef]
    at: Callable[..., Position]
    """The position of a path inside the item (the item itself with no path)."""
    historical: bool = False


def cited_items(scenario: Scenario, locator: Locator) -> Iterator[Cited]:
    """Everything that can cite a source, in file order: nodes and their options; in format 2, each
    round's moves (moves shared through a YAML anchor once, where they are written) and rules, and
    the injects."""
    shared: set[Position] = set()
    for node_id, node in scenario.nodes.items():
        yield Cited(f"node '{node_id}'", node.sources, _in_node(locator, node_id))
        for index, option in enumerate(node.options):
            yield Cited(f"node '{node_id}', option {index + 1}", option.sources,
                        _in_node(locator, node_id, "options", index), option.historical)
        for actor, moves in getattr(node, "moves", {}).items():
            for index, move in enumerate(moves):
                at = _in_node(locator, node_id, "moves", actor, index)
                if at().line and at() in shared:
                    continue
                shared.add(at())
                yield Cited(f"round '{node_id}', {actor}'s move '{move.id}'", move.sources, at, move.historical)
        for index, rule in enumerate(getattr(node, "then", ())):
            name = f" ('{rule.id}')" if rule.id else ""
            yield Cited(f"round '{node_id}', rule {index + 1}{name}", rule.sources,
                        _in_node(locator, node_id, "then", index))
    for inject_id, inject in scenario.injects.items():
        yield Cited(f"inject '{inject_id}'", inject.sources,
                    lambda *path, i=inject_id: locator.item("injects", i, *path), inject.historical)


def _in_node(locator: Locator, node_id: str, *base: object) -> Callable[..., Position]:
    return lambda *path: locator.node(node_id, *base, *path)


def check_history_dates(scenario: Scenario, locator: Locator, problems: Problems) -> None:
    """A `kind: history` citation must point to a source with a `date`: it happened, and when.

    Items are named and placed (`cited_items`) only when some citation breaks the rule: a load
    of 100k nodes otherwise paid 0.26 s for names no message used."""
    undated = {ref for ref, source in scenario.sources.items() if not source.date}
    if not undated or not any(c.kind == "history" and c.ref in undated for c in _citations(scenario)):
        return
    for item in cited_items(scenario, locator):
        for number, citation in enumerate(item.citations):
            source = scenario.sources.get(citation.ref)
            if citation.kind == "history" and source is not None and not source.date:
                problems.error(
                    f"{item.where}: a 'history' citation needs a dated source, and source "
                    f"'{citation.ref}' has no 'date' (give the date of the report or record)",
                    item.at("sources", number, "kind"),
                )


def _citations(scenario: Scenario) -> Iterator[SourceRef]:
    """Every citation in the scenario (the same ones `cited_items` gives, shared moves perhaps twice)."""
    for node in scenario.nodes.values():
        yield from node.sources
        for option in node.options:
            yield from option.sources
        for moves in getattr(node, "moves", {}).values():
            for move in moves:
                yield from move.sources
        for rule in getattr(node, "then", ()):
            yield from rule.sources
    for inject in scenario.injects.values():
        yield from inject.sources


def check_citation_kinds(scenario: Scenario, locator: Locator, problems: Problems) -> None:
    """The opt-in warnings of `--citations`, for scenarios held to a sourced standard."""
    for item in cited_items(scenario, locator):
        if not item.citations:
            problems.warning(f"{item.where} cites no source", item.at())
        for number, citation in enumerate(item.citations):
            if citation.kind is None:
                problems.warning(
                    f"{item.where}: the citation of '{citation.ref}' does not say its kind ({KINDS})",
                    item.at("sources", number),
                )
        if item.historical and not any(c.kind == "history" for c in item.citations):
            problems.warning(
                f"{item.where} is marked historical but cites no 'history' source (a dated report or record)",
                item.at("historical"),
            )
