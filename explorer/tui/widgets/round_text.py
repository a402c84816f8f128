"""How a round reads on screen: each move in its actor's column, the move's details, the reveal of a
resolved round (every move, the rule that fired and the effects), and the stage equilibrium in words.

The solo explorer is the analyst's view: covert moves and hidden metrics are shown, labelled as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from explorer.format.models import RoundNode, Rule
from explorer.graph import ScenarioGraph
from explorer.tui.literal import literal
from explorer.tui.wording import (
    actor_colour,
    actor_name,
    effects_text,
    hidden_note,
    number,
    probability_text,
    reasons_text,
)
from explorer.tui.wrapping import hanging
from explorer.walk import OptionView, Step

if TYPE_CHECKING:
    from explorer.analysis.outlooks import MoveMark, OutcomeClass, RoundMarks

STAR = "★"
PICKED = "▶"
LOCK = "⊘"
GUTTER = 4
COVERT_WORDS = "covert: the others learn only that it moved"


def effects_words(graph: ScenarioGraph, effects: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> str:
    """Effects in words, a hidden metric's change marked '(hidden)'."""
    parts = []
    for metric_id, amount in effects:
        text = effects_text(graph, [(metric_id, amount)])
        parts.append(text + (" (hidden)" if hidden_note(graph, metric_id) else ""))
    return ", ".join(parts)


def classes_line(classes: tuple[OutcomeClass, ...], top: int = 3) -> Content:
    parts = [Content.assemble(literal(c.label, "bold", one_line=True), f" {probability_text(c.probability)}")
             for c in classes[:top]]
    more = len(classes) - top
    tail = [Content.styled(f" +{more} more", "dim")] if more > 0 else []
    return Content.assemble(Content(" · ").join(parts), *tail)


def mark_lines(mark: MoveMark, policy: str) -> list[Content]:
    """Under a move: its weight in the stage equilibrium, its payoff against the equilibrium, the odds."""
    lines = []
    if mark.equilibrium >= 1 - 1e-9:
        lines.append(Content.styled(f"{STAR} equilibrium move", "bold $text-success"))
    elif mark.equilibrium > 0:
        lines.append(Content.styled(f"{STAR} played {probability_text(mark.equilibrium)} in the mixed equilibrium",
                                    "bold $text-success"))
    lines.append(Content.assemble(("payoff vs equilibrium: ", "dim"), number(round(mark.payoff, 4))))
    lines.append(Content.assemble((f"ends ({policy}): ", "dim"), classes_line(mark.classes)))
    return lines


def move_prompt(graph: ScenarioGraph, view: OptionView, width: int, *, picked: bool, default: bool,
                mark: MoveMark | None = None, policy: str = "") -> Content:
    """A move in its actor's column: number (▶ when picked), label, effects, estimate, tags (default,
    covert), the lock reason of a locked move, and with analysis marks its equilibrium weight, payoff and odds."""
    move = view.option
    style = "bold reverse" if picked else ("bold" if view.available else "dim")
    head = Content.styled(f"{PICKED if picked else ' '}{view.number:>2} ", style)
    lines = [literal(move.label, "bold" if view.available else "dim strike", one_line=True)]
    if view.effects:
        lines.append(Content.styled(effects_words(graph, view.effects), "$text-accent"))
    tags: list[Content] = []
    if move.probability is not None:
        tags.append(Content(f"est. {probability_text(move.probability)}"))
    if default:
        tags.append(Content.styled("default", "italic"))
    if move.covert:
        tags.append(Content.styled("covert", "italic $text-warning"))
    if move.historical:
        tags.append(Content.styled("historical", "italic"))
    if tags:
        lines.append(Content(" · ").join(tags))
    if not view.available:
        lines.append(Content.styled(f"{LOCK} locked: {view.lock_reason}", "$text-warning"))
    if mark is not None:
        lines.extend(mark_lines(mark, policy))
    return hanging(lines, head, width, GUTTER)


def move_detail(graph: ScenarioGraph, actor: str, view: OptionView, mark: MoveMark | None = None,
                policy: str = "") -> Content:
    """The highlighted move: whose, why an actor would play it, signs, sources, and its marks in full."""
    move = view.option
    who = Content.styled(f"{actor_name(graph, actor, short=True)}, move {view.number}: ", f"bold {actor_colour(graph, actor)}")
    parts: list[Content] = [Content.assemble(who, literal(move.label, "bold", one_line=True))]
    if move.covert:
        parts.append(Content.styled(f"Covert: {COVERT_WORDS[8:]}", "$text-warning"))
    parts += reasons_text(graph, move)
    if mark is not None:
        odds = [Content.assemble("• ", literal(c.label, one_line=True), f" {probability_text(c.probability)}")
                for c in mark.classes]
        parts.append(Content("\n").join([Content.styled(f"If played, it ends ({policy}):", "bold"), *odds]))
        parts.append(Content.assemble(("Payoff if played, the others at the equilibrium: ", "bold"),
                                      number(round(mark.payoff, 4))))
    return Content("\n").join(parts)


