"""Checks of what citations claim: a `history` citation needs a dated source (always), and,
on request (`explorer check --citations`), every node and option cites something, every
citation says its kind, and every option marked historical cites a `history` source."""

from __future__ import annotations

from collections.abc import Iterator

from explorer.format.models import Scenario, SourceRef
from explorer.loading.locator import Locator
from explorer.problems import Position, Problems

KINDS = "article, history or judgement"


def _citations(scenario: Scenario) -> Iterator[tuple[str, int | None, list[SourceRef]]]:
    """(node id, option index or None for the node itself, its citations), in file order."""
    for node_id, node in scenario.nodes.items():
        yield node_id, None, node.sources
        for index, option in enumerate(node.options):
            yield node_id, index, option.sources


def _where(node_id: str, index: int | None) -> str:
    return f"node '{node_id}'" if index is None else f"node '{node_id}', option {index + 1}"


def _at(locator: Locator, node_id: str, index: int | None, *path: object) -> Position:
    return locator.node(node_id, *path) if index is None else locator.option(node_id, index, *path)


def check_history_dates(scenario: Scenario, locator: Locator, problems: Problems) -> None:
    """A `kind: history` citation must point to a source with a `date`: it happened, and when."""
    for node_id, index, citations in _citations(scenario):
        for number, citation in enumerate(citations):
            source = scenario.sources.get(citation.ref)
            if citation.kind == "history" and source is not None and not source.date:
                problems.error(
                    f"{_where(node_id, index)}: a 'history' citation needs a dated source, and source "
                    f"'{citation.ref}' has no 'date' (give the date of the report or record)",
                    _at(locator, node_id, index, "sources", number, "kind"),
                )


def check_citation_kinds(scenario: Scenario, locator: Locator, problems: Problems) -> None:
    """The opt-in warnings of `--citations`, for scenarios held to a sourced standard."""
    for node_id, index, citations in _citations(scenario):
        where = _where(node_id, index)
        if not citations:
            problems.warning(f"{where} cites no source", _at(locator, node_id, index))
        for number, citation in enumerate(citations):
            if citation.kind is None:
                problems.warning(
                    f"{where}: the citation of '{citation.ref}' does not say its kind ({KINDS})",
                    _at(locator, node_id, index, "sources", number),
                )
        historical = index is not None and scenario.nodes[node_id].options[index].historical
        if historical and not any(c.kind == "history" for c in citations):
            problems.warning(
                f"{where} is marked historical but cites no 'history' source (a dated report or record)",
                locator.option(node_id, index or 0, "historical"),
            )
