"""The debrief report as Markdown: readable on screen, in a Markdown viewer, and printed."""

from __future__ import annotations

from explorer.format.citation_words import citation_text, cite
from explorer.format.models import NodeKind
from explorer.format.probability_words import describe
from explorer.game.debrief import Debrief, Line, PlayedStep, Road
from explorer.game.diagram import explored_flowchart

SPARKS = "▁▂▃▄▅▆▇█"
MAX_CELL = 48


def render(debrief: Debrief) -> str:
    """The whole report."""
    parts = [
        _header(debrief), _teams(debrief), _path(debrief), _compare(debrief), _results(debrief),
        _chart(debrief), _tree(debrief), _interventions(debrief), _log(debrief),
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
    return describe(road.probability) if road.probability is not None else "no estimate given"


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


# --- sections --------------------------------------------------------------------------
def _header(d: Debrief) -> str:
    end = d.graph.node(d.end).title
    status = f"finished at “{end}”" if d.finished else f"in progress, at “{end}”"
    rows = [
        ["Game file", f"`{d.store}`"], ["Started", d.created], ["Status", cell(status, 200)],
        ["Moves on the final path", str(len(d.steps))], ["Dice seed", str(d.seed)],
        ["Turn timer", f"{d.timer:g} s" if d.timer else "none"],
    ]
    return f"# Debrief: {d.title}\n\n" + _table(["", ""], rows)


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
    who = f"{step.team} — {step.actor_name} decides" if step.kind == NodeKind.DECISION else "Facilitator — chance"
    out = [f"### {step.number}. {step.node_title}", "", f"*Turn {step.turn} · {who} · {step.time}*", ""]
    if step.how == "injected":
        out += [f"**Facilitator's inject:** the game moved to “{step.to_title}”.", "", f"**Reason:** {step.reason}", ""]
        return out
    taken = step.taken
    chances = f" — {odds(taken)}" if taken else ""
    if step.how == "decided":
        out += [f"**Chose:** {step.label}{chances}", ""]
        out += ["**Rationale:**", "", quote(step.rationale), ""] if step.rationale else ["*Rationale skipped.*", ""]
    if step.roll is not None:
        out += ["**Dice:**", "", "```text", *step.roll.explain(), "```", ""]
    if step.how == "rolled":
        out += [f"**Result:** {step.label}{chances}", ""]
    if step.how == "overridden":
        out += [f"**Overridden by the facilitator:** {step.label}{chances}", "", f"**Reason:** {step.reason}", ""]
    if step.sources:
        out += ["**Sources:**", "", *(f"- {citation_text(c)}" for c in step.sources), ""]
    if step.not_taken:
        basis = "the analyst's estimates" if step.kind == NodeKind.DECISION else "the odds"
        out += [f"**Roads not taken** ({basis}):", ""]
        out += [f"- {road.label} — {odds(road)}" + (" *(historical)*" if road.historical else "")
                for road in step.not_taken]
        out.append("")
    changes = [f"{d.graph.scenario.metrics[m].label} {number(step.before[m])} → {number(v)}"
               for m, v in step.after.items() if v != step.before.get(m)]
    if changes:
        out += [f"**Metrics:** {'; '.join(changes)}", ""]
    return out


def _describe_move(d: Debrief, move: tuple[str, int] | None) -> str:
    if move is None:
        return ""
    node_id, index = move
    if index < 0:
        return "*(inject)*"
    return d.graph.actions(node_id)[index].option.label


def _compare(d: Debrief) -> str:
    lines = ["## Paths compared", ""]
    shown = [line for line in d.lines if line.moves or not line.note or line is d.lines[0]]
    head = ["Step", *(line.name for line in shown)]
    ours = d.lines[0].moves
    rows = []
    for i in range(max(len(line.moves) for line in shown)):
        row = [str(i + 1)]
        for line in shown:
            move = line.moves[i] if i < len(line.moves) else None
            same = line is not d.lines[0] and i < len(ours) and move == ours[i]
            row.append(cell(_describe_move(d, move)) + (" ✓" if same else ""))
        rows.append(row)
    rows.append(["End", *(cell(d.graph.node(line.end).title) for line in shown)])
    lines += [_table(head, rows), "", "✓ marks a move the class made too.", ""]
    lines += [f"- {_parting(d, line)}" for line in d.lines[1:]]
    return "\n".join(lines)


def _parting(d: Debrief, line: Line) -> str:
    if line.note and not line.moves:
        return f"**{line.name}:** {line.note}."
    ours = d.lines[0].moves
    for i, (mine, theirs) in enumerate(zip(ours, line.moves, strict=False)):
        if mine != theirs:
            if mine[0] != theirs[0]:
                return f"**{line.name}:** the paths reach different places at step {i + 1}."
            title = d.graph.node(mine[0]).title
            return (f"**{line.name}:** parted at step {i + 1}, “{title}”: the class chose "
                    f"“{_describe_move(d, mine)}”, this path “{_describe_move(d, theirs)}”.")
    note = f" ({line.note})" if line.note else ""
    if len(ours) == len(line.moves):
        return f"**{line.name}:** the class followed it all the way{note}."
    shorter = "the class's path stops" if len(ours) < len(line.moves) else "this path stops"
    return f"**{line.name}:** the same as far as both go; {shorter} after step {min(len(ours), len(line.moves))}{note}."


def _results(d: Debrief) -> str:
    graph = d.graph
    start, end = d.series[0], d.series[-1]
    rows = [[cell(graph.scenario.metrics[m].label), number(start[m]), number(end[m]), f"{end[m] - start[m]:+g}"]
            for m in graph.metric_ids]
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


def _chart(d: Debrief) -> str:
    graph = d.graph
    if not graph.metric_ids:
        return ""
    head = ["Step", *(cell(graph.scenario.metrics[m].label, 20) for m in graph.metric_ids)]
    rows = [[str(i) if i else "start", *(number(state[m]) for m in graph.metric_ids)] for i, state in enumerate(d.series)]
    width = max(len(graph.scenario.metrics[m].label) for m in graph.metric_ids)
    sparks = []
    for m in graph.metric_ids:
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
