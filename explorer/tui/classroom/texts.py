"""The words of a game screen — the facilitator's, a team's, the shared screen's — built from a
`GameView` only, so nothing a viewer may not see can reach its screen.

Every piece of scenario or player text goes through `explorer.tui.literal`, so it is shown as
written: `[/]` and escapes stay visible and cannot restyle the screen.
"""

from __future__ import annotations

from textual.content import Content

from explorer.format.models import NodeKind
from explorer.format.probability_words import describe
from explorer.game.briefing import Briefing
from explorer.game.view_models import GameView, MetricValue, SeatOption
from explorer.tui.literal import literal, printable
from explorer.tui.widgets.metrics import bar
from explorer.tui.wording import number, signed
from explorer.tui.wrapping import hanging

LOCK = "⊘"
NONE_YET = "dim italic"


def clock(seconds: float) -> str:
    """'1:05' for 65 seconds (rounded up, so 0:00 shows only when time is up)."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def team_line(view: GameView) -> Content:
    """'Team Red · North Korea, China': who this screen is."""
    if view.team is None:
        return Content.styled(view.team_title, "bold")
    actors = ", ".join(b.name for b in view.briefings) or "no actors"
    return Content.assemble(literal(view.team_title, "bold", one_line=True), " · ", literal(actors, one_line=True))


def whose_move(view: GameView) -> str:
    """What this viewer is waiting for or has to do, in a line."""
    if view.ended:
        return view.banner
    if view.round is not None:
        forms = view.round.forms
        owed = [f.actor_name for f in forms if f.current is None]
        if owed:
            return f"Give orders for {', '.join(owed)}"
        if forms:
            return f"Orders in — changeable until the round closes · {view.round.missing} to come"
        return f"{view.banner} ({view.round.missing} to come)"
    if view.your_move and view.rationale is not None:
        return f"Your move: {view.rationale.actor_name} decides"
    return f"Waiting: {view.banner}"


def banner(view: GameView) -> Content:
    """The top line: who this screen is, what it waits for, the turn (not at a round: news and rulings
    count turns too, and 'turn 3' in round 2 confuses a class; the round's title says where it is)."""
    style = "bold $text-success" if view.your_move else ("bold $text-accent" if view.ended else "bold $text-warning")
    turn = () if view.round is not None else ((f"  │  turn {view.turn}", "dim"),)
    return Content.assemble(team_line(view), ("  │  ", "dim"), literal(whose_move(view), style, one_line=True), *turn)


def metric_lines(metrics: tuple[MetricValue, ...], width: int) -> Content:
    """Two lines per metric: label and value, then its bar (when it has a range); a hidden value says so."""
    if not metrics:
        return Content.styled("This scenario tracks no metrics.", NONE_YET)
    width = max(width, 8)
    lines: list[Content] = []
    for metric in metrics:
        shown = "hidden" if metric.value is None else number(metric.value) + ("*" if metric.hidden else "")
        value = Content.styled(shown, "dim italic" if metric.value is None else "bold")
        label = literal(metric.label, one_line=True).truncate(max(width - value.cell_length - 1, 1), ellipsis=True)
        lines.append(Content.assemble(label, " " * max(width - label.cell_length - value.cell_length, 1), value))
        if metric.value is None:
            lines.append(Content.styled("its value is not shown to you", "dim italic"))
        elif metric.min is not None and metric.max is not None and metric.max > metric.min:
            filled, empty = bar((metric.value - metric.min) / (metric.max - metric.min), width)
            lines.append(Content.assemble((filled, "$primary"), (empty, "on $boost")))
        else:
            lines.append(Content.styled("no range set", "dim italic"))
    if any(m.hidden and m.value is not None for m in metrics):
        lines.append(Content.styled("* hidden from some teams", "dim italic"))
    return Content("\n").join(lines)


def effects(option: SeatOption) -> str:
    return ", ".join(printable(label, one_line=True) if amount is None else
                     f"{printable(label, one_line=True)} {signed(amount)}" for label, amount in option.effects)


def option_prompt(option: SeatOption, width: int) -> Content:
    """' 1  Offer a freeze', its effects, the estimate when shown, and a locked option's reason; wrapped to
    `width` under a four-cell gutter that holds the option's number."""
    head = Content.styled(f"{option.number:>2}  ", "bold" if option.available else "dim")
    label = literal(option.label, "bold" if option.available else "dim strike", one_line=True)
    marks = []
    if option.covert:
        marks.append(Content.styled(" (covert: the others learn only that you moved)", "italic $text-accent"))
    if option.historical:
        marks.append(Content.styled(" ★ historical", "bold $text-warning"))
    lines = [Content.assemble(label, *marks)]
    if option.effects:
        lines.append(Content.styled(effects(option), "$text-accent"))
    if option.estimate is not None:
        lines.append(Content.styled(f"analyst's estimate: {describe(option.estimate)}", "$text-muted"))
    if not option.available:
        lines.append(literal(f"{LOCK} locked: {option.lock_reason}", "$text-warning", one_line=True))
    return hanging(lines, head, width, 4)


def private_text(view: GameView) -> Content:
    """The node's private text this viewer may read, each marked with whom it is private to."""
    lines = [Content.assemble((f"Private to {note.actor_name}: ", "bold $text-warning"), literal(note.text))
             for note in view.private]
    return Content("\n").join(lines)


def reveal_text(view: GameView) -> Content:
    """The last round's reveal: every actor's move, what happened, what changed."""
    reveal = view.reveal
    if reveal is None:
        return Content()
    lines = [Content.assemble(("Revealed — ", "bold $text-accent"), literal(reveal.title, "bold", one_line=True),
                              (f" (turn {reveal.turn})", "dim"))]
    for move in reveal.moves:
        if move.sat_out:
            what = Content.styled("sat the round out", "dim")
        elif move.secret:
            what = Content.styled("moved in secret", "italic $text-warning")
        else:
            what = Content.assemble(f"{move.number}. ", literal(move.label or "", "bold", one_line=True),
                                    Content.styled(" (default: no orders came)", "dim") if move.default else "")
        lines.append(Content.assemble("  ", literal(move.actor_name, one_line=True), (f" ({move.team_title}): ", "dim"),
                                      what))
    lines.append(Content.assemble(("What happened: ", "bold"), literal(reveal.outcome),
                                  literal(f" → {reveal.to_title}", "dim")))
    changes = [("a hidden change" if c.before is None or c.after is None
                else f"{c.label} {number(c.before)} → {number(c.after)}") for c in reveal.changes]
    if changes:
        lines.append(Content.assemble(("Metrics: ", "dim"), literal("; ".join(changes))))
    return Content("\n").join(lines)


def round_board(view: GameView) -> Content:
    """Who has given orders this round (never what)."""
    if view.round is None:
        return Content.styled("No round in progress.", NONE_YET)
    lines = []
    for line in view.round.lines:
        if line.sits_out:
            mark = Content.styled("–  sits out", "dim")
        elif line.submitted:
            mark = Content.styled("✓  orders in" + (" (changed)" if line.changed else ""), "$text-success")
        else:
            mark = Content.styled("…  waiting", "$text-warning")
        lines.append(Content.assemble(mark, "  ", literal(line.actor_name, one_line=True),
                                      literal(f" — {line.team_title}", "dim", one_line=True)))
    return Content("\n").join(lines)


def odds_text(view: GameView) -> Content:
    """At a chance node: the facilitator rolls; the odds as numbers and words when they are shown."""
    lines = [Content.styled("The dice decide (the facilitator rolls).", "bold")]
    lines += [Content.assemble("• ", literal(o.label, one_line=True), f"  {o.words}") for o in view.odds]
    if not view.odds:
        lines.append(Content.styled("The analyst's odds are not shown (the facilitator may show them).", "dim"))
    return Content("\n").join(lines)


def waiting_text(view: GameView) -> Content:
    if view.ended:
        parts = [Content.styled("The game is over." if view.finished else "The facilitator ended the game.", "bold")]
        if view.payoffs:
            parts.append(Content.assemble(("Payoffs: ", "bold"), Content(" · ").join(
                Content.assemble(literal(name, one_line=True), f" {number(value)}") for name, value in view.payoffs)))
        return Content("\n").join(parts)
    if view.kind == NodeKind.CHANCE:
        return odds_text(view)
    if view.kind == NodeKind.ROUND:
        if view.team is None and not (view.round and view.round.forms):
            return Content.styled("Every team writes its orders; they are revealed together.", "dim")
        return Content()
    return Content.assemble(("Waiting for ", "dim"), literal(view.banner, "bold", one_line=True),
                            (". This screen follows the game as it moves.", "dim"))


def indicators_text(view: GameView) -> Content:
    """Signposts: of the branches taken, and of those open from here."""
    board = view.indicators
    lines: list[Content] = []
    if board.open:
        lines.append(Content.styled("Watch for (open from here):", "bold"))
        lines += [Content.assemble("• ", literal(f"{p.branch}: {'; '.join(p.signs)}")) for p in board.open]
    if board.taken:
        lines.append(Content.styled("Seen so far (branches taken):", "bold"))
        lines += [Content.assemble("• ", literal(f"{p.branch}: {'; '.join(p.signs)}")) for p in board.taken]
    return Content("\n").join(lines) if lines else Content.styled("No signposts here.", NONE_YET)


def news_text(view: GameView) -> Content:
    if not view.news:
        return Content.styled("No news yet.", NONE_YET)
    lines = []
    for b in reversed(view.news):
        lines.append(Content.assemble((f"T{b.turn} ", "dim"), literal(b.title, "bold"),
                                      literal(f" — for {b.audience}", "dim")))
        if b.text:
            lines.append(literal("   " + b.text))
        if b.effects:
            lines.append(literal("   " + b.effects, "$text-accent"))
    return Content("\n").join(lines)


def arguments_text(view: GameView) -> Content:
    if not view.arguments:
        return Content.styled("No argued moves yet.", NONE_YET)
    lines = []
    for a in view.arguments:
        lines.append(Content.assemble((f"#{a.number} ", "bold"), literal(f"{a.team_title} for {a.actor_name}: ", "dim"),
                                      literal(a.action, "bold")))
        lines.append(literal(f"   so that {a.result}"))
        lines += [literal(f"   + {reason}", "$text-success") for reason in a.reasons]
        for team, reasons in a.counters:
            lines += [literal(f"   − {team}: {reason}", "$text-warning") for reason in reasons]
        lines.append(literal(f"   {a.ruling}" if a.ruling else f"   {a.odds}", "bold" if a.ruling else "dim"))
        if a.check:
            lines.append(literal(f"   Check the dice: {a.check}", "dim"))
        elif a.ruling and view.dice_seed is None and view.dice_commitment:
            lines.append(literal(f"   The dice seed is sealed until the debrief (commitment {view.dice_commitment})",
                                 "dim"))
    return Content("\n").join(lines)


def forecast_text(view: GameView) -> Content:
    f = view.forecast
    if f is None:
        return Content()
    state = "open" if f.open else "closed"
    lines = [Content.assemble((f"Forecast #{f.number} ({state}): ", "bold $text-accent"), literal(f.question, "bold"))]
    for i, branch in enumerate(f.branches):
        yours = f"  yours {f.yours[i] * 100:.0f}%" if f.yours else ""
        median = f"  class median {f.median[i] * 100:.0f}%" if f.median else ""
        analyst = f"  analyst {f.analyst[i] * 100:.0f}%" if f.analyst else ""
        lines.append(Content.assemble(f"  {i + 1}. ", literal(branch, one_line=True),
                                      Content.styled(yours + median + analyst, "dim")))
    for team, probs in f.spread:
        lines.append(literal(f"  {team}: " + " / ".join(f"{p * 100:.0f}%" for p in probs), "dim"))
    if f.open:
        entered = ", ".join(f.entered) or "nobody yet"
        lines.append(Content.styled(f"Entered: {entered}", "dim"))
    return Content("\n").join(lines)


def path_text(view: GameView) -> Content:
    titles = [literal(title, one_line=True) for title in view.path]
    if titles:
        titles[-1] = titles[-1].stylize("bold reverse")
    return Content(" › ").join(titles)


def log_text(view: GameView, last: int = 50) -> Content:
    """The log as this viewer may read it (newest last)."""
    lines = [Content.assemble((f"{line.turn:>3} ", "dim"), literal(line.text)) for line in view.log[-last:]
             if not line.text.startswith(("the timer started",))]
    return Content("\n").join(lines) if lines else Content.styled("Nothing has happened yet.", NONE_YET)


def own_decisions_text(view: GameView) -> Content:
    if not view.own_decisions:
        return Content.styled("Your team has not decided anything yet.", NONE_YET)
    lines = []
    for d in view.own_decisions:
        why = literal(d.rationale, "italic") if d.rationale else Content.styled("rationale skipped", "dim")
        lines.append(Content.assemble(
            (f"turn {d.turn}: ", "dim"), literal(f"{d.actor_name} at “{d.node_title}”: ", one_line=True),
            literal(d.label, "bold", one_line=True), " — ", why))
    return Content("\n").join(lines)


def briefing_text(briefing: Briefing) -> Content:
    """One briefing: the actor, objectives (the text is shown as Markdown apart)."""
    parts = [Content.assemble(("Briefing: ", "bold"), literal(briefing.name, "bold $text-accent", one_line=True))]
    if briefing.objectives:
        parts.append(Content.styled("Objectives", "bold"))
        parts += [Content.assemble("• ", literal(item, one_line=True)) for item in briefing.objectives]
    return Content("\n").join(parts)


def injects_text(view: GameView) -> Content:
    """The facilitator's run sheet: each authored inject with its cue, audience and whether it can be fired."""
    cell = view.white_cell
    if cell is None:
        return Content()
    if not cell.injects:
        return Content.styled("The scenario has no authored injects; free-form news is always possible.", NONE_YET)
    lines = []
    for line in cell.injects:
        state = "fired" if line.fired and not line.repeatable else ("ready" if line.allowed else "not now")
        lines.append(Content.assemble(literal(line.title, "bold", one_line=True), (f"  [{state}]", "dim")))
        detail = [f"cue: {line.cue}" if line.cue else "", f"to {line.audience}", line.effects,
                  f"jumps to “{line.to_title}”" if line.to_title else ""]
        lines.append(literal("   " + " · ".join(d for d in detail if d), "dim"))
    return Content("\n").join(lines)


TOAST_LINE = 90
"""Characters of a log line a notification keeps: the whole line is in the log and the reveal panel."""


def changed_text(view: GameView, since: int) -> str:
    """The last three log lines after event `since`, each cut to `TOAST_LINE` characters (for a
    notification: a reveal's line names every order and would cover a small screen)."""
    lines = [_clipped(printable(line.text, one_line=True)) for line in view.log if line.seq > since]
    return "\n".join(lines[-3:])


def _clipped(text: str) -> str:
    if len(text) <= TOAST_LINE:
        return text
    cut = text.rfind(" ", 0, TOAST_LINE)
    return text[:cut if cut > TOAST_LINE // 2 else TOAST_LINE].rstrip(" ;,") + "…"
