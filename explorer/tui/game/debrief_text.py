"""The debrief's sections as `Content`, from `explorer.game.debrief.Debrief` (scenario text literal)."""

from __future__ import annotations

from textual.content import Content

from explorer.format.citation_words import citation_text
from explorer.game.commitment import SHORT, how_to_check
from explorer.game.debrief import OFF_TREE, Debrief, PlayedStep
from explorer.game.report import IN_PROGRESS, changes, odds, sparkline, status, who
from explorer.tui.game.dice_view import dice_text
from explorer.tui.literal import literal
from explorer.tui.wording import number, signed
from explorer.tui.wrapping import hanging

INDENT = 3


def heading(text: str) -> Content:
    return Content.styled(text, "bold $text-accent")


def header(d: Debrief) -> Content:
    timer = f"{d.timer:g} s" if d.timer else "none"
    seed = f"dice commitment {d.commitment[:SHORT]}" + (" (seed sealed)" if d.seed is None else f", seed {d.seed}")
    teams = [Content.assemble("  ", (team, "bold"), ": ", literal(", ".join(actors), one_line=True))
             for team, actors in d.teams]
    played = f": plays {', '.join(d.facilitator_actors)}" if d.facilitator_actors else ""
    teams.append(Content.assemble("  ", ("Facilitator", "bold"), literal(f" rolls the dice and adjudicates{played}")))
    lines = [
        Content.assemble(("Debrief: ", "bold"), literal(d.title, "bold", one_line=True)),
        literal(f"Game {status(d)} · {d.moves} moves on the final path · {seed} · turn timer {timer}"),
        literal(f"Game file: {d.store} · started {d.created}", "dim"),
        *teams,
    ]
    if not d.over:
        lines.append(literal(IN_PROGRESS, "italic $text-warning"))
    elif d.seed is not None:
        lines += [literal(line, "dim") for line in how_to_check(d.seed)]
    return Content("\n").join(lines)


def step_text(d: Debrief, step: PlayedStep, width: int = 96) -> Content:
    """One step of the class's path: who, what, why, the dice, the roads not taken, the metrics;
    wrapped to `width` with every line after the heading indented."""
    lines = _step_lines(d, step)
    return Content("\n").join([lines[0], *(hanging([line], "", width, INDENT) for line in lines[1:])])


def _step_lines(d: Debrief, step: PlayedStep) -> list[Content]:
    lines = [Content.assemble((f"{step.marker} ", "bold"), literal(step.node_title, "bold", one_line=True)),
             literal(f"Turn {step.turn} · {who(step)}", "dim")]
    if step.how == "injected":
        lines.append(Content.assemble(("Facilitator's inject: ", "bold"), literal(f"to “{step.to_title}”")))
        lines.append(Content.assemble(("Reason: ", "bold"), literal(step.reason or "")))
        return lines
    if step.how in OFF_TREE:
        lines.append(Content.assemble(("News: " if step.how == "news" else "Off the tree: ", "bold"),
                                      literal(step.off_tree)))
        return lines + _metrics(d, step)
    if step.how == "revealed":
        for move in step.moves:
            what = ("sat the round out" if move.sat_out else "moved in secret" if move.secret
                    else f"{move.number}. {move.label}" + (" (covert)" if move.covert else "")
                    + (" (default: no order came)" if move.default else ""))
            why = move.rationale or ("rationale private until the debrief" if move.rationale_withheld
                                     else "rationale skipped")
            lines.append(Content.assemble(literal(f"{move.actor_name} ({move.team}): ", "bold"), literal(what),
                                          literal(f" — {why}", "dim")))
        lines.append(Content.assemble(("What happened: ", "bold"),
                                      literal(f"rule {step.index + 1}, {step.label} → “{step.to_title}”")))
        return lines + _advice(step) + _metrics(d, step)
    taken = step.taken
    chances = f" — {odds(taken)}" if taken else ""
    verb = {"decided": "Chose", "rolled": "Dice result", "overridden": "Overridden by the facilitator"}[step.how]
    lines.append(Content.assemble((f"{verb}: ", "bold"), literal(f"{step.index + 1}. {step.label}{chances}")))
    if step.how == "decided":
        if step.rationale:
            lines.append(Content.assemble(("Rationale: ", "bold"), literal(step.rationale)))
        else:
            lines.append(Content.styled("Rationale given — private until the debrief." if step.rationale_withheld
                                        else "Rationale skipped.", "italic $text-warning"))
    if step.how == "overridden":
        lines.append(Content.assemble(("Reason: ", "bold"), literal(step.reason or "")))
    if step.roll is not None:
        lines += dice_text(step.roll).split("\n")
    lines += [Content.assemble(("source: ", "dim"), literal(citation_text(c))) for c in step.sources]
    for road in step.not_taken:
        mark = " (historical)" if road.historical else ""
        lines.append(Content.assemble(("not taken: ", "dim"),
                                      literal(f"{road.index + 1}. {road.label} — {odds(road)}{mark}")))
    return lines + _advice(step) + _metrics(d, step)


