"""Every rule of the format page, valid and invalid; invalid ones at their exact LINE:COL."""

from __future__ import annotations

import pytest

from explorer.loading import load_text

BASE = """\
format: 1
id: base
title: Base
actors:
  a: {name: Alpha}
  b: {name: Beta}
metrics:
  m: {label: M, min: 0, max: 10, initial: 5}
start: open
nodes:
  open:
    kind: decision
    actor: a
    title: Open
    options:
      - label: Go
        to: end
      - label: Gamble
        to: dice
  dice:
    kind: chance
    title: Dice
    options:
      - {label: Win, to: end, probability: 0.5}
      - {label: Lose, to: end, probability: 0.5}
  end:
    kind: outcome
    title: End
    payoffs: {a: 1, b: 0}
"""


def variant(*pairs: str, text: str = BASE) -> str:
    """BASE with each (old, new) pair replaced once; fails loudly when `old` is not there."""
    assert len(pairs) % 2 == 0
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def problems_of(text: str) -> list[tuple[int, int, str, str]]:
    result = load_text(text, "s.yaml")
    return [(p.position.line, p.position.col, p.severity, p.message) for p in result.problems.sorted()]


def assert_problems(text: str, *expected: tuple[int, int, str, str]) -> None:
    """Exactly the expected problems: (line, col, severity, fragment of the message)."""
    found = problems_of(text)
    shown = "\n".join(f"{line}:{col} {sev} {msg}" for line, col, sev, msg in found)
    assert len(found) == len(expected), shown
    for (line, col, severity, message), (e_line, e_col, e_sev, fragment) in zip(found, sorted(expected, key=_order), strict=True):
        assert (line, col, severity) == (e_line, e_col, e_sev), shown
        assert fragment in message, shown


def _order(row: tuple[int, int, str, str]) -> tuple[bool, int, int]:
    return (row[2] != "error", row[0], row[1])


def test_base_is_valid() -> None:
    result = load_text(BASE, "s.yaml")
    assert result.ok and result.problems.items == []
    assert result.graph is not None and len(result.graph) == 3


# --- top level ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "col", "fragment"),
    [
        ("format: 3", 9, "format 3 is not supported; this explorer reads formats 1 and 2"),
        ("format: 0", 9, "format 0 is not supported"),
        ("format: '1'", 10, "format '1' is not supported"),
        ("format: true", 9, "format True is not supported"),
        ("format: one", 9, "format 'one' is not supported"),
        ("format: [1]", 9, "format [1] is not supported"),
    ],
)
def test_format_version(line: str, col: int, fragment: str) -> None:
    assert_problems(variant("format: 1", line), (1, col, "error", fragment))


def test_format_missing() -> None:
    assert_problems(variant("format: 1\n", ""), (1, 1, "error", "missing required key 'format'"))


@pytest.mark.parametrize("slug", ["base", "b", "0", "2019", "a-b_c", "nk_hanoi-2019", "9lives"])
def test_scenario_id_slugs(slug: str) -> None:
    assert problems_of(variant("id: base", f"id: {slug}")) == []


@pytest.mark.parametrize(
    ("value", "col"),
    [("Base", 5), ("-base", 5), ("_base", 5), ("ba se", 5), ("base.v1", 5), ("bäse", 5), ("'base!'", 6), ("''", 6)],
)
def test_scenario_id_not_a_slug(value: str, col: int) -> None:
    assert_problems(variant("id: base", f"id: {value}"), (2, col, "error", "is not a valid id: use lowercase letters"))


def test_required_top_level_keys() -> None:
    text = variant("title: Base\n", "", "start: open\n", "")
    assert_problems(
        text,
        (1, 1, "error", "missing required key 'title'"),
        (1, 1, "error", "missing required key 'start'"),
    )


def test_unknown_top_level_key_with_suggestion() -> None:
    assert_problems(variant("title: Base", "title: Base\ntitel: again\nsummery: x"),
                    (4, 1, "error", "unknown key 'titel' (did you mean 'title'?)"),
                    (5, 1, "error", "unknown key 'summery' (did you mean 'summary'?)"))


def test_unknown_key_without_close_match_lists_the_allowed_keys() -> None:
    assert_problems(variant("title: Base", "title: Base\nzzz: 1"),
                    (4, 1, "error", "unknown key 'zzz' (allowed: format, id, title, summary"))


def test_optional_top_level_keys() -> None:
    text = variant(
        "title: Base",
        "title: Base\nsummary: |\n  **Bold** [/] [red]x[/red]\nas_of: 2019-06-30\nauthors: [Ann, Bob]\n"
        "sources:\n  s1: {title: T, author: A, outlet: O, date: 2019-02-28, url: 'https://x', note: N}",
    )
    result = load_text(text, "s.yaml")
    assert result.ok, result.problems.sorted()
    scenario = result.scenario
    assert scenario.as_of == "2019-06-30" and scenario.authors == ["Ann", "Bob"]
    assert scenario.summary == "**Bold** [/] [red]x[/red]\n"
    assert scenario.sources["s1"].date == "2019-02-28"


