"""The `kind` of a citation: the model, the checks (always and under `--citations`), and how a
citation reads on screen and in exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.checks.citations import check_citation_kinds
from explorer.cli import main
from explorer.export.graphml import to_graphml
from explorer.format.citation_words import KIND_WORDS, citation_text, cite
from explorer.format.models import Source, SourceRef
from explorer.loading import load_text
from tests.test_format_rules import BASE, assert_problems, variant

SOURCES = """\
sources:
  art: {title: An article, author: A. Writer, outlet: The Paper, date: spring 2019}
  news: {title: It happened, outlet: The Wire}
  dated: {title: A report, outlet: The Wire, date: 4 May 2019}
start: open
"""


def sourced(*pairs: str) -> str:
    return variant("start: open\n", SOURCES, *pairs)


def test_a_citation_may_say_its_kind() -> None:
    text = sourced("    title: Open\n", "    title: Open\n    sources:\n"
                   "      - {ref: art, kind: article, note: para 2}\n"
                   "      - {ref: dated, kind: history}\n"
                   "      - {ref: art, kind: judgement, note: our reading of para 3}\n")
    result = load_text(text, "s.yaml")
    assert result.ok and not result.problems.items
    kinds = [c.kind for c in result.graph.node("open").sources]
    assert kinds == ["article", "history", "judgement"]


def test_format_1_citations_without_kind_stay_valid() -> None:
    text = sourced("    title: Open\n", "    title: Open\n    sources: [art, {ref: art, note: para 1}]\n")
    result = load_text(text, "s.yaml")
    assert result.ok and not result.problems.items
    assert [c.kind for c in result.graph.node("open").sources] == [None, None]


def test_an_unknown_kind_is_an_error_at_its_value() -> None:
    text = sourced("    title: Open\n", "    title: Open\n    sources: [{ref: art, kind: opinion}]\n")
    assert_problems(text, (19, 32, "error", "'kind' in node 'open', source 1: input should be 'article', 'history' or 'judgement'"))


def test_a_history_citation_needs_a_dated_source() -> None:
    text = sourced("    title: Open\n", "    title: Open\n    sources: [{ref: news, kind: history}, {ref: dated, kind: history}]\n")
    assert_problems(text, (19, 33, "error", "source 'news' has no 'date'"))
    option = sourced("        to: end\n", "        to: end\n        sources: [{ref: news, kind: history}]\n")
    assert_problems(option, (22, 37, "error", "node 'open', option 1: a 'history' citation needs a dated source"))


def test_the_citations_opt_in_warns_about_what_is_missing() -> None:
    text = sourced(
        "    title: Open\n", "    title: Open\n    sources: [art]\n",
        "      - label: Gamble\n", "      - label: Gamble\n        historical: true\n        sources: [{ref: art, kind: article, note: para 1}]\n",
    )
    result = load_text(text, "s.yaml")
    assert result.ok and not result.problems.warnings
    check_citation_kinds(result.scenario, result.locator, result.problems)
    found = [(p.position.line, p.message) for p in result.problems.sorted()]
    assert found == [
        (19, "node 'open': the citation of 'art' does not say its kind (article, history or judgement)"),
        (21, "node 'open', option 1 cites no source"),
        (24, "node 'open', option 2 is marked historical but cites no 'history' source (a dated report or record)"),
        (27, "node 'dice' cites no source"),
        (31, "node 'dice', option 1 cites no source"),
        (32, "node 'dice', option 2 cites no source"),
        (33, "node 'end' cites no source"),
    ]


def test_check_citations_is_opt_in_and_strict_makes_it_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    assert main(["check", "--citations", str(path)]) == 0
    assert main(["check", "--strict", "--citations", str(path)]) == 1
    out = capsys.readouterr().out
    assert "s.yaml:11:3: warning: node 'open' cites no source" in out
    assert out.splitlines()[-1].startswith("0 error(s), 7 warning(s) in 1 scenario(s)")


def test_citations_read_in_words_a_student_understands() -> None:
    assert KIND_WORDS == {"article": "the article says", "history": "it happened", "judgement": "the scenario's authors judge"}
    sources = {"art": Source(title="An article", author="A. Writer", outlet="The Paper", date="2019")}
    told = cite(sources, SourceRef(ref="art", kind="article", note="para 2"))
    assert citation_text(told) == "the article says: An article (A. Writer; The Paper; 2019) — para 2"
    assert citation_text(cite(sources, SourceRef(ref="art"))) == "An article (A. Writer; The Paper; 2019)"
    assert citation_text(cite(sources, SourceRef(ref="gone", kind="judgement"))) == "the scenario's authors judge: gone"


def test_the_tui_source_line_leads_with_the_kind() -> None:
    from explorer.tui.wording import source_line

    text = sourced("    title: Open\n", "    title: Open\n    sources: [{ref: dated, kind: history, note: the launch}]\n")
    graph = load_text(text, "s.yaml").graph
    assert source_line(graph, "dated", "the launch", "history").plain == "• it happened: A report (The Wire; 4 May 2019) — the launch"
    assert source_line(graph, "art", "para 2").plain == "• An article (A. Writer; The Paper; spring 2019) — para 2"


def test_graphml_keeps_the_kind() -> None:
    text = sourced("    title: Open\n", "    title: Open\n    sources: [{ref: dated, kind: history, note: the launch}, art]\n")
    out = to_graphml(load_text(text, "s.yaml").graph)
    assert "history: dated (the launch); art" in out


ROUNDS = """\
format: 2
id: r
title: Rounds
sources:
  art: {title: An article, outlet: The Paper, date: spring 2019}
  news: {title: It happened, outlet: The Wire}
