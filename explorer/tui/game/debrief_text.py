"""The debrief's sections as `Content`, from `explorer.game.debrief.Debrief` (scenario text literal)."""

from __future__ import annotations

from textual.content import Content

from explorer.format.citation_words import citation_text
from explorer.format.models import NodeKind
from explorer.game.debrief import Debrief, Line, PlayedStep
from explorer.game.report import odds, sparkline
from explorer.tui.game.dice_view import dice_text
from explorer.tui.literal import literal
from explorer.tui.wording import number, signed
from explorer.tui.wrapping import hanging

INDENT = 3


def heading(text: str) -> Content:
    return Content.styled(text, "bold $text-accent")


def header(d: Debrief) -> Content:
    end = d.graph.node(d.end).title
    status = f"finished at “{end}”" if d.finished else f"in progress, at “{end}”"
    timer = f"{d.timer:g} s" if d.timer else "none"
    teams = [Content.assemble("  ", (team, "bold"), ": ", literal(", ".join(actors), one_line=True))
             for team, actors in d.teams]
    played = f": plays {', '.join(d.facilitator_actors)}" if d.facilitator_actors else ""
    teams.append(Content.assemble("  ", ("Facilitator", "bold"), literal(f" rolls the dice and adjudicates{played}")))
    return Content("\n").join([
        Content.assemble(("Debrief: ", "bold"), literal(d.title, "bold", one_line=True)),
        literal(f"Game {status} · {len(d.steps)} moves on the final path · dice seed {d.seed} · turn timer {timer}"),
        literal(f"Game file: {d.store} · started {d.created}", "dim"),
        *teams,
    ])


def step_text(d: Debrief, step: PlayedStep, width: int = 96) -> Content:
    """One step of the class's path: who, what, why, the dice, the roads not taken, the metrics;
    wrapped to `width` with every line after the heading indented."""
    lines = _step_lines(d, step)
    return Content("\n").join([lines[0], *(hanging([line], "", width, INDENT) for line in lines[1:])])


def _step_lines(d: Debrief, step: PlayedStep) -> list[Content]:
    who = f"{step.team} — {step.actor_name} decides" if step.kind == NodeKind.DECISION else "Facilitator — chance"
    lines = [Content.assemble((f"{step.number}. ", "bold"), literal(step.node_title, "bold", one_line=True)),
             literal(f"Turn {step.turn} · {who}", "dim")]
    if step.how == "injected":
        lines.append(Content.assemble(("Facilitator's inject: ", "bold"), literal(f"to “{step.to_title}”")))
        lines.append(Content.assemble(("Reason: ", "bold"), literal(step.reason or "")))
        return lines
    taken = step.taken
    chances = f" — {odds(taken)}" if taken else ""
    verb = {"decided": "Chose", "rolled": "Dice result", "overridden": "Overridden by the facilitator"}[step.how]
    lines.append(Content.assemble((f"{verb}: ", "bold"), literal(step.label + chances)))
    if step.how == "decided":
        lines.append(Content.assemble(("Rationale: ", "bold"), literal(step.rationale)) if step.rationale
                     else Content.styled("Rationale skipped.", "italic $text-warning"))
    if step.how == "overridden":
        lines.append(Content.assemble(("Reason: ", "bold"), literal(step.reason or "")))
    if step.roll is not None:
        lines += dice_text(step.roll).split("\n")
    lines += [Content.assemble(("source: ", "dim"), literal(citation_text(c))) for c in step.sources]
    for road in step.not_taken:
        mark = " (historical)" if road.historical else ""
        lines.append(Content.assemble(("not taken: ", "dim"), literal(f"{road.label} — {odds(road)}{mark}")))
    changes = [f"{d.graph.scenario.metrics[m].label} {number(step.before[m])} → {number(v)}"
               for m, v in step.after.items() if v != step.before.get(m)]
    if changes:
        lines.append(Content.assemble(("Metrics: ", "dim"), literal("; ".join(changes))))
    return lines


def path_text(d: Debrief, width: int = 96) -> Content:
    parts = [heading("The class's path")]
    parts += [step_text(d, step, width) for step in d.steps] or [Content.styled("No move has been made yet.", "dim")]
    return Content("\n\n").join(parts)


def _move_label(d: Debrief, move: tuple[str, int]) -> str:
    node_id, index = move
    return "(inject)" if index < 0 else d.graph.actions(node_id)[index].option.label


def line_text(d: Debrief, line: Line) -> Content:
    """'Equilibrium: Talk ✓ › Hold → A deal' (✓: a move the class made too at that step)."""
    ours = d.lines[0].moves
    if line.note and not line.moves:
        return Content.assemble((f"{line.name}: ", "bold"), literal(line.note, "dim"))
    moves = []
    for i, move in enumerate(line.moves):
        same = line is not d.lines[0] and i < len(ours) and ours[i] == move
        moves.append(literal(_move_label(d, move), one_line=True) + (Content.styled(" ✓", "bold $text-success")
                                                                     if same else Content()))
    end = literal(f" → {d.graph.node(line.end).title}", "italic")
    note = literal(f" ({line.note})", "dim") if line.note else Content()
    return Content.assemble((f"{line.name}: ", "bold"), Content(" › ").join(moves), end, note)


def compare_text(d: Debrief) -> Content:
    return Content("\n").join([heading("Paths compared (✓: the class made that move too)"),
                               *(line_text(d, line) for line in d.lines)])


def results_text(d: Debrief) -> Content:
    graph = d.graph
    start, end = d.series[0], d.series[-1]
    lines = [heading("Final metrics and payoffs")]
    for m in graph.metric_ids:
        label = graph.scenario.metrics[m].label
        lines.append(Content.assemble(literal(label, one_line=True), f": {number(start[m])} → ",
                                      (number(end[m]), "bold"), f" ({signed(end[m] - start[m])})"))
    if d.payoffs:
        lines.append(literal(f"Payoffs at “{graph.node(d.end).title}”:", "bold"))
        lines += [Content.assemble("  ", literal(f"{actor} ({team})", one_line=True), ": ", (number(p), "bold"))
                  for actor, team, p in d.payoffs]
    else:
        lines.append(Content.styled("No payoffs yet: the game has not reached an outcome.", "dim"))
    return Content("\n").join(lines)


def chart_text(d: Debrief) -> Content:
    """One sparkline per metric over the turns, scaled to the metric's range when it has one."""
    graph = d.graph
    lines = [heading("Metrics over the turns (start, then after each move)")]
    if not graph.metric_ids:
        return Content("\n").join([*lines, Content.styled("This scenario tracks no metrics.", "dim")])
    width = min(max(len(graph.scenario.metrics[m].label) for m in graph.metric_ids), 28)
    for m in graph.metric_ids:
        metric = graph.scenario.metrics[m]
        values = [state[m] for state in d.series]
        label = literal(metric.label, one_line=True).truncate(width, ellipsis=True, pad=True)
        lines.append(Content.assemble(label, "  ", (sparkline(values, metric.min, metric.max), "bold $primary"),
                                      f"  {number(values[0])} → {number(values[-1])}"))
    return Content("\n").join(lines)


def interventions_text(d: Debrief) -> Content:
    items = [Content.assemble("• ", literal(text)) for text in d.interventions]
    return Content("\n").join([heading("Facilitator's interventions and skipped rationales"),
                               *(items or [Content.styled("None.", "dim")])])


def sections(d: Debrief) -> list[Content]:
    """Every section but the path (which is wrapped to the screen's width: `path_text`)."""
    return [header(d), compare_text(d), results_text(d), chart_text(d), interventions_text(d)]
