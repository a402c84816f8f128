"""Metric labels written where a `requires` needs metric ids ("Parent trust >= 2" for `trust >= 2`).

Authors read labels in the explorer and write them back into conditions. The parser then sees
two names in a row, or an unknown name, and says so; these helpers find the label instead, so
that the message names the metric meant and shows the condition rewritten with its id.
Only used on `requires` texts that already failed, so a valid scenario never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from explorer.format import expressions

_MAX_LABELS = 500
"""Past this many metrics, labels are not searched (the pattern would grow with every bad text)."""
_NAME_CHAR = r"A-Za-z0-9_.\-"


@dataclass(frozen=True, slots=True)
class LabelUse:
    """A metric's label written in a `requires` text where its id belongs."""

    offset: int
    written: str
    metric: str


class Labels:
    """Finds metric labels in `requires` texts (built lazily, once per scenario check)."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.ids = set(labels)
        self.labels = {label.strip().lower(): metric for metric, label in labels.items() if label.strip() and label.strip() != metric}
        self._pattern: re.Pattern[str] | None = None
        if self.labels and len(self.labels) <= _MAX_LABELS:
            words = sorted(self.labels, key=len, reverse=True)
            alternatives = "|".join(r"\s+".join(re.escape(w) for w in label.split()) for label in words)
            self._pattern = re.compile(rf"(?<![{_NAME_CHAR}])(?:{alternatives})(?![{_NAME_CHAR}])", re.IGNORECASE)

    def uses(self, text: str) -> list[LabelUse]:
        """Every label written in `text` that is not itself a metric id, in reading order."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            written = match.group()
            if written in self.ids:
                continue
            metric = self.labels.get(" ".join(written.split()).lower())
            if metric is not None:
                found.append(LabelUse(match.start(), written, metric))
        return found

    def rewritten(self, text: str, uses: list[LabelUse]) -> str | None:
        """`text` with each label replaced by its metric's id, when that gives a valid condition."""
        fixed = _replaced(text, uses)
        try:
            expr = expressions.parse(fixed)
        except expressions.ExpressionError:
            return None
        if any(m.name not in self.ids for m in expressions.metrics_used(expr)):
            return None
        return fixed

    def other_mistake(self, text: str, uses: list[LabelUse]) -> expressions.ExpressionError | None:
        """The syntax error left once the labels are ids, with its offset in `text` as written."""
        fixed = _replaced(text, uses)
        try:
            expressions.parse(fixed)
        except expressions.ExpressionError as exc:
            offset = exc.offset
            for use in uses:  # map the offset back across each replacement before it
                start = use.offset
                if offset >= start + len(use.metric):
                    offset += len(use.written) - len(use.metric)
                elif offset > start:
                    offset = start
            return expressions.ExpressionError(exc.message, offset)
        return None

    def part_of(self, name: str) -> str:
        """A hint when an unknown name is one word of a metric's label ('Parent' of 'Parent trust'), else ''."""
        lowered = name.lower()
        if len(self.labels) > _MAX_LABELS:
            return ""
        for label, metric in self.labels.items():
            if lowered in label.split() and lowered != label:
                return f" ('{name}' is part of the label of metric '{metric}'; write its id '{metric}')"
        return ""


def _replaced(text: str, uses: list[LabelUse]) -> str:
    parts, last = [], 0
    for use in uses:
        parts += [text[last : use.offset], use.metric]
        last = use.offset + len(use.written)
    return "".join([*parts, text[last:]])
