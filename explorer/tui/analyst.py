"""The app's link to the analysis domain: solves the scenario once, in a thread, and keeps the
person's choices (marks on or off, the policy). Screens ask it; it computes nothing itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer.analysis.outlooks import OptionMark, Outlooks
from explorer.analysis.policies import POLICIES
from explorer.analysis.summary import analyse
from explorer.analysis.unfolding import UnfoldingTooLarge
from explorer.graph import ScenarioGraph

if TYPE_CHECKING:
    from textual.app import App

POLICY_WORDS = {
    "beliefs": "decisions follow the analyst's estimates",
    "equilibrium": "every actor plays its equilibrium move",
    "uniform": "every open option equally likely",
}

SYNC_COST = 100_000
"""Marks costing less than this (positions × options) are computed at once, others in a thread."""


class Analyst:
    """Solves the app's scenario on first need (in a worker thread) and keeps the result until the
    scenario changes; also the person's choices: whether the marks are on, and the policy."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.marks_on = False
        self.policy = POLICIES[0]
        self.graph: ScenarioGraph | None = None
        self.outlooks: Outlooks | None = None
        self.failed: str | None = None
        self._waiting: list[Callable[[Outlooks], None]] = []

    def cycle_policy(self) -> str:
        self.policy = POLICIES[(POLICIES.index(self.policy) + 1) % len(POLICIES)]
        return self.policy

    def ready(self, graph: ScenarioGraph) -> Outlooks | None:
        """The analysis of `graph` if it is done."""
        return self.outlooks if self.graph is graph else None

    def request(self, graph: ScenarioGraph, then: Callable[[Outlooks], None]) -> None:
        """Call `then` with the analysis of `graph`: now if it is done, else once a thread has made it."""
        if self.graph is not graph:
            self.graph, self.outlooks, self.failed, self._waiting = graph, None, None, []
        if self.outlooks is not None:
            then(self.outlooks)
            return
        if self.failed is not None:
            self._refuse()
            return
        self._waiting.append(then)
        if len(self._waiting) == 1:  # the screens asking say "solving…" meanwhile
            self.app.run_worker(lambda: self._solve(graph), thread=True, group="analysis", exit_on_error=False)

    def _solve(self, graph: ScenarioGraph) -> None:
        try:
            outlooks: Outlooks | str = Outlooks(analyse(graph))
        except UnfoldingTooLarge as exc:
            outlooks = f"the scenario is too large to solve here: {exc}"
        self.app.call_from_thread(self._solved, graph, outlooks)

    def _solved(self, graph: ScenarioGraph, outlooks: Outlooks | str) -> None:
        if graph is not self.graph:  # the scenario was switched meanwhile
            return
        if isinstance(outlooks, str):
            self.failed, self._waiting = outlooks, []
            self._refuse()
            return
        self.outlooks = outlooks
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then(outlooks)

    def _refuse(self) -> None:
        self.app.notify(self.failed or "", title="No analysis", severity="error", markup=False)

    def marks(
        self, outlooks: Outlooks, node_id: str, state: tuple[float, ...], then: Callable[[tuple[OptionMark, ...]], None]
    ) -> tuple[OptionMark, ...] | None:
        """The marks at (node, state) under the current policy if they are cheap or cached; else
        None, and `then` gets them from a thread."""
        policy = self.policy
        if outlooks.cached(node_id, state, policy) or outlooks.cost(node_id) <= SYNC_COST:
            return outlooks.marks(node_id, state, policy)

        def work() -> None:
            marks = outlooks.marks(node_id, state, policy)
            self.app.call_from_thread(then, marks)

        self.app.run_worker(work, thread=True, group="marks", exclusive=True, exit_on_error=False)
        return None
