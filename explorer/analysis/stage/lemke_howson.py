"""Lemke–Howson for bimatrix games, exact: integer pivoting with the lexicographic ratio test.

Following von Stengel, "Computing equilibria for two-person games" (Handbook of Game Theory, vol. 3,
ch. 45). Payoffs are converted exactly to positive integers (a float is a dyadic rational; each matrix
is shifted by a constant and scaled by the common denominator, which changes no equilibrium). Two
tableaux, with labels 0 … m−1 for actor 1's moves and m … m+n−1 for actor 2's:

    P:  Bᵀx + s = 1   (one row per move of actor 2; x_i has label i, s_j label m+j)
    Q:  r + Ay = 1    (one row per move of actor 1; r_i has label i, y_j label m+j)

so in both tableaux the column of a variable is its label. Starting from the artificial equilibrium
(0, 0), label 0 (actor 1's first move) enters P; whatever leaves one tableau has its label enter the
other, until label 0 leaves. Pivoting is integer-preserving (each new entry is a 2×2 determinant divided
exactly by the previous pivot), so there is no rounding, and the minimum-ratio test breaks ties by the
lexicographic rule over the columns of the initial slack basis (the rows of the current basis inverse),
which makes every pivot unique and the path finite in degenerate games too.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

import numpy as np

Tableau = list[list[int]]


def _positive_integers(matrix: np.ndarray) -> list[list[int]]:
    """The matrix shifted to have minimum 1 and scaled to integers, exactly."""
    exact = [[Fraction(float(v)) for v in row] for row in matrix]
    low = min(min(row) for row in exact)
    shifted = [[v - low + 1 for v in row] for row in exact]
    scale = lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * scale) for v in row] for row in shifted]


class _Side:
    """One tableau with its basis (the label basic in each row) and current determinant."""

    def __init__(self, rows: Tableau, basis: list[int], lex_columns: range) -> None:
        self.rows = rows
        self.basis = basis
        self.det = 1
        self.lex_columns = lex_columns

    def leaving_row(self, column: int) -> int:
        """The row chosen by the lexicographic minimum-ratio test for the entering column."""
        best = -1
        for r, row in enumerate(self.rows):
            if row[column] <= 0:
                continue
            if best < 0 or self._smaller(row, self.rows[best], column):
                best = r
        if best < 0:
            raise ArithmeticError("unbounded ray in Lemke–Howson (payoffs were not made positive)")
        return best

    def _smaller(self, row: list[int], other: list[int], column: int) -> bool:
        for c in (-1, *self.lex_columns):
            left, right = row[c] * other[column], other[c] * row[column]
            if left != right:
                return left < right
        raise ArithmeticError("lexicographic tie in Lemke–Howson (basis inverse singular)")

    def pivot(self, row_index: int, column: int) -> int:
        """Make `column`'s label basic in `row_index`; return the label that leaves."""
        pivot_row = self.rows[row_index]
        p = pivot_row[column]
        for r, row in enumerate(self.rows):
            if r == row_index:
                continue
            f = row[column]
            self.rows[r] = [(v * p - f * pv) // self.det for v, pv in zip(row, pivot_row, strict=True)]
        self.det = p
        leaving = self.basis[row_index]
        self.basis[row_index] = column
        return leaving

    def values(self, labels: range) -> list[Fraction]:
        """The values of the variables with these labels (0 when nonbasic)."""
        at = {label: r for r, label in enumerate(self.basis)}
        return [Fraction(self.rows[at[k]][-1], self.det) if k in at else Fraction(0) for k in labels]


def lemke_howson(a: np.ndarray, b: np.ndarray, max_pivots: int = 1_000_000) -> tuple[list[Fraction], list[Fraction]]:
    """An equilibrium (x, y) of the bimatrix game (a, b), exact, from dropping label 0.

    The path is finite; `max_pivots` only guards against a bug turning into a hang.
    """
    m, n = a.shape
    ai, bi = _positive_integers(a), _positive_integers(b)
    labels = m + n
    unit = [[int(r == c) for c in range(labels)] for r in range(labels)]
    p_rows = [[bi[i][j] for i in range(m)] + unit[m + j][m:] + [1] for j in range(n)]
    q_rows = [unit[i][:m] + ai[i] + [1] for i in range(m)]
    p_side = _Side(p_rows, [m + j for j in range(n)], range(m, labels))
    q_side = _Side(q_rows, list(range(m)), range(m))
    entering, side, other = 0, p_side, q_side
    for _ in range(max_pivots):
        leaving = side.pivot(side.leaving_row(entering), entering)
        if leaving == 0:
            x, y = p_side.values(range(m)), q_side.values(range(m, labels))
            sx, sy = sum(x), sum(y)
            return [v / sx for v in x], [v / sy for v in y]
        entering, side, other = leaving, other, side
    raise RuntimeError("Lemke–Howson exceeded its pivot bound")
