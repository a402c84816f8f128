"""Checks of a validated scenario: references, probabilities, structure, reachable states."""

from __future__ import annotations

from explorer.checks.citations import check_history_dates
from explorer.checks.probabilities import check_probabilities
from explorer.checks.references import check_references
from explorer.checks.states import check_states
from explorer.checks.structure import check_structure
from explorer.format.models import Scenario
from explorer.graph import ScenarioGraph
from explorer.loading.locator import Locator
from explorer.problems import Problems


def run_checks(scenario: Scenario, locator: Locator, problems: Problems, declared: dict[str, set[str]]) -> ScenarioGraph | None:
    """Run every check; return the graph when the scenario has no errors.

    `declared` holds every id written in each section, valid or not, so that an item with
    its own errors is not reported again as unknown wherever it is referred to; its "broken"
    entry names sections whose ids cannot be known (missing, or not a mapping); its "stand_ins"
    entry, nodes of an unknown kind kept for the structure checks only (see `loading.loader`).
    """
    parsed = check_references(scenario, locator, problems, declared)
    if "sources" not in declared.get("broken", set()):
        check_history_dates(scenario, locator, problems)
    stand_ins = declared.get("stand_ins", set())
    check_probabilities(scenario, locator, problems, skip=stand_ins)
    graph = ScenarioGraph(scenario, parsed.requires, parsed.conditions)
    acyclic = check_structure(graph, locator, problems, skip=stand_ins)
    if acyclic and not problems.errors:
        check_states(graph, locator, problems)
    return graph if not problems.errors else None
