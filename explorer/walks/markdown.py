"""A solo walk written out as Markdown: the scenario, the seed, the path (every step with its move —
every actor's at a round — the state change, the dice and the sources), the notes (those off the
path too), where it ended with the payoffs, each metric over the path, and the walk marked for
comparison and the historical path side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.format.citation_words import citation_text, cite
from explorer.format.probability_words import describe
from explorer.game.report import quote, sparkline
from explorer.graph import ScenarioGraph
from explorer.walk import Step
from explorer.walks.compare import Line, compare, historical_line, line_of, snapshot_line
from explorer.walks.session import PositionKey, WalkSession, position_key

if TYPE_CHECKING:
    from explorer.analysis.outlooks import Outlooks

BAR = 24
"""Cells of a full bar in the odds chart."""
POLICY = "beliefs"


def _text(value: object) -> str:
    """Scenario text on one line, Markdown's own characters escaped so that it reads literally."""
    text = " ".join(str(value).split())
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _actor(graph: ScenarioGraph, actor: str | None) -> str:
    if actor is None:
        return "Chance"
    found = graph.scenario.actors.get(actor)
    return found.name if found is not None else actor


def _number(value: float) -> str:
    return f"{value:g}"


def step_words(graph: ScenarioGraph, step: Step) -> str:
    """'**North Korea**: Test a missile', a round as each actor's move and the rule that fired."""
    if step.jump:
        return f"*jump to {_text(graph.node(step.to).title)}*"
    if step.play is not None:
        node = graph.node(step.node_id)
        moves = []
        for actor, index in zip(step.play.actors, step.play.moves, strict=True):
            if index is None:
                moves.append(f"{_text(_actor(graph, actor))}: *sat out*")
                continue
            move = node.moves[actor][index]
            moves.append(f"{_text(_actor(graph, actor))}: {_text(move.label)}" + (" *(covert)*" if move.covert else ""))
        return f"**{_text(node.title)}** — {'; '.join(moves)} → rule fired: {_text(step.label)}"
    return f"**{_text(_actor(graph, step.actor))}**: {_text(step.label)}"


def change_words(graph: ScenarioGraph, step: Step) -> str:
    parts = []
    for metric, before, after in zip(graph.metric_ids, step.before, step.after, strict=True):
        if after != before:
            label = graph.scenario.metrics[metric].label
            parts.append(f"{_text(label)} {after - before:+g} (→ {_number(after)})")
    return ", ".join(parts)


def step_sources(graph: ScenarioGraph, step: Step) -> list[str]:
    node = graph.node(step.node_id)
    citations = list(node.sources)
    if step.play is None and not step.jump and 0 <= step.index < len(getattr(node, "options", ())):
        citations += node.options[step.index].sources
    return [citation_text(cite(graph.scenario.sources, c)) for c in citations]


def _path(session: WalkSession) -> list[str]:
    graph, history = session.graph, session.walk.history
    out = ["## The path", ""]
    note = session.notes.get(())
    if note:
        out += ["0. Start", "", quote(note), ""]
    for n, step in enumerate(history, start=1):
        line = f"{n}. {step_words(graph, step)}"
        change = change_words(graph, step)
        if change:
            line += f" — {change}"
        if step.roll is not None:
            again = f", re-roll {step.roll.attempt}" if step.roll.attempt else ""
            line += f" *(dice drew {step.roll.value:.3f}{again}; seed key {step.roll.key})*"
        out.append(line)
        sources = step_sources(graph, step)
        if sources:
            out += [f"   - Source: {_text(s)}" for s in sources]
        note = session.notes.get(position_key(history[:n]))
        if note:
            out += ["", "\n".join("   " + row for row in quote(note).splitlines()), ""]
    if not history:
        out.append("*(no step taken)*")
    return out


def _where(session: WalkSession) -> list[str]:
    graph, walk = session.graph, session.walk
    node = walk.node
    out = ["## Where the walk " + ("ended" if walk.is_over else "stands"), "", f"**{_text(node.title)}**", ""]
    if walk.is_over:
        out += ["| Actor | Payoff |", "|---|---|"]
        out += [f"| {_text(_actor(graph, a))} | {_number(v)} |" for a, v in walk.payoffs().items()]
        out.append("")
    out += ["| Metric | Start | Now | Over the path |", "|---|---|---|---|"]
    states = [walk.history[0].before if walk.history else walk.state] + [s.after for s in walk.history]
    for i, metric in enumerate(graph.metric_ids):
        spec = graph.scenario.metrics[metric]
        values = [s[i] for s in states]
        hidden = f" *(hidden: seen by {', '.join(spec.visible_to)} only)*" if spec.visible_to is not None else ""
        out.append(f"| {_text(spec.label)}{hidden} | {_number(values[0])} | {_number(values[-1])} | "
                   f"{sparkline(values, spec.min, spec.max)} |")
    return out


