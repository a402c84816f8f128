"""The app's link to the analysis domain: the analysis of the scenario, made once and kept, and
the person's choices (marks on or off, the policy). Screens ask it; it computes nothing itself.

Solving takes a while on a large scenario, so screens run `solve` in a worker thread (the app's
`request_analysis`) and hear back by message (`explorer.tui.messages.AnalysisReady`)."""

from __future__ import annotations

import threading

from explorer.actions import State
from explorer.analysis.outlooks import OptionMark, Outlooks, RoundMarks
from explorer.analysis.policies import POLICIES
from explorer.analysis.summary import analyse
from explorer.analysis.unfolding import UnfoldingTooLarge
from explorer.graph import ScenarioGraph

POLICY_WORDS = {
    "beliefs": "decisions follow the analyst's estimates",
    "equilibrium": "every actor plays its equilibrium move",
    "uniform": "every open option equally likely",
}

SYNC_COST = 100_000
"""Marks costing less than this (positions × options) are worked out at once, others in a thread."""


class NoAnalysis(Exception):
    """The scenario cannot be solved here; `str(error)` says why, for the person."""


class Analyst:
    """The analysis of one scenario at a time (kept until the scenario changes), and the person's
    choices: whether the marks are on, and the policy of the odds."""

    def __init__(self) -> None:
        self.marks_on = False
        self.policy = POLICIES[0]
        self._lock = threading.Lock()
        self._graph: ScenarioGraph | None = None
        self._outlooks: Outlooks | None = None
        self._failed: str | None = None

    def cycle_policy(self) -> str:
        self.policy = POLICIES[(POLICIES.index(self.policy) + 1) % len(POLICIES)]
        return self.policy

    def failure(self, graph: ScenarioGraph) -> str | None:
        """Why `graph` could not be solved here, once a solve of it has failed."""
        return self._failed if self._graph is graph else None

    def ready(self, graph: ScenarioGraph) -> Outlooks | None:
        """The analysis of `graph` if it is done."""
        return self._outlooks if self._graph is graph else None

    def solve(self, graph: ScenarioGraph) -> Outlooks:
        """The analysis of `graph`, solved now if it is not done yet (in a worker thread: it blocks;
        two threads asking at once solve it once). `NoAnalysis` when it cannot be solved here."""
        with self._lock:
            if self._graph is not graph:
                try:
                    self._outlooks, self._failed = Outlooks(analyse(graph)), None
                except UnfoldingTooLarge as exc:
                    self._outlooks, self._failed = None, f"the scenario is too large to solve here: {exc}"
                self._graph = graph
            if self._outlooks is None:
                raise NoAnalysis(self._failed or "")
            return self._outlooks

    def marks_now(self, outlooks: Outlooks, node_id: str, state: State) -> tuple[OptionMark, ...] | None:
        """The marks at (node, state) under the current policy if they are cached or cheap;
        None when they are worth a thread (`outlooks.marks` there)."""
        if outlooks.cached(node_id, state, self.policy) or outlooks.cost(node_id) <= SYNC_COST:
            return outlooks.marks(node_id, state, self.policy)
        return None

    def round_marks_now(self, outlooks: Outlooks, node_id: str, state: State) -> RoundMarks | bool | None:
        """At a round: its marks under the current policy if they are cached or cheap (None where the
        analysis never reaches the position); False when they are worth a thread."""
        if outlooks.round_cached(node_id, state, self.policy) or outlooks.cost(node_id) <= SYNC_COST:
            return outlooks.round_marks(node_id, state, self.policy)
        return False
