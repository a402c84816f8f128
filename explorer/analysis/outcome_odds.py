"""Outcome odds as a read-only mapping over arrays: outcome id → the probability of ending there.

A policy's odds on a large scenario cover tens of thousands of outcomes; building a dict of them costs
more than computing them. `OutcomeOdds` keeps the sums per outcome node in one float array and turns
an entry into a Python float only when it is read; the most likely outcomes come from the array
(`top`) without sorting every entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import compress

import numpy as np


class OutcomeIndex:
    """The outcome nodes with positions, in topological order: their ids, each id's slot (built on
    first use), and each one's rank in the file's order of outcomes (for ties)."""

    __slots__ = ("_file_rank", "_slot", "file_order", "ids")

    def __init__(self, ids: list[str], file_order: list[str]) -> None:
        self.ids = ids
        self.file_order = file_order
        self._slot: dict[str, int] | None = None
        self._file_rank: np.ndarray | None = None

    @property
    def slot(self) -> dict[str, int]:
        if self._slot is None:
            self._slot = {o: i for i, o in enumerate(self.ids)}
        return self._slot

    @property
    def file_rank(self) -> np.ndarray:
        """Slot → the outcome's place among the scenario's outcomes in file order."""
        if self._file_rank is None:
            order = {o: i for i, o in enumerate(self.file_order)}
            self._file_rank = np.array([order.get(o, len(order)) for o in self.ids], dtype=np.int64)
        return self._file_rank


class OutcomeOdds(Mapping[str, float]):
    """Outcome id → probability of ending there, for every outcome reached with positive probability,
    in topological order (as the dict it replaces: equal to it, iterated in the same order)."""

    __slots__ = ("_index", "_reached", "sums")

    def __init__(self, index: OutcomeIndex, sums: np.ndarray) -> None:
        self._index = index
        self.sums = sums
        """Slot (`OutcomeIndex.ids`) → probability, 0 where not reached."""
        self._reached: np.ndarray | None = None

    @property
    def reached(self) -> np.ndarray:
        """The slots reached with positive probability, ascending."""
        if self._reached is None:
            self._reached = np.flatnonzero(self.sums > 0)
        return self._reached

    def __getitem__(self, outcome: str) -> float:
        slot = self._index.slot.get(outcome) if isinstance(outcome, str) else None
        if slot is None or not self.sums[slot] > 0:
            raise KeyError(outcome)
        return float(self.sums[slot])

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __len__(self) -> int:
        return len(self.reached)

    def __contains__(self, outcome: object) -> bool:
        slot = self._index.slot.get(outcome) if isinstance(outcome, str) else None
        return slot is not None and bool(self.sums[slot] > 0)

    def ids(self) -> list[str]:
        """The reached outcomes' ids, in topological order."""
        return list(compress(self._index.ids, (self.sums > 0).tolist()))

    def as_dict(self) -> dict[str, float]:
        """The same as a dict (for JSON and for callers that change it)."""
        return dict(zip(self.ids(), self.sums[self.reached].tolist(), strict=True))

    def items(self):  # type: ignore[override]
        return self.as_dict().items()

    def values(self):  # type: ignore[override]
        return self.as_dict().values()

    def top(self, k: int) -> list[tuple[str, float]]:
        """The `k` most likely outcomes, most likely first, the first in file order on ties."""
        reached = self.reached
        if not len(reached) or k <= 0:
            return []
        p = self.sums[reached]
        if k < len(reached):
            cut = np.partition(p, len(p) - k)[len(p) - k]  # the k-th largest: keep all ties with it
            keep = p >= cut
            reached, p = reached[keep], p[keep]
        order = np.lexsort((self._index.file_rank[reached], -p))[:k]
        return [(self._index.ids[int(s)], float(x)) for s, x in zip(reached[order], p[order], strict=True)]

    def __repr__(self) -> str:
        return repr(self.as_dict())