def _advice(step: PlayedStep) -> list[Content]:
    if step.advice is None:
        return []
    mark = Content.styled(" ✓ the class did the same", "bold $text-success") if step.agrees else Content()
    return [Content.assemble(("The equilibrium here: ", "bold"), literal(step.advice.text), mark)]


def _metrics(d: Debrief, step: PlayedStep) -> list[Content]:
    text = changes(d, step)
    return [Content.assemble(("Metrics: ", "dim"), literal(text))] if text else []


def path_text(d: Debrief, width: int = 96) -> Content:
    parts = [heading("The class's path (the equilibrium's play at each position the class reached)")]
    parts += [step_text(d, step, width) for step in d.steps] or [Content.styled("No move has been made yet.", "dim")]
    return Content("\n\n").join(parts)


def compare_text(d: Debrief) -> Content:
    """The reference paths from the start (the equilibrium's, the historical one)."""
    lines = [heading("Paths from the start, for reference")]
    if not d.over:
        lines.append(Content.styled("Shown at the debrief.", "dim"))
    elif not d.lines or (len(d.lines) == 1 and not d.analysed):
        lines.append(Content.styled("Equilibrium: not computed (the scenario is too large to solve, or no analysis "
                                    "was asked for).", "dim"))
    for line in d.lines:
        path = " › ".join(line.steps) or "(no marked move)"
        note = literal(f" ({line.note})", "dim") if line.note else Content()
        lines.append(Content.assemble((f"{line.name}: ", "bold"), literal(path),
                                      literal(f" → {d.graph.node(line.end).title}", "italic"), note))
    return Content("\n").join(lines)


def forecasts_text(d: Debrief) -> Content:
    lines = [heading("Class forecasts (Brier score: 0 perfect, 2 worst)")]
    if not d.forecasts:
        lines.append(Content.styled("No forecast was closed.", "dim"))
    for f in d.forecasts:
        happened = f"{f.happened + 1}. {f.branches[f.happened]}" if f.happened is not None else "not reached"
        lines.append(Content.assemble((f"{f.number}. ", "bold"), literal(f.question, "bold"),
                                      literal(f" — the game took {happened}", "dim")))
        for s in f.lines:
            game = f"{s.against_game:.2f}" if s.against_game is not None else "—"
            history = f"{s.against_history:.2f}" if s.against_history is not None else "—"
            probs = " / ".join(f"{p * 100:.0f}%" for p in s.probabilities)
            lines.append(literal(f"   {s.who}: {probs} · Brier {game} (game), {history} (history)"))
    return Content("\n").join(lines)


def off_tree_text(d: Debrief) -> Content:
    lines = [heading("Off the tree: argued moves and news")]
    for a in d.arguments:
        lines.append(Content.assemble((f"#{a.number} ", "bold"), literal(f"{a.team} for {a.actor_name}: “{a.action}” — "
                                                                        f"{a.ruling}")))
    lines += [Content.assemble("• ", literal(text)) for text in d.news]
    if len(lines) == 1:
        lines.append(Content.styled("None.", "dim"))
    return Content("\n").join(lines)


def signposts_text(d: Debrief) -> Content:
    lines = [heading("Signposts of the branches taken")]
    board = d.indicators
    posts = board.taken if board else ()
    lines += [literal(f"• {p.where} — {p.branch}: {'; '.join(p.signs)}") for p in posts]
    if not posts:
        lines.append(Content.styled("The scenario gives no signposts for them.", "dim"))
    return Content("\n").join(lines)


def results_text(d: Debrief) -> Content:
    graph = d.graph
    start, end = d.series[0], d.series[-1]
    lines = [heading("Final metrics and payoffs")]
    for m in d.metric_ids:
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
    if not d.metric_ids:
        return Content("\n").join([*lines, Content.styled("No metric to show.", "dim")])
    width = min(max(len(graph.scenario.metrics[m].label) for m in d.metric_ids), 28)
    for m in d.metric_ids:
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
    return [header(d), compare_text(d), forecasts_text(d), off_tree_text(d), signposts_text(d), results_text(d),
            chart_text(d), interventions_text(d)]

