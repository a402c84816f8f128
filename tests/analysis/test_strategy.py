"""`stage_report.strategy` (the equilibrium strategy `solve --json` prints) against a plain
position-by-position reading of the equilibrium, on the corpus and the bundled scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from explorer.analysis.stage_report import stage_report, strategy
from explorer.analysis.summary import Analysis, analyse
from explorer.analysis.unfolding import DECISION, ROUND
from explorer.bundled import bundled_scenarios
from explorer.loading import load_scenario

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "valid"


def plain(analysis: Analysis) -> list[dict[str, Any]]:
    u, eq = analysis.unfolding, analysis.equilibrium
    out: list[dict[str, Any]] = []
    for n, group in u.groups():
        kind = u.table.kinds[n]
        if kind not in (DECISION, ROUND):
            continue
        node = analysis.graph.node(u.table.ids[n])
        for p in group:
            if not u.pos_kids[p]:
                continue
            entry: dict[str, Any] = {"node": u.table.ids[n], "state": u.state(p)}
            if kind == DECISION:
                option = eq.option(p) or 0
                entry.update(actor=node.actor, option=option + 1, label=node.options[option].label)
            else:
                report = stage_report(analysis, p, 0.0)
                entry.update(play=report.mixed(), method=report.solution.method.value, epsilon=report.solution.epsilon)
            out.append(entry)
    return out


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")) + bundled_scenarios(), ids=lambda p: p.name)
def test_strategy_reads_every_position(path: Path) -> None:
    result = load_scenario(path)
    assert result.ok
    analysis = analyse(result.graph)
    found = strategy(analysis)
    assert found == plain(analysis)
    assert [list(entry) for entry in found] == [list(entry) for entry in plain(analysis)]  # the keys in the same order
