"""Helpers for the TUI tests: loading scenarios, generating hostile ones, planning walks."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from explorer.graph import ScenarioGraph
from explorer.loading import load_scenario, load_text
from explorer.walk import Walk

HERE = Path(__file__).parent
FIXTURE = HERE / "fixture.yaml"
ROUNDS = HERE / "fixtures" / "rounds.yaml"
"""Three actors in rounds: a locked move, a covert one, private text, hidden metrics, a mixed stage."""
SIZE = (100, 32)


def notes(app: App[object]) -> list[str]:
    """What the app has said so far: its notifications (toasts), and the walk's status line."""
    from explorer.tui.widgets.status_line import StatusLine

    said = [n.message for n in app._notifications]
    for screen in app.screen_stack:
        said += [line for status in screen.query(StatusLine) for line in status.said]
    return said


def load_graph(path: Path) -> ScenarioGraph:
    result = load_scenario(path)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    assert result.graph is not None
    return result.graph


def graph_from_text(text: str) -> ScenarioGraph:
    result = load_text(text, "generated.yaml")
    assert result.ok, [str(p) for p in result.problems.sorted()]
    assert result.graph is not None
    return result.graph


def routes_to_outcomes(graph: ScenarioGraph, wanted: int, limit: int = 20_000) -> dict[str, list[int]]:
    """Up to `wanted` different outcomes, each with the option numbers (1–9) that reach it.

    A depth-first search over a `Walk`, so it follows the scenario's own rules (locks,
    effects); it is how a person pressing digits could get there.
    """
    walk = Walk(graph, seed=0)
    found: dict[str, list[int]] = {}
    visits = 0

    def search(keys: list[int]) -> None:
        nonlocal visits
        visits += 1
        if len(found) >= wanted or visits > limit:
            return
        if walk.is_over:
            found.setdefault(walk.node_id, list(keys))
            return
        for view in walk.options():
            if view.available and view.number <= 9:
                walk.take(view.index)
                search([*keys, view.number])
                walk.back()

    search([])
    return found


LONG_WORD = "Supercalifragilistic" * 150  # 3,000 letters, no space to break at
MARKUP = "[bold]not bold[/] [/] [red]x[/red] [@click=app.quit]no action[/] $var"
ANSI = "\\x1b[31mred?\\x1b[0m \\x1b[2J"  # YAML escapes: real ESC characters once loaded


def hostile_yaml(lines: int = 5_000) -> str:
    """A valid scenario whose every text field tries to break the screen: markup, ANSI
    escapes, a 3,000-letter word, and a node text of `lines` lines."""
    long_text = "\\n".join(f"line {i} [b]{i}[/b] \\x1b[1m" for i in range(lines))
    return f'''\
format: 1
id: hostile
title: "{MARKUP} {ANSI}"
summary: "{MARKUP}\\n\\n{LONG_WORD}"
as_of: "[/]"
authors: ["[bold]"]
sources:
  s1: {{title: "{MARKUP}", author: "[/]", note: "{ANSI}"}}
actors:
  a: {{name: "{MARKUP}", short: "[/]", color: "[red]"}}
  b: {{name: "{LONG_WORD}", color: "#00ff00"}}
metrics:
  m: {{label: "{MARKUP}", min: 0, max: 10, initial: 5}}
  w: {{label: "{LONG_WORD}", initial: 0}}
start: n1
nodes:
  n1:
    kind: decision
    actor: a
    title: "{MARKUP} {ANSI}"
    when: "[/]"
    text: "{long_text}"
    sources: [{{ref: s1, note: "{MARKUP}"}}]
    options:
      - label: "{MARKUP} {ANSI}"
        to: n2
        effects: {{m: 1, w: 2}}
        rationale: "{MARKUP}"
        indicators: ["{MARKUP}", "{LONG_WORD}"]
      - label: "{LONG_WORD}"
        to: n2
        requires: "m >= 9"
  n2:
    kind: chance
    title: "{LONG_WORD}"
    text: "{MARKUP}\\n\\n{LONG_WORD}"
    options:
      - {{label: "[/]", to: end1, probability: 0.5}}
      - {{label: "{ANSI}", to: end2, probability: 0.5}}
  end1: {{kind: outcome, title: "{MARKUP}", text: "{long_text}", payoffs: {{a: 1, b: -1}}}}
  end2: {{kind: outcome, title: "{LONG_WORD}", payoffs: {{a: 0}}}}
'''


def random_dag_yaml(seed: int, nodes: int = 40) -> str:
    """A random valid scenario: a DAG (nodes shared by several parents), chance nodes,
    locks, up to 11 options on a node, metrics with and without bounds."""
    import random

    rng = random.Random(seed)
    out = [
        "format: 1", f"id: random{seed}", f"title: Random scenario {seed}", "actors:",
        "  x: {name: Xavier, color: not-a-colour}", "  y: {name: Yolanda, short: Yo}",
        "metrics:", "  heat: {label: Heat, min: 0, max: 5, initial: 2}", "  gold: {label: Gold}",
        "start: n0", "nodes:",
    ]  # fmt: skip
    for i in range(nodes):
        later = list(range(i + 1, nodes))
        if len(later) < 2 or (i > nodes // 2 and rng.random() < 0.3):
            out.append(f"  n{i}: {{kind: outcome, title: End {i}, payoffs: {{x: {rng.randint(-5, 5)}}}}}")
            continue
        count = rng.choice([1, 2, 3, 3, 4, 11]) if i else 3
        targets = [rng.choice(later[:8]) for _ in range(count)]
        if rng.random() < 0.3:
            share = round(1 / count, 6)
            probs = [share] * (count - 1) + [round(1 - share * (count - 1), 6)]
            options = [
                f"      - {{label: Branch {k}, to: n{t}, probability: {p}}}"
                for k, (t, p) in enumerate(zip(targets, probs, strict=True))
            ]
            out.append(f"  n{i}:\n    kind: chance\n    title: Chance {i}\n    options:\n" + "\n".join(options))
            continue
        options = []
        for k, t in enumerate(targets):
            extra = ", requires: 'heat >= 3'" if k == 1 else ""
            options.append(
                f"      - {{label: Move {k}, to: n{t}, effects: {{heat: {rng.choice([-1, 1, 2])}, gold: 1}}{extra}}}"
            )
        actor = rng.choice("xy")
        out.append(
            f"  n{i}:\n    kind: decision\n    actor: {actor}\n    title: Node {i}\n    options:\n" + "\n".join(options)
        )
    return "\n".join(out) + "\n"
