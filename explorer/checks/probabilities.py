"""Probability rules: chance nodes need them all, summing to 1; decisions all or none."""

from __future__ import annotations

from collections.abc import Collection

from explorer.format.models import Scenario
from explorer.loading.locator import Locator
from explorer.problems import Problems

TOLERANCE = 1e-6


def check_probabilities(scenario: Scenario, locator: Locator, problems: Problems, skip: Collection[str] = ()) -> None:
    """Report probabilities that break the rules of their node's kind (nodes in `skip` are not checked)."""
    shared: set = set()
    for node_id, node in scenario.nodes.items():
        kind = node.kind
        if kind == "round":
            for actor, moves in node.moves.items():
                place = locator.node(node_id, "moves", actor)
                if not (place.line and place in shared):  # moves shared through an anchor: reported once
                    shared.add(place)
                    _check_round_actor(node_id, actor, moves, locator, problems)
            continue
        options = node.options
        if kind == "outcome" or not options or node_id in skip:
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
                locator.node(node_id, "options", key=True),
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


def _check_round_actor(node_id: str, actor: str, moves: list, locator: Locator, problems: Problems) -> None:
    """A round actor's move probabilities: on all of its moves or none, summing to 1."""
    given = [i for i, move in enumerate(moves) if move.probability is not None]
    raw = locator.raw_node(node_id)
    written = raw.get("moves", {}).get(actor) if isinstance(raw, dict) and isinstance(raw.get("moves"), dict) else None
    if isinstance(written, list) and any(isinstance(m, dict) and m.get("probability") is not None
                                         for i, m in enumerate(written) if i not in given):
        return  # an invalid probability is reported where it is written; a sum would mislead
    if not given:
        return
    where = f"round '{node_id}', {actor}"
    if len(given) < len(moves):
        without = ", ".join(str(i + 1) for i in range(len(moves)) if i not in set(given))
        problems.error(f"{where}: probabilities are given on some of {actor}'s moves but not on move(s) {without}; give "
                       "them on all of this actor's moves or none", locator.node(node_id, "moves", actor))
        return
    total = sum(move.probability for move in moves)
    if abs(total - 1.0) > TOLERANCE:
        problems.error(f"{where}: the probabilities of {actor}'s moves sum to {total:.6g}, not 1 (each actor's moves "
                       "sum to 1 on their own)", locator.node(node_id, "moves", actor))
