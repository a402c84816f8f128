"""Probability rules: chance nodes need them all, summing to 1; decisions all or none."""

from __future__ import annotations

from explorer.format.models import Scenario
from explorer.loading.locator import Locator
from explorer.problems import Problems

TOLERANCE = 1e-6


def check_probabilities(scenario: Scenario, locator: Locator, problems: Problems) -> None:
    for node_id, node in scenario.nodes.items():
        kind = node.kind
        options = node.options
        if kind == "outcome" or not options:
            continue
        given = [i for i, option in enumerate(options) if option.probability is not None]
        if len(given) < len(options):
            if kind != "chance" and not given:
                continue  # a decision without probabilities: nothing to check
            if _rejected(locator, node_id, given):
                continue  # an invalid probability is reported where it is written; a sum would mislead
            missing = [i for i in range(len(options)) if i not in set(given)]
            if kind == "chance":
                for index in missing:
                    problems.error(
                        f"chance node '{node_id}', option {index + 1}: every option of a chance node needs a probability",
                        locator.option(node_id, index),
                    )
                continue
            if given:
                without = ", ".join(str(i + 1) for i in missing)
                problems.error(
                    f"decision node '{node_id}': probabilities are given on some options but not on option(s) {without}; "
                    "give them on all options or none",
                    locator.option(node_id, missing[0]),
                )
            continue
        total = sum(option.probability for option in options)
        if abs(total - 1.0) > TOLERANCE:
            problems.error(
                f"{kind} node '{node_id}': option probabilities sum to {total:.6g}, not 1",
                locator.node(node_id, "options"),
            )


def _rejected(locator: Locator, node_id: str, given: list[int]) -> bool:
    """Whether some option has a `probability` written that validation rejected (and dropped)."""
    raw = locator.raw_node(node_id)
    options = raw.get("options") if isinstance(raw, dict) else None
    if not isinstance(options, list):
        return False
    return any(
        isinstance(option, dict) and option.get("probability") is not None
        for index, option in enumerate(options)
        if index not in given
    )
