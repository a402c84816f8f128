"""'Did you mean …' suggestions for misspelt keys and ids.

Cheap per call however many candidates there are: a scenario with 100,000 nodes and as many
bad references must still be checked in seconds. Large pools are only probed by membership
(case variants and one-edit variants of the word, all edits for short words, swaps and
deletions for long ones); the fuzzier `difflib` match is used on small pools only.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from itertools import islice

_SMALL_POOL = 300
"""Pools up to this size also get the fuzzy `difflib` match (it reads every candidate)."""
_MAX_WORD = 200
_SHORT_WORD = 8
"""Words up to this length are tried with every one-letter substitution and insertion."""
_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' when a candidate is close, else ''."""
    if not isinstance(word, str) or not word or len(word) > _MAX_WORD:
        return ""
    pool: Collection[str]
    if isinstance(candidates, (set, frozenset, dict)):
        pool = candidates
    else:
        pool = list(islice((c for c in candidates if isinstance(c, str)), _SMALL_POOL * 20))
    match = _close(word, pool)
    return f" (did you mean '{match}'?)" if match is not None else ""


def _close(word: str, pool: Collection[str]) -> str | None:
    small = len(pool) <= _SMALL_POOL
    if small:
        lowered = {c.lower(): c for c in pool if isinstance(c, str)}
        same = lowered.get(word.lower())
        if same is not None and same != word:
            return same
    else:
        for variant in (word.lower(), word.upper(), word.capitalize(), word.title(), word.swapcase()):
            if variant != word and variant in pool:
                return variant
    if len(word) >= 2:
        for variant in _one_edit(word, every=len(word) <= _SHORT_WORD):
            if variant in pool:
                return variant
    if small:
        strings = [c for c in pool if isinstance(c, str)]
        close = difflib.get_close_matches(word, strings, n=1, cutoff=0.75)
        return close[0] if close else None
    return None


def _one_edit(word: str, every: bool) -> Iterable[str]:
    """Words one edit away: a swap of neighbours, a deletion, then (with `every`) a
    substitution or an insertion of one letter."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
    for left, right in splits:
        if right:
            yield left + right[1:]
    if not every:
        return
    letters = "".join(dict.fromkeys(word + _ID_CHARS))
    for left, right in splits:
        if right:
            for c in letters:
                if c != right[0]:
                    yield left + c + right[1:]
    for left, right in splits:
        for c in letters:
            yield left + c + right
