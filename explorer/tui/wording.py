"""How numbers, effects, probabilities and actors are worded and coloured on screen."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from explorer.format.citation_words import cite
from explorer.format.models import ActionFields, CitationKind, SourceRef
from explorer.format.probability_words import describe
from explorer.graph import ScenarioGraph
from explorer.tui.actor_colours import colour_of
from explorer.tui.literal import literal, printable

MINUS = "\u2212"


def number(value: float) -> str:
    """A metric value or payoff: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def signed(value: float) -> str:
    """A change: '+2', '−1.5'."""
    return ("+" if value >= 0 else MINUS) + number(abs(value))


def effects_text(graph: ScenarioGraph, effects: Iterable[tuple[str, float]]) -> str:
    """'Tension +2, Sanctions pressure −1' from (metric id, amount) pairs, with metric labels."""
    metrics = graph.scenario.metrics
    parts = [f"{printable(metrics[m].label if m in metrics else m, one_line=True)} {signed(a)}" for m, a in effects]
    return ", ".join(parts)


def probability_text(p: float) -> str:
    """A probability as a person reads it: number and ICD 203 words ('0.60 (likely)'), written so that
    0.996 does not read "1.00" nor 0.004 "0.00" (`probability_words.figure`)."""
    return describe(p)


def actor_colour(graph: ScenarioGraph, actor_id: str | None) -> str:
    """A readable hex colour for an actor: its own `color` if it parses, else one from a palette."""
    actors = graph.scenario.actors
    if actor_id is None or actor_id not in actors:
        return "#a0a0a0"
    return colour_of(actors[actor_id].color, list(actors).index(actor_id))


def actor_name(graph: ScenarioGraph, actor_id: str | None, *, short: bool = False) -> str:
    if actor_id is None:
        return "Chance"
    actor = graph.scenario.actors.get(actor_id)
    if actor is None:
        return actor_id
    return printable(actor.label if short else actor.name, one_line=True)


def actor_tag(graph: ScenarioGraph, actor_id: str | None, *, short: bool = False) -> Content:
    """The actor's name in its colour, with a dot: '● North Korea'."""
    colour = actor_colour(graph, actor_id)
    return Content.assemble(("● ", colour), (actor_name(graph, actor_id, short=short), f"bold {colour}"))


def source_line(graph: ScenarioGraph, ref: str, note: str | None, kind: CitationKind | None = None) -> Content:
    """One citation: what kind of claim it supports ("the article says", "it happened", "the
    scenario's authors judge"), the source's title, author, outlet and date, and the note on
    where in it."""
    cited = cite(graph.scenario.sources, SourceRef(ref=ref, note=note, kind=kind))
    if cited.details:
        head = Content.assemble(
            literal(cited.title, "italic", one_line=True), literal(f" ({'; '.join(cited.details)})", "dim", one_line=True)
        )
    else:
        head = literal(cited.title, "italic", one_line=True)
    parts: list[Content | str] = ["• "]
    if cited.kind_words:
        parts += [Content.styled(f"{cited.kind_words}: ", "bold")]
    parts.append(head)
    if note:
        parts += [" — ", literal(note, one_line=True)]
    return Content.assemble(*parts)


def sources_text(graph: ScenarioGraph, refs: list[SourceRef], heading: str = "Sources") -> Content:
    lines = [source_line(graph, ref.ref, ref.note, ref.kind) for ref in refs]
    return Content("\n").join([Content.styled(heading, "bold"), *lines]) if lines else Content()


def reasons_text(graph: ScenarioGraph, action: ActionFields) -> list[Content]:
    """What an option or a move says for itself: why an actor would take it, the signs that it is
    happening, and its sources (each a block; none when it says nothing)."""
    parts: list[Content] = []
    if action.rationale:
        parts.append(Content.assemble(("Why: ", "bold"), literal(action.rationale)))
    if action.indicators:
        bullets = [Content.assemble("• ", literal(item, one_line=True)) for item in action.indicators]
        parts.append(Content("\n").join([Content.styled("Signs it is happening", "bold"), *bullets]))
    if action.sources:
        parts.append(sources_text(graph, action.sources))
    return parts


def hidden_note(graph: ScenarioGraph, metric_id: str, *, short: bool = False) -> str | None:
    """Who sees a metric limited by `visible_to`: 'seen by United States only', 'seen by no actor' (`short`:
    'US only', 'no actor'); None for a metric everyone sees."""
    metric = graph.scenario.metrics.get(metric_id)
    if metric is None or metric.visible_to is None:
        return None
    names = " and ".join(actor_name(graph, a, short=True) for a in metric.visible_to)
    if short:
        return f"{names} only" if names else "no actor"
    return f"seen by {names} only" if names else "seen by no actor"
