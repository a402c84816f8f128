"""A commented skeleton scenario for `explorer new`: one of each node kind, valid under `check --strict`.

The skeleton teaches by example: every section the format has, each key explained in a comment
where it is first used, and placeholders that say what to replace. Everything a person typed
(title, names, labels) is written as a double-quoted YAML string, so no text can break the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from explorer.format.models import ID_PATTERN

_ID = re.compile(ID_PATTERN)
DEFAULT_ACTORS = (("blue", "Blue"), ("red", "Red"))


@dataclass(frozen=True, slots=True)
class Named:
    """An actor (id, name) or a metric (id, label)."""

    id: str
    name: str


@dataclass(frozen=True)
class Spec:
    """What the author chose: title, actors, metrics and the format version."""

    title: str
    actors: tuple[Named, ...]
    metrics: tuple[Named, ...] = ()
    format: int = 1
    scenario_id: str = ""
    schema: str | None = None
    """Where the `# yaml-language-server: $schema=` comment points (a path or URI); None for no comment."""

    @property
    def id(self) -> str:
        return self.scenario_id or slug(self.title)


class SpecError(ValueError):
    """A choice the skeleton cannot be made from; the message says what to type instead."""


def slug(text: str) -> str:
    """A scenario id from a title: lower case, runs of other characters as '_' ("After Hanoi!" → after_hanoi)."""
    words = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_-")
    return words[:60].rstrip("_") or "scenario"


def parse_pair(text: str, what: str) -> Named:
    """`ID=NAME` (or a bare name, whose id is made from it) as typed after --actor or --metric."""
    raw_id, sep, name = text.partition("=")
    raw_id, name = raw_id.strip(), name.strip()
    if not sep:
        raw_id, name = slug(text), text.strip()
    if not raw_id or not name:
        raise SpecError(f"{what} '{text}': write it as ID=NAME, e.g. {'dprk=North Korea' if what == 'actor' else 'tension=Tension'}")
    if not _ID.match(raw_id):
        raise SpecError(f"{what} id '{raw_id}' may hold only letters, digits, '_', '-' and '.'")
    return Named(raw_id, name)


def validate(spec: Spec) -> None:
    """Raise `SpecError` when the skeleton could not be valid as chosen."""
    if not spec.title.strip():
        raise SpecError("the title is empty")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", spec.id):
        raise SpecError(f"scenario id '{spec.id}' must be lowercase letters, digits, '_' and '-'")
    if not spec.actors:
        raise SpecError("a scenario needs at least one actor")
    if spec.format not in (1, 2):
        raise SpecError(f"format {spec.format}: choose 1 (turns) or 2 (rounds of simultaneous moves)")
    for what, items in (("actor", spec.actors), ("metric", spec.metrics)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise SpecError(f"{what} id '{item.id}' is given twice")
            seen.add(item.id)


def q(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes are YAML's; non-ASCII kept as written)."""
    return json.dumps(text, ensure_ascii=False)


def skeleton_text(spec: Spec) -> str:
    """The skeleton scenario as YAML text."""
    validate(spec)
    first = spec.actors[0]
    second = spec.actors[1] if len(spec.actors) > 1 else first
    metric = spec.metrics[0] if spec.metrics else None
    out: list[str] = []
    if spec.schema:
        out.append(f"# yaml-language-server: $schema={spec.schema}")
    out += [
        f"# {spec.title} — a skeleton written by `explorer new`. Replace every TODO, then run:",
        "#   explorer check --strict THIS_FILE     (every problem at once, with fixes)",
        "#   explorer play THIS_FILE               (walk it)",
        "# The guide to every key: `explorer docs authoring`.",
        f"format: {spec.format}",
        f"id: {spec.id}",
        f"title: {q(spec.title)}",
        "summary: |",
        "  TODO: two or three sentences that set the scene. Markdown; the first paragraph opens the start screen.",
        "as_of: 2019-06-30          # TODO: the date the analysis reflects",
        "authors: [TODO your name]",
        "",
        "sources:                   # what the claims rest on; cite them on nodes and options",
        "  main:",
        '    title: "TODO: the commentary this scenario follows"',
        '    note: "TODO: author, outlet, date, url"',
        "",
        "actors:                    # id: {name, short (at most 12 characters), objectives, briefing}",
    ]
    for actor in spec.actors:
        out.append(f"  {actor.id}: {{name: {q(actor.name)}}}")
    if spec.metrics:
        out += ["", "metrics:                   # numbers tracked along a walk; options change them with `effects`"]
        for m in spec.metrics:
            out.append(f"  {m.id}: {{label: {q(m.name)}, min: 0, max: 10, initial: 0}}")
    else:
        out += [
            "",
            "# metrics:                 # numbers tracked along a walk, e.g.:",
            "#   tension: {label: Tension, min: 0, max: 10, initial: 5}",
        ]
    start = "first_round" if spec.format == 2 else "opening"
    out += ["", f"start: {start}", "", "nodes:"]
    if spec.format == 2:
        out += _round(spec, metric)
    out += _opening(first, second, metric, spec.format)
    out += _chance_and_outcomes(spec)
    return "\n".join(out) + "\n"