actors: {a: {name: A}, b: {name: B}}
start: one
nodes:
  one:
    kind: round
    title: One
    sources: [{ref: art, kind: article, note: para 1}]
    moves: &both
      a:
        - {id: x, label: X, historical: true, sources: [{ref: art, kind: article, note: para 2}]}
        - {id: y, label: Y}
      b:
        - {id: x, label: X, sources: [art]}
    then:
      - {picks: {a: x}, to: two, sources: [{ref: art, kind: judgement, note: ours}]}
      - {id: rest, to: two}
  two:
    kind: round
    title: Two
    sources: [{ref: art, kind: article, note: para 3}]
    moves: *both
    then: [{to: end, sources: [{ref: news, kind: history}]}]
  end: {kind: outcome, title: End, payoffs: {a: 1, b: 1}, sources: [{ref: art, kind: article, note: para 4}]}
injects:
  flash:
    title: News
    historical: true
    sources: [{ref: news, kind: history}]
  quiet: {title: Quiet}
"""


def test_round_moves_rules_and_injects_are_held_to_the_same_standard() -> None:
    result = load_text(ROUNDS, "r.yaml")
    found = [(p.position.line, p.position.col, p.message) for p in result.problems.sorted()]
    assert found == [
        (28, 50, "round 'two', rule 1: a 'history' citation needs a dated source, and source 'news' has no 'date' "
                 "(give the date of the report or record)"),
        (34, 33, "inject 'flash': a 'history' citation needs a dated source, and source 'news' has no 'date' "
                 "(give the date of the report or record)"),
    ]
    dated = load_text(ROUNDS.replace("news: {title: It happened, outlet: The Wire}",
                                     "news: {title: It happened, outlet: The Wire, date: 1 May 2019}"), "r.yaml")
    assert dated.ok and not dated.problems.items
    check_citation_kinds(dated.scenario, dated.locator, dated.problems)
    found = [(p.position.line, p.message) for p in dated.problems.sorted()]
    assert found == [  # the moves shared by both rounds through the anchor: once, where they are written
        (16, "round 'one', a's move 'x' is marked historical but cites no 'history' source (a dated report or record)"),
        (17, "round 'one', a's move 'y' cites no source"),
        (19, "round 'one', b's move 'x': the citation of 'art' does not say its kind (article, history or judgement)"),
        (22, "round 'one', rule 2 ('rest') cites no source"),
        (35, "inject 'quiet' cites no source"),
    ]
