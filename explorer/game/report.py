"""The debrief report as Markdown: readable on screen, in a Markdown viewer, and printed. Options,
moves and rules are numbered from 1, as on screen."""

from __future__ import annotations

from explorer.format.citation_words import citation_text, cite
from explorer.format.models import NodeKind
from explorer.format.probability_words import describe
from explorer.game.commitment import SHORT, how_to_check
from explorer.game.debrief import OFF_TREE, Debrief, PlayedStep, Road
from explorer.game.debrief_parts import ForecastScore
from explorer.game.diagram import explored_flowchart

SPARKS = "▁▂▃▄▅▆▇█"
BAR = 24
"""Characters of a certain ending's bar."""
MAX_CELL = 48
IN_PROGRESS = ("This is a report of a game in progress, as the shared screen may see it: rationales, covert moves, "
               "hidden metrics, the analyst's estimates the class was not shown and the historical marks are "
               "withheld until the debrief (when the game ends).")


def render(debrief: Debrief) -> str:
    """The whole report."""
    parts = [
        _header(debrief), _teams(debrief), _path(debrief), _compare(debrief), _forecasts(debrief),
        _off_tree(debrief), _signposts(debrief), _results(debrief), _odds(debrief), _chart(debrief), _tree(debrief),
        _interventions(debrief), _dice(debrief), _log(debrief),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


# --- small pieces ----------------------------------------------------------------------
def cell(text: object, limit: int = MAX_CELL) -> str:
    """Text for a Markdown table cell: one line, pipes escaped, shortened."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|")


def quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def number(value: float) -> str:
    return f"{value:g}"


def odds(road: Road) -> str:
    if road.lock_reason:
        return f"locked: {road.lock_reason}"
    return describe(road.probability) if road.probability is not None else "no estimate shown"


def sparkline(values: list[float], low: float | None = None, high: float | None = None) -> str:
    """One block character per value, scaled to [low, high] (default: the values' own range)."""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    if high <= low:
        return SPARKS[len(SPARKS) // 2 - 1] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((min(max(v, low), high) - low) / (high - low) * top)] for v in values)


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def status(d: Debrief) -> str:
    end = d.graph.node(d.end).title
    if d.finished:
        return f"finished at “{end}”"
    return f"ended by the facilitator at “{end}”" if d.over else f"in progress, at “{end}”"


def who(step: PlayedStep) -> str:
    if step.kind == NodeKind.DECISION:
        return f"{step.team} — {step.actor_name} decides"
    if step.kind == NodeKind.ROUND:
        return "every team gives its orders"
    return "Facilitator — chance" if step.kind == NodeKind.CHANCE else "Facilitator"


def changes(d: Debrief, step: PlayedStep) -> str:
    parts = [f"{d.graph.scenario.metrics[m].label} {number(step.before[m])} → {number(v)}"
             for m, v in step.after.items() if v != step.before.get(m)]
    if step.hidden_change:
        parts.append("a hidden change")
    return "; ".join(parts)


# --- sections --------------------------------------------------------------------------
def _header(d: Debrief) -> str:
    rows = [
        ["Game file", f"`{d.store}`"], ["Started", d.created], ["Status", cell(status(d), 200)],
        ["Moves on the final path", str(d.moves)],
        ["Dice seed", "sealed until the debrief" if d.seed is None else str(d.seed)],
        ["Dice commitment", f"`{d.commitment[:SHORT]}`"],
        ["Turn timer", f"{d.timer:g} s" if d.timer else "none"],
    ]
    head = f"# Debrief: {d.title}\n\n" + _table(["", ""], rows)
    return head if d.over else head + f"\n\n*{IN_PROGRESS}*"


def _dice(d: Debrief) -> str:
    """At the debrief: how anyone can check the seed against its commitment, then every roll."""
    if d.seed is None:
        return ""
    return "## Checking the dice\n\n" + "\n\n".join(how_to_check(d.seed))


def _teams(d: Debrief) -> str:
    lines = ["## Teams", ""]
    lines += [f"- **{team}**: {', '.join(actors)}" for team, actors in d.teams]
    played = f": plays {', '.join(d.facilitator_actors)}" if d.facilitator_actors else ""
    lines.append(f"- **Facilitator** (white cell) rolls the dice and adjudicates{played}")
    return "\n".join(lines)


def _path(d: Debrief) -> str:
    lines = ["## The class's path", ""]
    if not d.steps:
        lines.append("No move has been made yet.")
    for step in d.steps:
        lines += _step(d, step)
    return "\n".join(lines).rstrip()


def _step(d: Debrief, step: PlayedStep) -> list[str]:
    out = [f"### {step.marker} {step.node_title}", "", f"*Turn {step.turn} · {who(step)} · {step.time}*", ""]
    if step.how == "injected":
        out += [f"**Facilitator's inject:** the game moved to “{step.to_title}”.", "", f"**Reason:** {step.reason}", ""]
        return out
    if step.how in OFF_TREE:
        kind = "News" if step.how == "news" else "Off the tree"
        out += [f"**{kind}:** {step.off_tree}", ""]
        metrics = changes(d, step)
        return out + ([f"**Metrics:** {metrics}", ""] if metrics else [])
    if step.how == "revealed":
        out += _reveal(step)
    taken = step.taken
    chances = f" — {odds(taken)}" if taken else ""
    if step.how == "decided":
        out += [f"**Chose:** {step.index + 1}. {step.label}{chances}", ""]
        if step.rationale:
            out += ["**Rationale:**", "", quote(step.rationale), ""]
        else:
            out += ["*Rationale given — private until the debrief.*" if step.rationale_withheld
                    else "*Rationale skipped.*", ""]
    if step.roll is not None:
        out += ["**Dice:**", "", "```text", *step.roll.explain(), "```", ""]
    if step.how == "rolled":
        out += [f"**Result:** {step.index + 1}. {step.label}{chances}", ""]
    if step.how == "overridden":
        out += [f"**Overridden by the facilitator:** {step.index + 1}. {step.label}{chances}", "",
                f"**Reason:** {step.reason}", ""]
    if step.sources:
        out += ["**Sources:**", "", *(f"- {citation_text(c)}" for c in step.sources), ""]
    if step.not_taken:
        basis = "the analyst's estimates, as they stood" if step.kind == NodeKind.DECISION else "the odds"
        out += [f"**Roads not taken** ({basis}):", ""]
        out += [f"- {road.index + 1}. {road.label} — {odds(road)}" + (" *(historical)*" if road.historical else "")
                for road in step.not_taken]
        out.append("")
    metrics = changes(d, step)
    if metrics:
        out += [f"**Metrics:** {metrics}", ""]
    return out


def _reveal(step: PlayedStep) -> list[str]:
    rows = []
    for move in step.moves:
        if move.sat_out:
            what = "sat the round out (no move available)"
        elif move.secret:
            what = "*moved in secret*"
        else:
            what = f"{move.number}. {move.label}" + (" *(covert)*" if move.covert else "")
            what += " *(default: no order came)*" if move.default else ""
            if move.estimate is not None:
                what += f" — {describe(move.estimate)}"
        why = (move.rationale or ("private until the debrief" if move.rationale_withheld else "skipped"))
        rows.append([cell(move.actor_name), cell(move.team), cell(what, 80), cell(why, 120)])
    return ["**The orders, revealed together:**", "", _table(["Actor", "Team", "Move", "Rationale"], rows), "",
            f"**What happened:** rule {step.index + 1}, {step.label} → “{step.to_title}”", ""]


def _compare(d: Debrief) -> str:
    lines = ["## At each position the class reached", ""]
    if not d.over:
        return "\n".join([*lines, "Shown at the debrief: what the equilibrium would have done at each position."])
    if not d.analysed:
        return "\n".join([*lines, "The equilibrium was not worked out (the scenario is too large to solve, or "
                                  "no analysis was asked for)."])
    rows = []
    for step in d.steps:
        if step.how not in ("decided", "revealed", "rolled", "overridden"):
            continue
        ours = _ours(step)
        theirs = "the dice decide" if step.kind == NodeKind.CHANCE else (
            step.advice.text if step.advice else "not worked out")
        if step.how == "revealed" and step.advice is not None and step.advice.moves:
            rows += _round_rows(d, step)
            continue
        mark = " ✓" if step.agrees else ""
        rows.append([str(step.number), cell(step.node_title), cell(ours, 60), cell(theirs, 78) + mark])
    lines += [_table(["Step", "Position", "The class", "The equilibrium there"], rows), "",
              "Each row compares like with like: the equilibrium's play at the very position the class was in "
              "(after any inject or ruling); ✓ marks a move the class made too.", ""]
    for line in d.lines:
        path = " › ".join(line.steps) or "(no marked move)"
        note = f" ({line.note})" if line.note else ""
        lines.append(f"- **{line.name}:** {path} → “{d.graph.node(line.end).title}”{note}")
    return "\n".join(lines)


def _round_rows(d: Debrief, step: PlayedStep) -> list[list[str]]:
    """A revealed round compared actor by actor: the class's move, the equilibrium's (with its weights
    when mixed), ✓ where they agree; then the rule that fired."""
    assert step.advice is not None
    node = d.graph.node(step.node_id)
    weights: dict[str, list[tuple[int, float]]] = {}
    for actor, index, p in step.advice.moves:
        weights.setdefault(actor, []).append((index, p))
    rows = []
    for n, move in enumerate(step.moves):
        options = getattr(node, "moves", {}).get(move.actor, ())
        chosen = weights.get(move.actor, [])
        theirs = "; ".join(f"{options[i].label}" + ("" if p >= 1 - 1e-9 else f" ({describe(p)})")
                           for i, p in chosen if i < len(options)) or "does not move"
        agrees = move.number is not None and [(i, p) for i, p in chosen if p >= 1 - 1e-9] == [(move.number - 1, 1.0)]
        ours = f"{move.actor_name}: " + (move.label or ("sat out" if move.sat_out else "in secret"))
        rows.append([str(step.number) if n == 0 else "", cell(step.node_title) if n == 0 else "", cell(ours, 90),
                     cell(theirs, 78) + (" ✓" if agrees else "")])
    rows.append(["", "", cell(f"→ {step.label}", 60), ""])
    return rows


def _ours(step: PlayedStep) -> str:
    if step.how == "revealed":
        return "; ".join(f"{m.actor_name}: {m.label or 'in secret'}" for m in step.moves) + f" → {step.label}"
    return f"{step.index + 1}. {step.label}"


def _forecasts(d: Debrief) -> str:
    if not d.forecasts:
        return ""
    lines = ["## Class forecasts", "", "Brier score: 0 is a perfect forecast, 2 the worst possible.", ""]
    for f in d.forecasts:
        lines += _forecast(f)
    return "\n".join(lines).rstrip()


def _forecast(f: ForecastScore) -> list[str]:
    happened = f"{f.happened + 1}. {f.branches[f.happened]}" if f.happened is not None else "not reached in the game"
    historical = f"{f.historical + 1}. {f.branches[f.historical]}" if f.historical is not None else "none marked"
    head = ["Who", *(cell(f"{i}. {b}", 24) for i, b in enumerate(f.branches, 1)), "Brier (game)", "Brier (history)"]
    rows = [[cell(s.who), *(f"{p * 100:.0f}%" for p in s.probabilities),
             f"{s.against_game:.2f}" if s.against_game is not None else "—",
             f"{s.against_history:.2f}" if s.against_history is not None else "—"] for s in f.lines]
    return [f"### Forecast {f.number}: {f.question}", "", f"The game took: {happened}; the historical branch: "
            f"{historical}.", "", _table(head, rows), ""]


def _off_tree(d: Debrief) -> str:
    if not d.arguments and not d.news:
        return ""
    lines = ["## Off the tree: argued moves and news", ""]
    for a in d.arguments:
        reasons = "; ".join(a.reasons) or "no reasons given"
        lines.append(f"- **Argued move #{a.number}** ({a.team}, for {a.actor_name}): “{a.action}”, so that "
                     f"{a.result} — because: {reasons}")
        lines += [f"  - countered by {team}: {'; '.join(reasons)}" for team, reasons in a.counters]
        lines.append(f"  - ruling: {a.ruling}")
    lines += [f"- {text}" for text in d.news]
    return "\n".join(lines)


def _signposts(d: Debrief) -> str:
    board = d.indicators
    if board is None or not (board.taken or board.open):
        return ""
    lines = ["## Signposts", "", "What would have told the class which way the crisis was going.", ""]
    if board.taken:
        lines += ["**Of the branches taken:**", ""]
        lines += [f"- {p.where} — {p.branch}: {'; '.join(p.signs)}" for p in board.taken]
        lines.append("")
    if board.open:
        lines += ["**Of the branches open at the end:**", ""]
        lines += [f"- {p.where} — {p.branch}: {'; '.join(p.signs)}" for p in board.open]
    return "\n".join(lines).rstrip()


def _results(d: Debrief) -> str:
    graph = d.graph
    start, end = d.series[0], d.series[-1]
    rows = [[cell(graph.scenario.metrics[m].label), number(start[m]), number(end[m]), f"{end[m] - start[m]:+g}"]
            for m in d.metric_ids]
    lines = ["## Final metrics and payoffs", ""]
    if rows:
        lines += [_table(["Metric", "Start", "End", "Change"], rows), ""]
    if d.payoffs:
        lines += [f"Payoffs at “{graph.node(d.end).title}”:", ""]
        lines.append(_table(["Actor", "Played by", "Payoff"], [[cell(a), cell(t), number(p)] for a, t, p in d.payoffs]))
        ending = [f"- {citation_text(cite(graph.scenario.sources, c))}" for c in graph.node(d.end).sources]
        if ending:
            lines += ["", "Sources of this ending:", "", *ending]
    else:
        lines.append("No payoffs yet: the game has not reached an outcome.")
    return "\n".join(lines)


def _odds(d: Debrief) -> str:
    """Each ending's odds from the start as bars, the class's ending and history's marked."""
    if not d.ending_odds:
        return ""
    width = min(max(len(e.title) for e in d.ending_odds), 40)
    rows = []
    for e in d.ending_odds:
        title = " ".join(e.title.split())
        title = title if len(title) <= width else title[: width - 1] + "…"
        marks = ", ".join(m for m, on in (("the class ended here", e.reached), ("history", e.historical)) if on)
        rows.append(f"{title:<{width}}  {'█' * round(e.beliefs * BAR):<{BAR}}  {describe(e.beliefs)}"
                    + (f"  · equilibrium play {describe(e.equilibrium)}" if e.equilibrium else "")
                    + (f"  ← {marks}" if marks else ""))
    return "\n".join(["## Outcome odds from the start", "",
                      "Each ending's odds before the first move, under the analysts' estimates (bars), and under "
                      "equilibrium play where it can end there.", "", "```text", *rows, "```"])


def _chart(d: Debrief) -> str:
    graph = d.graph
    if not d.metric_ids:
        return ""
    head = ["Step", *(cell(graph.scenario.metrics[m].label, 20) for m in d.metric_ids)]
    rows = [[str(i) if i else "start", *(number(state[m]) for m in d.metric_ids)] for i, state in enumerate(d.series)]
    width = max(len(graph.scenario.metrics[m].label) for m in d.metric_ids)
    sparks = []
    for m in d.metric_ids:
        metric = graph.scenario.metrics[m]
        values = [state[m] for state in d.series]
        line = sparkline(values, metric.min, metric.max)
        sparks.append(f"{metric.label:<{width}}  {line}  {number(values[0])} → {number(values[-1])}")
    return "\n".join(["## Metrics over the turns", "", _table(head, rows), "", "```text", *sparks, "```"])


def _tree(d: Debrief) -> str:
    return "\n".join([
        "## The explored part of the tree", "",
        "Thick arrows: the final path; dotted: moves undone, rolls overridden, and injects.", "",
        "```mermaid", explored_flowchart(d), "```",
    ])


def _interventions(d: Debrief) -> str:
    if not d.interventions:
        return "## Facilitator's interventions and skips\n\nNone."
    return "\n".join(["## Facilitator's interventions and skips", "", *(f"- {text}" for text in d.interventions)])


def _log(d: Debrief) -> str:
    return "\n".join(["## Appendix: the event log", "", "```text", *d.log, "```"])

