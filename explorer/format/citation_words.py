"""A citation in words a student understands: what kind of claim it supports, and where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.format.models import CitationKind, Source, SourceRef

KIND_WORDS: dict[CitationKind, str] = {
    "article": "the article says",
    "history": "it happened",
    "judgement": "the scenario's authors judge",
}
"""How each kind of citation reads on screen and in reports."""


@dataclass(frozen=True, slots=True)
class CitedSource:
    """One citation resolved against the scenario's sources, ready to be shown."""

    ref: str
    kind: CitationKind | None
    title: str
    """The source's title; the ref itself when the scenario does not define it."""
    details: tuple[str, ...]
    """Author, outlet and date, those given."""
    note: str | None

    @property
    def kind_words(self) -> str | None:
        return KIND_WORDS[self.kind] if self.kind else None


def cite(sources: Mapping[str, Source], citation: SourceRef) -> CitedSource:
    source = sources.get(citation.ref)
    if source is None:
        return CitedSource(citation.ref, citation.kind, citation.ref, (), citation.note)
    details = tuple(d for d in (source.author, source.outlet, source.date) if d)
    return CitedSource(citation.ref, citation.kind, source.title, details, citation.note)


def citation_text(cited: CitedSource) -> str:
    """One line of plain text: 'it happened: Title (author; outlet; date) — note'."""
    head = f"{cited.kind_words}: " if cited.kind_words else ""
    details = f" ({'; '.join(cited.details)})" if cited.details else ""
    note = f" — {cited.note}" if cited.note else ""
    return f"{head}{cited.title}{details}{note}"