def _effects(metric: Named | None, amount: int) -> str:
    return f", effects: {{{metric.id}: {amount}}}" if metric else ""


def _opening(first: Named, second: Named, metric: Named | None, fmt: int) -> list[str]:
    gated = f'requires: "{metric.id} >= 1", ' if metric else ""
    lines = []
    if fmt == 1:
        lines += [
            "  opening:",
            "    kind: decision           # an actor chooses one option",
            f"    actor: {first.id}",
            f"    title: {q('TODO: ' + first.name + ' moves first')}",
            "    when: 2019-03            # the scenario time of this node (a date or free text)",
            "    text: |",
            "      TODO: what the actor knows and faces here. Say which thresholds unlock which options.",
            "    sources: [{ref: main, note: \"TODO: where in the source\"}]",
            "    options:                 # probability on a decision: the analyst's estimate (on all options or none)",
            f"      - {{id: talk, label: \"TODO: a conciliatory move\", to: response, probability: 0.6{_effects(metric, -1)},",
            "         rationale: \"TODO: why the actor would do this\", confidence: moderate, historical: true}",
            f"      - {{id: press, label: \"TODO: a pressing move\", to: response, probability: 0.4{_effects(metric, 2)},",
            "         indicators: [\"TODO: what an observer would see if this is happening\"]}",
        ]
    lines += [
        "  response:",
        "    kind: decision",
        f"    actor: {second.id}",
        f"    title: {q('TODO: ' + second.name + ' answers')}",
        "    options:",
        "      - {id: accept, label: \"TODO: accept\", to: deal, historical: true}",
        f"      - {{id: resist, label: \"TODO: resist\", to: gamble, {gated}sources: [main]}}"
        + ("   # locked (shown with the reason) until it holds" if metric else ""),
    ]
    return lines


def _chance_and_outcomes(spec: Spec) -> list[str]:
    deciders = spec.actors if len(spec.actors) > 1 else spec.actors[:1]
    deal = ", ".join(f"{a.id}: 2" for a in deciders)
    crisis = ", ".join(f"{a.id}: {-5 - i}" for i, a in enumerate(deciders))
    stalemate = ", ".join(f"{a.id}: 0" for a in deciders)
    return [
        "  gamble:",
        "    kind: chance             # nature picks by probability: on every option, summing to 1",
        "    title: \"TODO: does the standoff break?\"",
        "    options:",
        "      - {id: holds, label: \"TODO: it holds\", to: stalemate, probability: 0.7}",
        "      - {id: breaks, label: \"TODO: it breaks\", to: crisis, probability: 0.3}",
        "  deal:",
        "    kind: outcome            # an end: payoffs for every actor that decides somewhere",
        "    title: \"TODO: a deal\"",
        f"    payoffs: {{{deal}}}",
        "  stalemate:",
        "    kind: outcome",
        "    title: \"TODO: a stalemate\"",
        f"    payoffs: {{{stalemate}}}",
        "  crisis:",
        "    kind: outcome",
        "    title: \"TODO: a crisis\"",
        f"    payoffs: {{{crisis}}}",
    ]


def _round(spec: Spec, metric: Named | None) -> list[str]:
    """Format 2: a round where every actor moves at once, resolved by rules tried in order."""
    movers = spec.actors[:3]
    lines = [
        "  first_round:",
        "    kind: round              # every listed actor moves at once; orders are revealed together",
        "    title: \"TODO: round 1 — every capital moves\"",
        "    turn: 1",
        "    when: 2019-03",
        "    moves:                   # actor id → that actor's moves (ids unique per actor)",
    ]
    alone = len(movers) == 1  # a round of one actor is a move made in secret: `covert`, and no rule names it
    for i, actor in enumerate(movers):
        press = ", covert: true" + _effects(metric, 2) if alone else _effects(metric, 1)
        lines += [
            f"      {actor.id}:",
            f"        - {{id: hold, label: \"TODO: hold the line\", default: true{_effects(metric, -1) if i == 0 else ''}}}",
            f"        - {{id: press, label: \"TODO: press the advantage\"{press}}}",
        ]
    picks = ", ".join(f"{a.id}: press" for a in movers)
    lines.append("    then:                    # rules, tried in order; the last one has no condition")
    if not alone:
        lines.append(f"      - {{id: all_press, picks: {{{picks}}}, to: gamble, label: \"TODO: everyone presses\"}}")
    lines += [
        "      - {to: opening}",
        "  opening:",
        "    kind: decision",
        f"    actor: {spec.actors[0].id}",
        f"    title: {q('TODO: ' + spec.actors[0].name + ' decides what comes next')}",
        "    options:",
        "      - {id: talk, label: \"TODO: talk\", to: response}",
        "      - {id: wait, label: \"TODO: wait\", to: gamble}",
    ]
    return lines
