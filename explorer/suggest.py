"""'Did you mean …' suggestions for misspelt keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_MAX_CANDIDATES = 5000


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' when a candidate is close, else ''."""
    pool = [c for c in candidates if isinstance(c, str)][:_MAX_CANDIDATES]
    if not isinstance(word, str) or len(word) > 200:
        return ""
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f" (did you mean '{lowered[word.lower()]}'?)"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""