@pytest.mark.parametrize("as_of", ["2019-06-30", "'2019-06-30'", '"June 2019"', "2019", "1:30"])
def test_as_of_dates_bare_or_quoted(as_of: str) -> None:
    result = load_text(variant("title: Base", f"title: Base\nas_of: {as_of}"), "s.yaml")
    assert result.ok
    assert result.scenario.as_of == as_of.strip("'\"")


@pytest.mark.parametrize(
    ("line", "col", "fragment"),
    [
        ("title: [a, b]", 8, "'title': expected text, got a list"),
        ("title:", 7, "'title': expected text, got None"),
        ("title: {a: 1}", 8, "'title': expected text, got a mapping"),
    ],
)
def test_wrong_types_at_top(line: str, col: int, fragment: str) -> None:
    assert_problems(variant("title: Base", line), (3, col, "error", fragment))


def test_authors_wrong_type() -> None:
    assert_problems(variant("title: Base", "title: Base\nauthors: {a: 1}"),
                    (4, 10, "error", "'authors': expected a list, got a mapping"))


def test_a_single_author_is_a_one_item_list() -> None:
    result = load_text(variant("title: Base", "title: Base\nauthors: Ann"), "s.yaml")
    assert result.ok and result.scenario.authors == ["Ann"]


def test_top_level_must_be_a_mapping() -> None:
    assert_problems("- format: 1\n", (1, 1, "error", "must be a mapping of keys"))
    assert_problems("just text\n", (1, 1, "error", "must be a mapping of keys"))


# --- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize("node_id", ["no", "yes", "off", "y", "2019", "1.0", "007", "v1.2-b_c", "A", "end.1"])
def test_numeric_and_word_like_node_ids(node_id: str) -> None:
    text = variant("        to: end\n", f"        to: {node_id}\n", "  end:\n", f"  {node_id}:\n",
                   "{label: Win, to: end,", f"{{label: Win, to: {node_id},",
                   "{label: Lose, to: end,", f"{{label: Lose, to: {node_id},")
    result = load_text(text, "s.yaml")
    assert result.ok, result.problems.sorted()
    assert node_id in result.graph and result.graph.digraph.has_edge("open", node_id)


def test_ids_are_case_sensitive() -> None:
    assert_problems(variant("        to: end\n", "        to: End\n"),
                    (17, 13, "error", "'to' names unknown node 'End' (did you mean 'end'?)"))


def test_dotted_number_ids_are_not_confused() -> None:
    """`to: 2.10` names node "2.10", not "2.1"."""
    text = variant("  end:\n", "  2.1: {kind: outcome, title: Wrong}\n  2.10:\n").replace("to: end", "to: 2.10")
    result = load_text(text, "s.yaml")
    assert result.ok, result.problems.sorted()
    assert result.graph.digraph.has_edge("open", "2.10")
    assert not result.graph.digraph.has_edge("open", "2.1")


@pytest.mark.parametrize("key", ["'a b'", '"a/b"', "'é'", "'a:b'", "a+b", "'#x'"])
def test_bad_characters_in_ids(key: str) -> None:
    assert_problems(variant("  b: {name: Beta}", f"  b: {{name: Beta}}\n  {key}: {{name: Gamma}}"),
                    (7, 3, "error", f"'{key.strip(chr(39) + chr(34))}' is not a valid actor id: use letters, digits"))


def test_bad_characters_in_id_keys_inside_nodes() -> None:
    assert_problems(variant("    payoffs: {a: 1, b: 0}", "    payoffs: {a: 1, b: 0, 'c d': 1}"),
                    (29, 27, "error", "'c d' is not a valid id in node 'end': use letters"))


# --- YAML typing inside a scenario --------------------------------------------------------


def test_yes_no_labels_and_no_node() -> None:
    text = variant(
        "      - label: Go\n        to: end\n", "      - label: No\n        to: no\n      - label: yes\n        to: no\n",
        "  end:\n", "  no: {kind: outcome, title: Off, payoffs: {a: 0}}\n  end:\n",
    )
    text = text.replace("      - label: Gamble\n        to: dice\n", "      - label: off\n        to: dice\n")
    result = load_text(text, "s.yaml")
    assert result.ok, result.problems.sorted()
    labels = [o.label for o in result.scenario.nodes["open"].options]
    assert labels == ["No", "yes", "off"]
    assert result.scenario.nodes["no"].title == "Off"


@pytest.mark.parametrize("when", ["2019-06-30", "'2019-06-30'", "1:30", "March 2019", "2019", "yes"])
def test_when_and_date_bare_or_quoted(when: str) -> None:
    text = variant("    title: Dice\n", f"    title: Dice\n    when: {when}\n")
    result = load_text(text, "s.yaml")
    assert result.ok
    assert result.scenario.nodes["dice"].when == when.strip("'")


