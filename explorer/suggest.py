"""'Did you mean …' suggestions for misspelt keys and ids.

Cheap per call however many candidates there are: a scenario with 100,000 nodes and as many
bad references must still be checked in seconds. Large pools are only probed by membership
(case variants and one-edit variants of the word, all edits for short words, swaps and
deletions for long ones); small pools are compared candidate by candidate, and the fuzzier
`difflib` match is used on them only. A suggestion that differs from the word only in look-alike
characters (a Cyrillic `е` for a Latin `e`) says so: otherwise the two would read the same.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from itertools import islice

from explorer.lookalikes import difference, skeleton, variants

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
    if match is None:
        return ""
    lookalike = difference(word, match)
    return f" (did you mean '{match}'? {lookalike})" if lookalike else f" (did you mean '{match}'?)"


def _close(word: str, pool: Collection[str]) -> str | None:
    if len(pool) <= _SMALL_POOL:
        return _close_small(word, [c for c in pool if isinstance(c, str)])
    for variant in (word.lower(), word.upper(), word.capitalize(), word.title(), word.swapcase(), *variants(word)):
        if variant != word and variant in pool:
            return variant
    if len(word) >= 2:
        for variant in _one_edit(word, every=len(word) <= _SHORT_WORD):
            if variant in pool:
                return variant
    return None


def _close_small(word: str, strings: list[str]) -> str | None:
    """The closest of a few candidates, each compared with `word` (no variants generated)."""
    lowered = {c.lower(): c for c in strings}
    same = lowered.get(word.lower())
    if same is not None and same != word:
        return same
    look = skeleton(word)
    alike = next((c for c in strings if c != word and skeleton(c) == look), None)
    if alike is not None:
        return alike
    if len(word) >= 2:
        every = len(word) <= _SHORT_WORD
        ranked = [(rank, c) for c in strings if (rank := _edit_rank(word, c, every)) is not None]
        if ranked:
            return min(ranked, key=lambda rc: rc[0])[1]
    close = difflib.get_close_matches(word, strings, n=1, cutoff=0.75)
    return close[0] if close else None


def _edit_rank(word: str, candidate: str, every: bool) -> tuple[int, int, int] | None:
    """How `candidate` is one edit from `word`, ranked as `_one_edit` lists its variants (a swap
    of neighbours, then a deletion, then with `every` a substitution, then an insertion; by the
    position of the edit, then the letter put in); None when it is not one edit away."""
    n, m = len(word), len(candidate)
    if abs(n - m) > 1 or candidate == word:
        return None
    i = 0
    while i < min(n, m) and word[i] == candidate[i]:
        i += 1
    if n == m:
        if i + 1 < n and word[i] == candidate[i + 1] and word[i + 1] == candidate[i] and word[i + 2:] == candidate[i + 2:]:
            return (0, i, 0)
        return (2, i, _letter_rank(word, candidate[i])) if every and word[i + 1:] == candidate[i + 1:] else None
    if m == n - 1:
        return (1, i, 0) if word[i + 1:] == candidate[i:] else None
    return (3, i, _letter_rank(word, candidate[i])) if every and word[i:] == candidate[i + 1:] else None


def _letter_rank(word: str, letter: str) -> int:
    """Where `_one_edit` tries `letter`: the word's own letters first, then `_ID_CHARS`."""
    at = word.find(letter)
    if at >= 0:
        return at
    at = _ID_CHARS.find(letter)
    return len(word) + (at if at >= 0 else len(_ID_CHARS))


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
