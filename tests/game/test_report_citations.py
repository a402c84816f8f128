"""The debrief report and screen show what each step cites, with the kind of claim."""

from __future__ import annotations

from pathlib import Path

from explorer.game.debrief import debrief_of
from explorer.game.report import render
from explorer.game.session import GameSession
from explorer.game.teams import Teams
from explorer.loading import load_scenario

SCENARIO = """\
format: 1
id: cited
title: Cited
sources:
  art: {title: An article, author: A. Writer, outlet: The Paper, date: spring 2019}
  wire: {title: The launch, outlet: The Wire, date: 4 May 2019}
actors:
  a: {name: Alpha}
start: open
nodes:
  open:
    kind: decision
    actor: a
    title: Open
    sources: [{ref: art, kind: article, note: para 2}]
    options:
      - label: Launch
        to: end
        historical: true
        sources: [{ref: wire, kind: history}, {ref: art, kind: judgement, note: our reading of para 3}]
      - {label: Wait, to: end}
  end:
    kind: outcome
    title: End
    payoffs: {a: 1}
    sources: [art]
"""


def _load(folder: Path) -> object:
    path = folder / "cited.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    load = load_scenario(path)
    assert load.ok, [str(p) for p in load.problems.sorted()]
    return load


def test_the_report_lists_each_steps_sources_with_their_kind(tmp_path: Path) -> None:
    load = _load(tmp_path)
    game = GameSession.create(load, tmp_path / "g.sqlite", teams=Teams.from_pairs([("a", "Blue")]), seed=1)
    try:
        game.decide(0, "because")
        debrief = debrief_of(game)
        assert [c.kind for c in debrief.steps[0].sources] == ["article", "history", "judgement"]
        text = render(debrief)
    finally:
        game.close()
    assert (
        "**Sources:**\n\n"
        "- the article says: An article (A. Writer; The Paper; spring 2019) — para 2\n"
        "- it happened: The launch (The Wire; 4 May 2019)\n"
        "- the scenario's authors judge: An article (A. Writer; The Paper; spring 2019) — our reading of para 3\n"
    ) in text
    assert "Sources of this ending:\n\n- An article (A. Writer; The Paper; spring 2019)" in text


def test_the_debrief_screen_text_shows_the_sources(tmp_path: Path) -> None:
    from explorer.tui.game.debrief_text import step_text

    load = _load(tmp_path)
    game = GameSession.create(load, tmp_path / "g.sqlite", teams=Teams.from_pairs([("a", "Blue")]), seed=1)
    try:
        game.decide(0, None)
        debrief = debrief_of(game)
    finally:
        game.close()
    plain = step_text(debrief, debrief.steps[0], width=200).plain
    assert "source: it happened: The launch (The Wire; 4 May 2019)" in plain
    assert "source: the article says: An article (A. Writer; The Paper; spring 2019) — para 2" in plain
