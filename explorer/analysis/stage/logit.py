"""The limiting logit equilibrium of a stage game with three or more choosing actors.

The logit quantal-response equilibria (McKelvey & Palfrey 1995) at precision λ are the profiles with
p_ij ∝ exp(λ·u_ij), u_ij the expected payoff of actor i's move j against the others' mixture. Their
principal branch starts at the centroid (λ = 0) and, for almost every game, ends as λ → ∞ at one Nash
equilibrium, the limiting logit equilibrium (Turocy 2005). It is followed as Gambit's `logit` does:

- Payoffs are first rescaled to [0, 1] by one affine map for all actors (this only rescales λ).
- Unknowns: every log-probability l_ij and λ. Equations, per actor: Σ_j exp(l_ij) = 1, and for each
  j ≥ 1, l_ij − l_i0 = λ·(u_ij − u_i0). The solution set is a curve; its tangent is the null vector
  of the Jacobian (from a QR decomposition of its transpose), oriented so λ grows at the start and
  the augmented Jacobian's determinant keeps its sign afterwards.
- Predictor–corrector in arclength: an Euler step h along the tangent, then chord Newton corrections
  with the Moore–Penrose inverse of the Jacobian at the predicted point. The step is rejected (and h
  divided by 1.1) when a correction is 0.4 or more, when corrections contract by more than 0.6 per
  iteration, or when the tangent reverses (a bifurcation: the first equation is then perturbed by
  1e-7 for twice the step's arclength, to pass it); otherwise h grows by at most 1.1× (Gambit's
  rules and constants: first step 0.03, corrector tolerance 1e-4). One difference: corrections are
  measured on the log-probabilities above −100 and on λ relative to 1 + λ. A move with probability
  below e⁻¹⁰⁰ changes no payoff at these tolerances, but its log-probability, about −λ × its payoff
  gap, bends with the others' play; at large λ that bend, and the λ correction it causes, would hold
  the step size down for ever, though nothing that matters moves.
- Along the path, probabilities are normalised per actor and ε (below) measured. From ε ≤ 1e-3 on,
  whenever ε has fallen tenfold since the last try, the support is read off the point (moves whose
  probability is at least 1e-3, then 1e-7, then 1e-13 of the actor's most likely move's: on the path
  that ratio is exp(−λ × the payoff gap)) and polished: Newton's method (least squares, so
  degenerate equilibria are fine) on the equilibrium conditions restricted to the support
  (probabilities sum to 1, every support move of an actor pays the same). The polished profile is
  taken when its weights are non-negative (≥ −1e-6, then clipped), every actor's gain from a pure
  deviation is a tie or at most 1e-9 of its payoff range, and no probability moved by more than √ε
  from the path point (so that polishing cannot jump to another equilibrium). A path point that
  meets the same test is taken as it is.
- The path ends after 3,000 predictor–corrector attempts, when the step falls below 1e-8, or when ε
  has been below 1e-3 and has not halved in 400 steps. It is then traced once more from the start
  with the corrector converged to 1e-8 instead of 1e-4 (near a close approach of two branches the
  looser points fall outside Newton's reach). If that ends without an equilibrium too, its last
  point, and then its point with the smallest ε, is polished on candidate supports — for each actor
  its j likeliest moves, nearest first to the supports read at 1e-7, at most 64 — and the accepted
  result nearest to the point is taken: an equilibrium near the end of the path, not necessarily its
  limit. If none is accepted, the point with the smallest ε is returned, and the caller reports that
  ε and `converged=False`. This is rare, and needs near-degenerate payoffs (differences around a
  millionth of the range next to exact ties, whose limit is reached only at λ beyond 1e8, where the
  path — Gambit's too — stalls).

ε is the largest gain any actor can get by deviating alone, divided by that actor's payoff range.
"""

from __future__ import annotations

import itertools
import math
from functools import reduce

import numpy as np

from explorer.analysis.stage.common import judge, payoff_spreads

H_START = 0.03
MAX_DECEL = 1.1
CORRECTOR_TOL = 1e-4
RETRY_CORRECTOR_TOL = 1e-8
MAX_DIST = 0.4
MAX_CONTRACTION = 0.6
ETA = 0.1
H_MIN = 1e-8
MAX_CORRECTOR = 100
BIFURCATION_PERTURBATION = 1e-7
MAX_ATTEMPTS = 3000
STALL_STEPS = 400
DEAD_LOG = -100.0
"""Log-probabilities below this are left out of the corrector's distance (e⁻¹⁰⁰ moves no payoff);
λ's correction counts relative to 1 + λ."""
POLISH_FROM = 1e-3
SUPPORT_RATIOS = (1e-3, 1e-7, 1e-13)
NEWTON_ITERATIONS = 30
FALLBACK_POLISHES = 64
NEGATIVE_WEIGHT = -1e-6