def rule_when(graph: ScenarioGraph, node: RoundNode, rule: Rule) -> Content:
    """When a rule fires, in words: 'North Korea chose Ratchet up pressure and …', its `if` as written."""
    parts: list[Content] = []
    for actor, ids in rule.picked().items():
        labels = {m.id: m.label for m in node.moves.get(actor, [])}
        chosen = " or ".join(f"“{labels.get(i, i)}”" for i in ids)
        parts.append(Content.assemble(actor_name(graph, actor, short=True), " chose ", literal(chosen, one_line=True)))
    if rule.condition is not None:
        parts.append(literal(rule.condition, "italic", one_line=True))
    if not parts:
        return Content("no earlier rule fired (the default rule)")
    return Content(" and ").join(parts)


def rule_name(node: RoundNode, index: int) -> str:
    rule = node.then[index]
    return f"rule {index + 1}" + (f" ({rule.id})" if rule.id else "")


def play_words(graph: ScenarioGraph, step: Step) -> Content:
    """A played round's moves on one line: 'North Korea: Ratchet up pressure · US: …' (covert ones marked)."""
    play = step.play
    if play is None:
        return Content()
    node = graph.node(step.node_id)
    parts = []
    for actor, index in zip(play.actors, play.moves, strict=True):
        name = Content.styled(f"{actor_name(graph, actor, short=True)}: ", actor_colour(graph, actor))
        if index is None:
            parts.append(Content.assemble(name, ("sat out", "italic")))
            continue
        move = node.moves[actor][index]
        covert = [(" (covert)", "italic")] if move.covert else []
        parts.append(Content.assemble(name, literal(move.label, one_line=True), *covert))
    return Content(" · ").join(parts)


def reveal_text(graph: ScenarioGraph, step: Step, width: int) -> Content:
    """The round just resolved: every actor's move (covert ones labelled), the rule that fired and why,
    and the effects of each."""
    play = step.play
    assert play is not None
    node = graph.node(step.node_id)
    lines = [Content.assemble(("Revealed: ", "bold"), literal(node.title, "bold", one_line=True))]
    for actor, index in zip(play.actors, play.moves, strict=True):
        colour = actor_colour(graph, actor)
        name = Content.styled(f"{actor_name(graph, actor, short=True)}: ", f"bold {colour}")
        if index is None:
            line = Content.assemble(name, "no move available: sat the round out")
            lines.append(hanging([line], Content.styled("● ", colour), width, 2))
            continue
        move = node.moves[actor][index]
        body = [literal(move.label, "bold", one_line=True)]
        if move.effects:
            body.append(Content.styled(effects_words(graph, list(move.effects.items())), "$text-accent"))
        if move.covert:
            body.append(Content.styled(COVERT_WORDS, "italic $text-warning"))
        lines.append(hanging([Content.assemble(name, Content(" · ").join(body))], Content.styled("● ", colour), width, 2))
    rule = node.then[play.rule]
    fired = [Content.styled(f"{rule_name(node, play.rule)} fired: ", "bold"), literal(step.label, "bold", one_line=True),
             Content.assemble((" — ", "dim"), rule_when(graph, node, rule))]
    if rule.effects:
        fired.append(Content.styled(f" · {effects_words(graph, list(rule.effects.items()))}", "$text-accent"))
    lines.append(hanging([Content.assemble(*fired)], "→ ", width, 2))
    return Content("\n").join(lines)


def stage_text(graph: ScenarioGraph, node: RoundNode, marks: RoundMarks, policy: str) -> Content:
    """The stage game's equilibrium in words (pure: each actor's move; mixed: each move's probability),
    why it was taken, and the odds from here under `policy`."""
    by_actor: dict[str, list[MoveMark]] = {}
    for mark in marks.moves:
        by_actor.setdefault(mark.actor, []).append(mark)
    plays = []
    for actor, moves in by_actor.items():
        labels = {i: m.label for i, m in enumerate(node.moves[actor])}
        played = [m for m in moves if m.equilibrium > 1e-12]
        if marks.mixed:
            text = " / ".join(f"{labels[m.index]} {probability_text(m.equilibrium)}" for m in played)
        else:
            text = " / ".join(labels[m.index] for m in played)
        plays.append(Content.assemble((f"{actor_name(graph, actor, short=True)}: ", f"bold {actor_colour(graph, actor)}"),
                                      literal(text, one_line=True)))
    kind = "mixed" if marks.mixed else "pure"
    head = Content.styled(f"{STAR} Stage equilibrium ({kind}): ", "bold $text-success")
    lines = [Content.assemble(head, Content(" · ").join(plays)),
             Content.styled(marks.why, "dim"),
             Content.assemble((f"From here ({policy}): ", "dim"), classes_line(marks.classes, top=4))]
    return Content("\n").join(lines)
