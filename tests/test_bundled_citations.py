"""Issue 14: every citation of the bundled scenarios — the analyst's tree and the classroom edition in
rounds — says what kind of claim it supports, and points somewhere that exists: a paragraph of the
article, or a dated report. In the classroom edition that covers every round move, rule and inject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer.bundled import scenarios_dir
from explorer.checks.citations import check_citation_kinds, cited_items
from explorer.loading import load_scenario

ROOT = Path(__file__).resolve().parent.parent

BODY_PARAGRAPHS = {"bosack2019": 14, "daminov2019": 10}
"""The articles' body paragraphs, counted as the sources' notes say (from the opening paragraph to
the last one before the author's biography). Checked against the articles where they are at hand."""

SEEDS = {
    "bosack2019": ("000_6cec0ba30b4f510f.txt", "When Kim Jong Un boarded", "Michael MacArthur Bosack is"),
    "daminov2019": ("001_326f0d1b9ff8c327.txt", "The Hanoi summit between", "Daminov Ildar is"),
}
"""The seed file of each article, the opening words of its first paragraph and of its biography."""

PARAS = re.compile(r"^paras? (\d+)(?:\s*(?:–|-|and)\s*(\d+))?,")


SCENARIOS = ("nk_hanoi.yaml", "nk_hanoi_class.yaml")
"""The bundled scenarios held to the sourced standard: the analyst's tree and the classroom edition."""


def cited(load) -> list[tuple[str, object]]:
    """(where, citation) for every citation of every node, option, round move, round rule and inject."""
    return [(item.where, c) for item in cited_items(load.scenario, load.locator) for c in item.citations]


@pytest.fixture(scope="module", params=SCENARIOS)
def hanoi(request):
    load = load_scenario(scenarios_dir() / request.param)
    assert load.ok, [str(p) for p in load.problems.sorted()]
    return load


def test_every_node_and_option_cites_something_and_every_citation_has_a_kind(hanoi) -> None:
    items = list(cited_items(hanoi.scenario, hanoi.locator))
    assert len(items) > len(hanoi.scenario.nodes)
    for item in items:
        assert item.citations, f"{item.where} cites nothing"
    assert all(c.kind for _, c in cited(hanoi)), [w for w, c in cited(hanoi) if not c.kind]
    check_citation_kinds(hanoi.scenario, hanoi.locator, hanoi.problems)
    assert not hanoi.problems.items, [str(p) for p in hanoi.problems.sorted()]


def test_history_citations_point_to_dated_reports_and_every_historical_option_has_one(hanoi) -> None:
    sources = hanoi.scenario.sources
    history = [(w, c) for w, c in cited(hanoi) if c.kind == "history"]
    assert len({c.ref for _, c in history}) >= 10
    for where, citation in history:
        source = sources[citation.ref]
        assert source.date and re.search(r"\b(19|20)\d\d\b", source.date), f"{where}: {citation.ref} has no dated year"
        assert source.outlet, f"{where}: {citation.ref} names no outlet"
        assert citation.ref not in BODY_PARAGRAPHS, f"{where}: the commentaries are not records of what happened"
    historical = [item for item in cited_items(hanoi.scenario, hanoi.locator) if item.historical]
    assert historical
    for item in historical:
        assert any(c.kind == "history" for c in item.citations), item.where


def test_article_citations_name_paragraphs_that_exist(hanoi) -> None:
    for where, citation in cited(hanoi):
        if citation.kind != "article":
            continue
        assert citation.ref in BODY_PARAGRAPHS, f"{where}: 'article' cites {citation.ref}, not a commentary"
        match = PARAS.match(citation.note or "")
        assert match, f"{where}: the note {citation.note!r} does not start with 'para N,' or 'paras N–M,'"
        numbers = [int(n) for n in match.groups() if n]
        assert all(1 <= n <= BODY_PARAGRAPHS[citation.ref] for n in numbers), f"{where}: {citation.note}"
        assert numbers == sorted(numbers), f"{where}: {citation.note}"


def test_the_sources_say_how_paragraphs_are_counted(hanoi) -> None:
    for ref, count in BODY_PARAGRAPHS.items():
        note = hanoi.scenario.sources[ref].note or ""
        assert f"{count} paragraphs" in note and "para 1" in note, ref


def _seeds() -> Path | None:
    for folder in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"):
        if folder.is_dir():
            return folder
    return None


@pytest.mark.skipif(_seeds() is None, reason="the source articles (shared/seeds) are not beside this checkout")
@pytest.mark.parametrize("ref", sorted(SEEDS))
def test_the_paragraph_counts_match_the_articles(ref: str) -> None:
    name, first, biography = SEEDS[ref]
    text = (_seeds() / name).read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith(first))
    end = next(i for i, b in enumerate(blocks) if b.startswith(biography))
    assert end - start == BODY_PARAGRAPHS[ref]
