"""Equilibria of simultaneous-move stage games (format 2 `round` positions), on payoff arrays.

`solve_stage(payoffs, margin)` takes payoffs of shape (n, m1, …, mn) — payoffs[i][a1, …, an] is actor
i's value (a continuation value) at that joint move — and the tie margin (the caller passes 1e-9 × M,
M the largest |payoff| reachable from the position, 1 if all are 0). Two values tie when they differ by
at most the margin; that one test decides best responses, Pareto comparisons and supports.

1. Pure first (`pure`). Joint moves in lexicographic order of move indices, actor 0 most significant;
   the pure equilibria are found by one vectorised best-response test per actor; of those that no
   other pure equilibrium Pareto-dominates, the first is taken.
2. No pure equilibrium, two actors with a choice (`support`): support enumeration in the contract's
   order, batched with numpy; Lemke–Howson from label 0 with exact lexicographic pivoting
   (`lemke_howson`) if it finds nothing — which needs a floating-point misjudgement, since in exact
   arithmetic support enumeration with zero weights allowed always succeeds (see `support`) — or
   gives up after `support.MAX_PAIRS` pairs (large games).
3. Three or more actors with a choice (`logit`): the principal branch of the logit QRE correspondence
   from the centroid, followed by a predictor–corrector path tracer, then Newton's method on the
   support; `converged=False` with the ε reached when that fails.

Actors with a single move take part with probability 1; "two actors" and "three or more" count only
the actors with a choice. ε is the largest gain from a pure deviation relative to the actor's payoff
range in the stage (0 where that range is 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis.stage.solution import EPSILON_TARGET, Profile, StageMethod, StageSolution

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EPSILON_TARGET", "Profile", "StageMethod", "StageSolution", "solve_stage"]


def solve_stage(payoffs: np.ndarray, margin: float) -> StageSolution:
    """The equilibrium of a simultaneous-move stage game, chosen as the format contract says.

    `payoffs` has shape (n, m1, …, mn): payoffs[i][a1, …, an] is actor i's payoff at that joint move.
    `margin` is the absolute tie margin: a and b tie when |a − b| ≤ margin. Importing this package
    does not import numpy; the first call does.
    """
    from explorer.analysis.stage.solver import solve_stage as solve

    return solve(payoffs, margin)
