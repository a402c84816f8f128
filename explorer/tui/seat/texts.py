"""The words of a team's seat screen, built from a `SeatView` only (so nothing private leaks).

Every piece of scenario or player text goes through `explorer.tui.literal`, so it is shown as
written: `[/]` and escapes stay visible and cannot restyle the screen.
"""

from __future__ import annotations

from textual.content import Content

from explorer.format.models import NodeKind
from explorer.game.briefing import Briefing
from explorer.game.seats import MetricValue, SeatOption, SeatView
from explorer.tui.literal import literal, printable
from explorer.tui.widgets.metrics import bar
from explorer.tui.wording import number, signed
from explorer.tui.wrapping import hanging

LOCK = "⊘"


def team_line(view: SeatView) -> Content:
    """'Team Red · North Korea, China': who this seat is."""
    actors = ", ".join(b.name for b in view.briefings) or "no actors"
    return Content.assemble(literal(view.team_title, "bold", one_line=True), " · ", literal(actors, one_line=True))


def whose_move(view: SeatView) -> str:
    """'Your move: North Korea decides', 'Waiting: Team Blue — United States decides', or the end."""
    if view.finished:
        return view.banner
    if view.your_move and view.rationale is not None:
        return f"Your move: {view.rationale.actor_name} decides"
    return f"Waiting: {view.banner}"


def banner(view: SeatView) -> Content:
    """The top line: the team, then whose move it is and the turn."""
    style = "bold $text-success" if view.your_move else ("bold $text-accent" if view.finished else "bold $text-warning")
    return Content.assemble(
        team_line(view), ("  │  ", "dim"), literal(whose_move(view), style, one_line=True),
        (f"  │  turn {view.turn}", "dim"),
    )


def metric_lines(metrics: tuple[MetricValue, ...], width: int) -> Content:
    """Two lines per metric: label and value, then its bar (when it has a range)."""
    if not metrics:
        return Content.styled("This scenario tracks no metrics.", "dim italic")
    width = max(width, 8)
    lines: list[Content] = []
    for metric in metrics:
        value = Content.styled(number(metric.value), "bold")
        label = literal(metric.label, one_line=True).truncate(max(width - value.cell_length - 1, 1), ellipsis=True)
        lines.append(Content.assemble(label, " " * max(width - label.cell_length - value.cell_length, 1), value))
        if metric.min is not None and metric.max is not None and metric.max > metric.min:
            filled, empty = bar((metric.value - metric.min) / (metric.max - metric.min), width)
            lines.append(Content.assemble((filled, "$primary"), (empty, "on $boost")))
        else:
            lines.append(Content.styled("no range set", "dim italic"))
    return Content("\n").join(lines)


def effects(option: SeatOption) -> str:
    return ", ".join(f"{printable(label, one_line=True)} {signed(amount)}" for label, amount in option.effects)


def option_prompt(option: SeatOption, width: int) -> Content:
    """' 1  Offer a freeze', its effects, and for a locked option the reason; wrapped to `width`
    under a four-cell gutter that holds the option's number."""
    head = Content.styled(f"{option.number:>2}  ", "bold" if option.available else "dim")
    lines = [literal(option.label, "bold" if option.available else "dim strike", one_line=True)]
    if option.effects:
        lines.append(Content.styled(effects(option), "$text-accent"))
    if not option.available:
        lines.append(literal(f"{LOCK} locked: {option.lock_reason}", "$text-warning", one_line=True))
    return hanging(lines, head, width, 4)


def odds_text(view: SeatView) -> Content:
    """At a chance node: each outcome's odds as number and words; the facilitator rolls."""
    lines = [Content.styled("The dice decide (the facilitator rolls):", "bold")]
    lines += [Content.assemble("• ", literal(o.label, one_line=True), f"  {o.words}") for o in view.odds]
    return Content("\n").join(lines)


def waiting_text(view: SeatView) -> Content:
    if view.finished:
        parts = [Content.styled("The game is over.", "bold")]
        if view.payoffs:
            parts.append(Content.assemble(("Payoffs: ", "bold"), Content(" · ").join(
                Content.assemble(literal(name, one_line=True), f" {number(value)}") for name, value in view.payoffs)))
        return Content("\n").join(parts)
    if view.kind == NodeKind.CHANCE:
        return odds_text(view)
    return Content.assemble(("Waiting for ", "dim"), literal(view.banner, "bold", one_line=True),
                            (". This screen follows the game as it moves.", "dim"))


def path_text(view: SeatView) -> Content:
    titles = [literal(title, one_line=True) for title in view.path]
    if titles:
        titles[-1] = titles[-1].stylize("bold reverse")
    return Content(" › ").join(titles)


def log_text(view: SeatView, last: int = 50) -> Content:
    """The public log (newest last): other teams' rationales are already withheld in the view."""
    lines = [Content.assemble((f"{line.turn:>3} ", "dim"), literal(line.text)) for line in view.log[-last:]]
    return Content("\n").join(lines) if lines else Content.styled("Nothing has happened yet.", "dim italic")


def own_decisions_text(view: SeatView) -> Content:
    if not view.own_decisions:
        return Content.styled("Your team has not decided anything yet.", "dim italic")
    lines = []
    for d in view.own_decisions:
        why = literal(d.rationale, "italic") if d.rationale else Content.styled("rationale skipped", "dim")
        lines.append(Content.assemble(
            (f"turn {d.turn}: ", "dim"), literal(f"{d.actor_name} at “{d.node_title}”: ", one_line=True),
            literal(d.label, "bold", one_line=True), " — ", why))
    return Content("\n").join(lines)


def briefing_text(briefing: Briefing) -> Content:
    """One of the team's own briefings: the actor, objectives (the text is shown as Markdown apart)."""
    parts = [Content.assemble(("Briefing: ", "bold"), literal(briefing.name, "bold $text-accent", one_line=True))]
    if briefing.objectives:
        parts.append(Content.styled("Objectives", "bold"))
        parts += [Content.assemble("• ", literal(item, one_line=True)) for item in briefing.objectives]
    return Content("\n").join(parts)


def changed_text(view: SeatView, since: int) -> str:
    """The log lines after event `since`, one per line (for a notification)."""
    lines = [printable(line.text, one_line=True) for line in view.log if line.seq > since]
    return "\n".join(lines[-3:])