def _off_path_notes(session: WalkSession) -> list[str]:
    on_path = {position_key(session.walk.history[:n]) for n in range(len(session.walk.history) + 1)}
    off: list[tuple[PositionKey, str]] = [(k, t) for k, t in session.notes.items() if k not in on_path]
    if not off:
        return []
    graph = session.graph
    out = ["## Notes on other branches", ""]
    for key, text in off:
        where = " › ".join(_text(graph.node(to).title) if to in graph else _text(to) for _, _, to in key) or "Start"
        out += [f"- At {where}:", "", "\n".join("  " + row for row in quote(text).splitlines()), ""]
    return out


def _comparison(session: WalkSession) -> list[str]:
    graph = session.graph
    lines: list[Line] = [line_of("This walk", session.walk)]
    if session.marked is not None:
        m = session.marked
        lines.append(snapshot_line(graph, "Marked walk", m.history, m.node_id, m.state))
    lines.append(historical_line(graph))
    found = compare(lines)
    head = ["", *[_text(line.name) for line in lines]]
    rows = [["Steps in common with this walk", *[str(n) for n in found.shared]],
            ["Steps", *[str(len(line.steps)) for line in lines]],
            ["Where it ends", *[_text(graph.node(line.node_id).title) + ("" if line.over else " (not an ending)")
                                for line in lines]]]
    for actor in graph.scenario.actors:
        rows.append([f"Payoff: {_text(_actor(graph, actor))}",
                     *[_number(line.payoffs[actor]) if line.payoffs else "—" for line in lines]])
    for i, metric in enumerate(graph.metric_ids):
        rows.append([_text(graph.scenario.metrics[metric].label), *[_number(line.state[i]) for line in lines]])
    out = ["## Compared", "", "| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    notes = [f"- {_text(line.name)}: {_text(line.note)}" for line in lines if line.note]
    return out + (["", *notes] if notes else [])


def odds_chart(outlooks: Outlooks, node_id: str, state: tuple[float, ...]) -> list[str]:
    """The odds of each ending (grouped by title) from a position, as bars in a text block."""
    from explorer.analysis.outlooks import group_odds, odds_from

    analysis = outlooks.analysis
    position = analysis.unfolding.find(node_id, state)
    if position is None:
        return ["*(the analysis does not reach this position)*"]
    groups = group_odds(odds_from(analysis, analysis.tables[POLICY], position), outlooks.classes, outlooks.order)
    width = min(max((len(g.label) for g in groups), default=8), 40)
    rows = []
    for group in groups:
        label = " ".join(group.label.split())
        label = label if len(label) <= width else label[: width - 1] + "…"
        bar = "█" * round(group.probability * BAR)
        rows.append(f"{label:<{width}}  {bar:<{BAR}}  {describe(group.probability)}")
    return ["```text", *rows, "```"]


def _odds(session: WalkSession, outlooks: Outlooks | None) -> list[str]:
    if outlooks is None:
        return []
    graph, walk = session.graph, session.walk
    out = ["## Outcome odds", "", f"Each ending's odds under the analyst's estimates ({POLICY} policy).", "",
           "From the start:", "", *odds_chart(outlooks, graph.start, graph.initial_state)]
    if walk.history and not walk.is_over:
        out += ["", "From where the walk stands:", "", *odds_chart(outlooks, walk.node_id, tuple(walk.state))]
    return out


def walk_markdown(session: WalkSession, scenario_path: str = "", outlooks: Outlooks | None = None) -> str:
    """The whole walk as a Markdown document; with `outlooks` (the solved scenario), the odds of each
    ending from the start and from where the walk stands, as a chart."""
    graph = session.graph
    scenario = graph.scenario
    head = [f"# A walk through {_text(scenario.title)}", ""]
    facts = [f"- Scenario: `{scenario.id}`" + (f" ({_text(scenario_path)})" if scenario_path else ""),
             f"- Seed: {session.seed} (the same seed and the same moves give the same rolls)",
             f"- Steps: {len(session.walk.history)}; notes: {len(session.notes)}; "
             f"endings reached this session: {len(session.endings)}"]
    parts = [*head, *facts, "", *_path(session), "", *_where(session), "", *_comparison(session)]
    odds = _odds(session, outlooks)
    if odds:
        parts += ["", *odds]
    off = _off_path_notes(session)
    if off:
        parts += ["", *off]
    return "\n".join(parts).rstrip() + "\n"