def test_true_is_a_boolean_and_not_text_for_historical() -> None:
    text = variant("        to: end\n", "        to: end\n        historical: true\n")
    result = load_text(text, "s.yaml")
    assert result.scenario.nodes["open"].options[0].historical is True


def test_historical_must_be_a_boolean() -> None:
    assert_problems(variant("        to: end\n", "        to: end\n        historical: maybe\n"),
                    (18, 21, "error", "'historical' in node 'open', option 1: expected true or false, got 'maybe'"))


# --- actors, metrics, sources ----------------------------------------------------------------


def test_actor_rules() -> None:
    text = variant("  a: {name: Alpha}", "  a: {name: Alpha, short: ABCDEFGHIJKLM, colour: red}",
                   "  b: {name: Beta}", "  b: {short: B}")
    assert_problems(
        text,
        (5, 27, "error", "'short' in actor 'a': must be at most 12 characters, got 'ABCDEFGHIJKLM' (13)"),
        (5, 42, "error", "unknown key 'colour' in actor 'a' (did you mean 'color'?)"),
        (6, 6, "error", "missing required key 'name' in actor 'b'"),
    )


def test_actor_optional_keys() -> None:
    text = variant("  a: {name: Alpha}", "  a:\n    name: Alpha\n    short: ABCDEFGHIJKL\n    color: '#ff0000'\n"
                   "    objectives: [Win, Survive]\n    briefing: |\n      You are **Alpha**.\n")
    result = load_text(text, "s.yaml")
    assert result.ok
    actor = result.scenario.actors["a"]
    assert actor.short == "ABCDEFGHIJKL" and actor.objectives == ["Win", "Survive"] and "Alpha" in actor.briefing


def test_actors_section_is_required_and_a_mapping() -> None:
    text = variant("actors:\n  a: {name: Alpha}\n  b: {name: Beta}\n", "")
    assert_problems(text, (1, 1, "error", "missing required key 'actors'"))
    text = variant("  a: {name: Alpha}\n  b: {name: Beta}\n", "  - a\n  - b\n")
    assert_problems(text, (5, 3, "error", "'actors': expected a mapping (key: value lines), got a list"))


@pytest.mark.parametrize(
    ("metric", "col", "fragment"),
    [
        ("{label: M, min: 5, max: 1}", 6, "metric 'm': min (5) is greater than max (1)"),
        ("{label: M, min: 0, max: 10, initial: 11}", 6, "metric 'm': initial (11) is above max (10)"),
        ("{label: M, min: 2, initial: 1}", 6, "metric 'm': initial (1) is below min (2)"),
        ("{label: M, min: low}", 22, "'min' in metric 'm': expected a number, got 'low'"),
        ("{label: M, max: .inf}", 22, "'max' in metric 'm': must be a finite number"),
        ("{min: 0}", 6, "missing required key 'label' in metric 'm'"),
        ("{lable: M}", 7, "unknown key 'lable' in metric 'm' (did you mean 'label'?)"),
        ("{label: M, initial: [1]}", 26, "'initial' in metric 'm': expected a number, got a list"),
    ],
)
def test_metric_rules(metric: str, col: int, fragment: str) -> None:
    assert_problems(variant("  m: {label: M, min: 0, max: 10, initial: 5}", f"  m: {metric}"), (8, col, "error", fragment))


def test_metric_defaults_and_description() -> None:
    text = variant("  m: {label: M, min: 0, max: 10, initial: 5}", "  m: {label: M, description: How tense}")
    result = load_text(text, "s.yaml")
    metric = result.scenario.metrics["m"]
    assert (metric.initial, metric.min, metric.max, metric.description) == (0.0, None, None, "How tense")


def test_source_rules() -> None:
    text = variant("title: Base", "title: Base\nsources:\n  s1: {title: T}\n  s2: {author: A}\n  s3: {title: T, link: x}",
                   "    title: Dice\n", "    title: Dice\n    sources: [s1, {ref: s1, note: p. 3}, s4, {ref: s2}]\n")
    assert_problems(
        text,
        (6, 7, "error", "missing required key 'title' in source 's2'"),
        (7, 18, "error", "unknown key 'link' in source 's3'"),
        (27, 42, "error", "node 'dice': unknown source 's4' (did you mean 's1'?)"),
    )


def test_a_misspelt_citation_key_is_one_error() -> None:
    text = variant("title: Base", "title: Base\nsources:\n  s1: {title: T}",
                   "    title: Dice\n", "    title: Dice\n    sources: [s1, {reff: s1}]\n")
    assert_problems(text, (25, 20, "error", "unknown key 'reff' in node 'dice', source 2 (did you mean 'ref'?)"))


def test_citations_of_a_scenario_without_sources() -> None:
    text = variant("    title: Dice\n", "    title: Dice\n    sources: nyt\n")
    assert_problems(text, (23, 14, "error", "unknown source 'nyt' (the scenario has no 'sources' section)"))