Probs = list[np.ndarray]


def _outer(vectors: list[np.ndarray]) -> np.ndarray:
    return reduce(np.multiply.outer, vectors).ravel() if vectors else np.ones(1)


class _Game:
    """Payoff arrays (rescaled) laid out for the contractions the path and the polish need."""

    def __init__(self, payoffs: np.ndarray) -> None:
        n = payoffs.shape[0]
        self.n = n
        self.sizes = payoffs.shape[1:]
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)
        self.dim = int(self.offsets[-1])
        self.own = [np.moveaxis(payoffs[i], i, 0).reshape(self.sizes[i], -1) for i in range(n)]
        self.pair = {
            (i, k): np.moveaxis(payoffs[i], (i, k), (0, 1)).reshape(self.sizes[i], self.sizes[k], -1)
            for i in range(n)
            for k in range(n)
            if i != k
        }
        self.spreads = payoff_spreads(payoffs)

    def split(self, flat: np.ndarray) -> Probs:
        return [flat[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def move_payoffs(self, probs: Probs) -> Probs:
        """u_i: each actor's payoff for each of its moves against the others' mixture."""
        return [self.own[i] @ _outer([probs[k] for k in range(self.n) if k != i]) for i in range(self.n)]

    def cross_payoffs(self, probs: Probs) -> dict[tuple[int, int], np.ndarray]:
        """For i ≠ k: actor i's payoff at each (own move, k's move) against the rest's mixture."""
        out: dict[tuple[int, int], np.ndarray] = {}
        for i in range(self.n):
            for k in range(i + 1, self.n):
                rest = _outer([probs[r] for r in range(self.n) if r not in (i, k)])
                out[i, k] = self.pair[i, k] @ rest
                out[k, i] = self.pair[k, i] @ rest
        return out

    def regret(self, probs: Probs, margin: float) -> tuple[float, bool]:
        """(ε, whether every actor's gain is a tie or within 1e-9 of its range)."""
        if not all(np.isfinite(p).all() for p in probs):
            return math.inf, False
        gains = [max(float(u.max() - p @ u), 0.0) for p, u in zip(probs, self.move_payoffs(probs), strict=True)]
        return judge(gains, self.spreads, margin)


class _Path:
    """The homotopy's equations H(l, λ) = 0 and their Jacobian."""

    def __init__(self, game: _Game) -> None:
        self.game = game

    def value(self, point: np.ndarray) -> np.ndarray:
        g = self.game
        logs = g.split(point[:-1])
        probs = [np.exp(v) for v in logs]
        u = g.move_payoffs(probs)
        out = np.empty(g.dim)
        lam = point[-1]
        for i in range(g.n):
            o = g.offsets[i]
            out[o] = probs[i].sum() - 1.0
            out[o + 1 : g.offsets[i + 1]] = (logs[i][1:] - logs[i][0]) - lam * (u[i][1:] - u[i][0])
        return out

    def jacobian(self, point: np.ndarray) -> np.ndarray:
        g = self.game
        probs = [np.exp(v) for v in g.split(point[:-1])]
        cross = g.cross_payoffs(probs)
        lam = point[-1]
        jac = np.zeros((g.dim, g.dim + 1))
        for i in range(g.n):
            o, end = g.offsets[i], g.offsets[i + 1]
            jac[o, o:end] = probs[i]
            jac[o + 1 : end, o] = -1.0
            jac[np.arange(o + 1, end), np.arange(o + 1, end)] = 1.0
            for k in range(g.n):
                if k == i:
                    continue
                m = cross[i, k]
                jac[o + 1 : end, g.offsets[k] : g.offsets[k + 1]] = -lam * (m[1:] - m[0]) * probs[k]
            u = cross[i, 1 if i == 0 else 0] @ probs[1 if i == 0 else 0]
            jac[o + 1 : end, -1] = -(u[1:] - u[0])
        return jac


def _tangent(jac: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tangent, Q₁, R₁ᵀ) from the QR decomposition of the Jacobian's transpose."""
    q, r = np.linalg.qr(jac.T, mode="complete")
    rows = jac.shape[0]
    return q[:, rows], q[:, :rows], r[:rows].T


def _orientation(jac: np.ndarray, tangent: np.ndarray) -> float:
    return float(np.sign(np.linalg.det(np.vstack([jac, tangent]))))


def polish(game: _Game, probs: Probs, supports: list[np.ndarray], margin: float) -> Probs | None:
    """Newton's method on the equilibrium conditions on `supports`; None unless the result is accepted."""
    n = game.n
    if not all(len(s) for s in supports) or not all(np.isfinite(p).all() for p in probs):
        return None
    sizes = [len(s) for s in supports]
    offs = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    q = np.concatenate([p[s] / p[s].sum() for p, s in zip(probs, supports, strict=True)])
    full = probs
    for _ in range(NEWTON_ITERATIONS):
        full = [np.zeros(m) for m in game.sizes]
        for i in range(n):
            full[i][supports[i]] = q[offs[i] : offs[i + 1]]
        cross = game.cross_payoffs(full)
        residual = np.empty(len(q))
        jac = np.zeros((len(q), len(q)))
        for i in range(n):
            s, o = supports[i], offs[i]
            other = 1 if i == 0 else 0
            u = cross[i, other] @ full[other]
            residual[o] = q[o : offs[i + 1]].sum() - 1.0
            residual[o + 1 : offs[i + 1]] = u[s[1:]] - u[s[0]]
            jac[o, o : offs[i + 1]] = 1.0
            for k in range(n):
                if k != i:
                    m = cross[i, k][:, supports[k]]
                    jac[o + 1 : offs[i + 1], offs[k] : offs[k + 1]] = m[s[1:]] - m[s[0]]
        try:
            step = np.linalg.lstsq(jac, residual, rcond=None)[0]
        except np.linalg.LinAlgError:  # no convergence of the SVD: give up on this support
            return None
        q = q - step
        if not np.all(np.isfinite(q)):
            return None
        if np.abs(step).max() <= 1e-15:
            break
    if q.min() < NEGATIVE_WEIGHT:
        return None
    q = np.maximum(q, 0.0)
    full = [np.zeros(m) for m in game.sizes]
    for i in range(n):
        part = q[offs[i] : offs[i + 1]]
        if part.sum() <= 0:
            return None
        full[i][supports[i]] = part / part.sum()
    return full if game.regret(full, margin)[1] else None


class _Tracer:
    def __init__(self, game: _Game, margin: float) -> None:
        self.game = game
        self.path = _Path(game)
        self.margin = margin
        self.tolerance = CORRECTOR_TOL

    def _try_polish(self, probs: Probs, reach: float) -> Probs | None:
        """The first accepted polish of `probs` (support thresholds in turn) within `reach` of it."""
        tried: set[tuple[bytes, ...]] = set()
        for ratio in SUPPORT_RATIOS:
            supports = [np.flatnonzero(p >= ratio * p.max()) for p in probs]
            key = tuple(s.tobytes() for s in supports)
            if key in tried:
                continue
            tried.add(key)
            result = polish(self.game, probs, supports, self.margin)
            if result is not None:
                moved = max(float(np.abs(a - b).max()) for a, b in zip(result, probs, strict=True))
                if moved <= reach:
                    return result
        return None

    def _probabilities(self, point: np.ndarray) -> Probs:
        """Each actor's probabilities at a point of the path (normalised, overflow-free)."""
        out = []
        for logs in self.game.split(point[:-1]):
            p = np.exp(logs - logs.max())
            out.append(p / p.sum())
        return out

    def run(self) -> Probs:
        """Trace, polishing on the way; if that ends without an equilibrium, the fallback polish."""
        accepted, last, best, _ = self._trace()
        if accepted is None:  # stalled: once more, with the corrector converged to 1e-8
            self.tolerance = RETRY_CORRECTOR_TOL
            accepted, last, best, _ = self._trace()
        if accepted is not None:
            return accepted
        for probs in (last, best) if last is not best else (last,):
            nearest = self._nearest_equilibrium(probs)
            if nearest is not None:
                return nearest
        return best

    def _nearest_equilibrium(self, probs: Probs) -> Probs | None:
        """Of the polishes of `probs` on candidate supports, the accepted one nearest to it.

        Candidates: for each actor, its j likeliest moves; combinations ordered by how far their
        sizes are from the supports read at ratio 1e-7 (then by sizes), at most `FALLBACK_POLISHES`.
        """
        order = [np.argsort(-p, kind="stable") for p in probs]
        centre = [int(np.count_nonzero(p >= SUPPORT_RATIOS[1] * p.max())) for p in probs]
        sizes = sorted(
            itertools.product(*(range(1, len(p) + 1) for p in probs)),
            key=lambda js: (sum(abs(j - c) for j, c in zip(js, centre, strict=True)), js),
        )
        best, best_distance = None, math.inf
        for js in sizes[:FALLBACK_POLISHES]:
            supports = [np.sort(o[:j]) for o, j in zip(order, js, strict=True)]
            result = polish(self.game, probs, supports, self.margin)
            if result is not None:
                moved = max(float(np.abs(a - b).max()) for a, b in zip(result, probs, strict=True))
                if moved < best_distance:
                    best, best_distance = result, moved
        return best

    def _trace(self) -> tuple[Probs | None, Probs, Probs, float]:
        """Follow the branch: (accepted profile or None, the last point, the point of least ε, that ε)."""
        g = self.game
        x = np.concatenate([np.full(m, -math.log(m)) for m in g.sizes] + [np.zeros(1)])
        jac = self.path.jacobian(x)
        t, _, _ = _tangent(jac)
        if t[-1] < 0:
            t = -t
        orient = _orientation(jac, t)
        h, pert, countdown = H_START, 0.0, 0.0
        level = POLISH_FROM
        best_probs = probs = self._probabilities(x)
        best_eps = g.regret(best_probs, self.margin)[0]
        checkpoint, since = best_eps, 0
        for _ in range(MAX_ATTEMPTS):
            if abs(h) <= H_MIN or since > STALL_STEPS:
                break
            u = x + h * t
            jac = self.path.jacobian(u)
            new_t, q1, r1t = _tangent(jac)
            ok, decel, u = self._correct(u, q1, r1t, pert)
            if ok:
                if _orientation(jac, new_t) != orient:
                    new_t = -new_t
                if t @ new_t < 0.0:  # the tangent reversed: a bifurcation; perturb past it
                    if countdown == 0.0:
                        pert, countdown = BIFURCATION_PERTURBATION, abs(2 * h)
                    ok = False
            if not ok:
                h /= MAX_DECEL
                continue
            h = abs(h / min(decel, MAX_DECEL))
            x, t = u, new_t
            if countdown > 0.0:
                countdown -= abs(h)
                if countdown <= 0.0:
                    pert = countdown = 0.0
            if x[-1] < 0.0:
                break
            probs = self._probabilities(x)
            eps, good = g.regret(probs, self.margin)
            if eps < best_eps:
                best_eps, best_probs = eps, probs
            if eps <= checkpoint / 2:
                checkpoint, since = eps, 0
            elif best_eps <= POLISH_FROM:
                since += 1
            if eps <= level or good:
                polished = self._try_polish(probs, math.sqrt(eps))
                if polished is not None:
                    return polished, probs, best_probs, best_eps
                if good:
                    return probs, probs, best_probs, best_eps
                level = eps / 10
        return None, probs, best_probs, best_eps

    def _correct(self, u: np.ndarray, q1: np.ndarray, r1t: np.ndarray, pert: float) -> tuple[bool, float, np.ndarray]:
        """Chord Newton corrections; (accepted, deceleration factor, corrected point)."""
        decel = 1.0 / MAX_DECEL
        previous = 0.0
        live = np.append(u[:-1] > DEAD_LOG, True)
        weight = np.append(np.ones(len(u) - 1), 1.0 / (1.0 + abs(u[-1])))[live]
        for iteration in range(1, MAX_CORRECTOR + 1):
            y = self.path.value(u)
            y[0] += pert
            try:
                delta = q1 @ np.linalg.solve(r1t, y)
            except np.linalg.LinAlgError:  # the Jacobian lost rank at the predicted point
                return False, decel, u
            u = u - delta
            dist = float(np.linalg.norm(delta[live] * weight))
            if not (math.isfinite(dist) and np.isfinite(u).all()) or dist >= MAX_DIST or u[:-1].max() > 1.0:
                return False, decel, u
            decel = max(decel, math.sqrt(dist / MAX_DIST) * MAX_DECEL)
            if iteration >= 2:
                contraction = dist / (previous + self.tolerance * ETA)
                if contraction > MAX_CONTRACTION:
                    return False, decel, u
                decel = max(decel, math.sqrt(contraction / MAX_CONTRACTION) * MAX_DECEL)
            if dist <= self.tolerance:
                return True, decel, u
            previous = dist
        return False, decel, u


def logit_profile(payoffs: np.ndarray, margin: float) -> list[np.ndarray]:
    """The limiting logit equilibrium (polished), or the closest point reached; see the module doc.

    Every actor must have at least two moves.
    """
    low, high = float(payoffs.min()), float(payoffs.max())
    scale = high - low
    if scale <= 0.0:
        return [np.full(m, 1.0 / m) for m in payoffs.shape[1:]]
    game = _Game((payoffs - low) / scale)
    return _Tracer(game, margin / scale).run()
