"""Format rules of nodes, options and probabilities, and many mistakes at once (exact LINE:COL)."""

from __future__ import annotations

import pytest

from explorer.loading import load_text
from tests.test_format_rules import BASE, assert_problems, problems_of, variant

# --- nodes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "fragment"),
    [
        ("    kind: decision\n", "    kind: decison\n", 12, 11, "unknown node kind 'decison' in node 'open' (did you mean 'decision'?)"),
        ("    kind: decision\n", "    kind: [decision]\n", 12, 11, "unknown node kind"),
        ("    kind: decision\n", "", 12, 5, "node 'open' has no 'kind'"),
        ("    actor: a\n", "", 12, 5, "missing required key 'actor' in node 'open'"),
        ("    actor: a\n", "    actor: c\n", 13, 12, "node 'open': unknown actor 'c'"),
        ("    actor: a\n", "    actor: A\n", 13, 12, "unknown actor 'A' (did you mean 'a'?)"),
        ("    title: Open\n", "", 12, 5, "missing required key 'title' in node 'open'"),
        ("    title: Open\n", "    title: Open\n    titel: x\n", 15, 5, "unknown key 'titel' in node 'open' (did you mean 'title'?)"),
        ("    title: Open\n", "    title: Open\n    payoffs: {a: 1}\n", 15, 5, "node 'open': only outcome nodes have payoffs"),
        ("    title: Dice\n", "    title: Dice\n    actor: a\n", 23, 5, "a chance node has no actor"),
        ("    title: End\n", "    title: End\n    options: []\n", 29, 5, "an outcome ends the walk and cannot have options"),
        ("    title: End\n", "    title: End\n    actor: a\n", 29, 5, "an outcome has no actor"),
        ("    payoffs: {a: 1, b: 0}", "    payoffs: {a: 1, c: 0}", 29, 21, "node 'end': payoff for unknown actor 'c'"),
        ("    payoffs: {a: 1, b: 0}", "    payoffs: {a: 1, b: lots}", 29, 24, "'b' in node 'end': expected a number, got 'lots'"),
        ("    payoffs: {a: 1, b: 0}", "    payoffs: [1, 0]", 29, 14, "'payoffs' in node 'end': expected a mapping"),
        ("  end:\n    kind: outcome\n    title: End\n    payoffs: {a: 1, b: 0}\n", "  end: hello\n", 26, 8, "node 'end': expected a mapping (key: value lines), got 'hello'"),
        ("    title: Dice\n", "    title: Dice\n    tags: {a: 1}\n", 23, 11, "'tags' in node 'dice': expected a list"),
    ],
)
def test_node_rules(old: str, new: str, line: int, col: int, fragment: str) -> None:
    assert_problems(variant(old, new), (line, col, "error", fragment))


def test_decision_and_chance_need_options() -> None:
    text = variant("      - label: Go\n        to: end\n      - label: Gamble\n        to: dice\n", "      []\n",
                   "      - {label: Win, to: end, probability: 0.5}\n      - {label: Lose, to: end, probability: 0.5}\n", "      []\n")
    assert_problems(
        text,
        (16, 7, "error", "decision node 'open' has no options; give it at least one"),
        (21, 7, "error", "chance node 'dice' has no options; give it at least one"),
        (17, 3, "warning", "node 'dice' cannot be reached from start 'open'"),
        (22, 3, "warning", "node 'end' cannot be reached from start 'open'"),
    )


def test_missing_options_key() -> None:
    text = variant("    options:\n      - label: Go\n        to: end\n      - label: Gamble\n        to: dice\n", "")
    assert_problems(text, (12, 5, "error", "missing required key 'options' in node 'open'"))


def test_node_optional_keys() -> None:
    text = variant("    title: Open\n", "    title: Open\n    text: |\n      *Markdown* with [brackets]\n    tags: [a, b]\n"
                   "    when: 2019-02-28\n")
    result = load_text(text, "s.yaml")
    assert result.ok
    node = result.scenario.nodes["open"]
    assert node.tags == ["a", "b"] and node.when == "2019-02-28" and node.text.startswith("*Markdown*")


def test_start_must_be_a_node() -> None:
    assert_problems(variant("start: open", "start: opne"), (9, 8, "error", "start node 'opne' is not defined (did you mean 'open'?)"))
    assert_problems(variant("start: open", "start: [open]"), (9, 8, "error", "'start': expected text, got a list"))


def test_nodes_section_rules() -> None:
    text = BASE.split("nodes:")[0] + "nodes: [a, b]\n"
    assert_problems(text, (10, 8, "error", "'nodes': expected a mapping (key: value lines), got a list"))
    assert_problems(BASE.split("nodes:")[0], (1, 1, "error", "missing required key 'nodes'"))
    assert_problems(BASE.split("nodes:")[0] + "nodes: {}\n", (9, 8, "error", "start node 'open' is not defined"))


# --- options -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "col", "fragment"),
    [
        ("        to: end\n", "", 16, 9, "missing required key 'to' in node 'open', option 1"),
        ("      - label: Go\n        to: end\n", "      - Go\n", 16, 9, "node 'open', option 1: expected a mapping (key: value lines), got 'Go'"),
        ("        to: end\n", "        to: edn\n", 17, 13, "node 'open', option 1: 'to' names unknown node 'edn' (did you mean 'end'?)"),
        ("        to: end\n", "        to: end\n        effect: {m: 1}\n", 18, 9, "unknown key 'effect' in node 'open', option 1 (did you mean 'effects'?)"),
        ("        to: end\n", "        to: end\n        effects: {mm: 1}\n", 18, 19, "effect on unknown metric 'mm' (did you mean 'm'?)"),
        ("        to: end\n", "        to: end\n        effects: {m: high}\n", 18, 22, "'m' in node 'open', option 1: expected a number, got 'high'"),
        ("        to: end\n", "        to: end\n        effects: [m]\n", 18, 18, "'effects' in node 'open', option 1: expected a mapping"),
        ("        to: end\n", "        to: end\n        id: Go Now\n", 18, 13, "'Go Now' is not a valid id in node 'open', option 1"),
        ("        to: end\n", "        to: end\n        id: '2'\n", 19, 9, "node 'open', option 2: option id '2' is already used by option 1"),
        ("        to: end\n", "        to: end\n        confidence: hihg\n", 18, 21, "confidence 'hihg' in node 'open', option 1 must be low, moderate or high (did you mean 'high'?)"),
        ("        to: end\n", "        to: end\n        indicators: {a: 1}\n", 18, 21, "'indicators' in node 'open', option 1: expected a list"),
        ("        to: end\n", "        to: end\n        rationale: [x]\n", 18, 20, "'rationale' in node 'open', option 1: expected text"),
    ],
)
def test_option_rules(old: str, new: str, line: int, col: int, fragment: str) -> None:
    assert_problems(variant(old, new), (line, col, "error", fragment))


def test_an_unknown_option_key_and_a_missing_label_are_two_errors() -> None:
    assert_problems(variant("      - label: Go\n", "      - title: Go\n"),
                    (16, 9, "error", "missing required key 'label' in node 'open', option 1"),
                    (16, 9, "error", "unknown key 'title' in node 'open', option 1 (allowed: label, probability,"))


def test_option_id_duplicate_is_reported_on_the_later_option() -> None:
    text = variant("        to: end\n", "        to: end\n        id: go\n", "        to: dice\n", "        to: dice\n        id: go\n")
    assert_problems(text, (21, 13, "error", "option id 'go' is already used by option 1"))


def test_option_optional_keys() -> None:
    text = variant("        to: end\n", "        to: end\n        id: go-1\n        effects: {m: -2.5}\n        requires: m > 1\n"
                   "        rationale: Because\n        indicators: [troops]\n        confidence: moderate\n        historical: true\n")
    result = load_text(text, "s.yaml")
    assert result.ok, result.problems.sorted()
    option = result.scenario.nodes["open"].options[0]
    assert (option.id, option.effects, option.requires, option.confidence) == ("go-1", {"m": -2.5}, "m > 1", "moderate")


# --- probabilities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "col", "fragment"),
    [("1.5", 45, "must be greater than 0 and at most 1, got 1.5"), ("0", 45, "must be greater than 0 and at most 1, got 0"),
     ("-0.5", 45, "got -0.5"), ("half", 45, "expected a number, got 'half'"), (".nan", 45, "must be a finite number")],
)
def test_probability_out_of_range_is_one_error(value: str, col: int, fragment: str) -> None:
    text = variant("{label: Win, to: end, probability: 0.5}", "{label: Win, to: end, probability: 0.5, x: 1}")
    text = variant("{label: Lose, to: end, probability: 0.5}", f"{{label: Lose, to: end, probability: {value}}}", text=text)
    assert_problems(text,
                    (24, 49, "error", "unknown key 'x' in node 'dice', option 1"),
                    (25, col, "error", fragment))


def test_chance_probabilities_must_be_on_every_option() -> None:
    text = variant("{label: Lose, to: end, probability: 0.5}", "{label: Lose, to: end}")
    assert_problems(text, (25, 9, "error", "chance node 'dice', option 2: every option of a chance node needs a probability"))


def test_chance_probabilities_must_sum_to_one() -> None:
    text = variant("{label: Lose, to: end, probability: 0.5}", "{label: Lose, to: end, probability: 0.4}")
    assert_problems(text, (23, 5, "error", "chance node 'dice': option probabilities sum to 0.9, not 1"))


def test_sum_within_tolerance_is_fine() -> None:
    text = variant("probability: 0.5}\n      - {label: Lose, to: end, probability: 0.5}",
                   "probability: 0.3333333}\n      - {label: Lose, to: end, probability: 0.6666667}")
    assert problems_of(text) == []


def test_decision_probabilities_all_or_none() -> None:
    text = variant("        to: end\n", "        to: end\n        probability: 1\n")
    assert_problems(text, (19, 9, "error", "decision node 'open': probabilities are given on some options but not on option(s) 2"))


def test_decision_probabilities_must_sum_to_one() -> None:
    text = variant("        to: end\n", "        to: end\n        probability: 0.5\n",
                   "        to: dice\n", "        to: dice\n        probability: 0.6\n")
    assert_problems(text, (15, 5, "error", "decision node 'open': option probabilities sum to 1.1, not 1"))


def test_decision_probabilities_summing_to_one_are_fine() -> None:
    text = variant("        to: end\n", "        to: end\n        probability: 0.7\n",
                   "        to: dice\n", "        to: dice\n        probability: 0.3\n")
    result = load_text(text, "s.yaml")
    assert result.ok and result.problems.items == []


# --- many mistakes at once -------------------------------------------------------------------

TEN_MISTAKES = """\
format: 1
id: ten
title: Ten mistakes
tittle: typo
actors:
  a: {name: Alpha, shrt: A}
metrics:
  m: {label: M, min: 5, max: 1}
start: opne
nodes:
  open:
    kind: decision
    actor: c
    title: Open
    options:
      - {label: Go, to: ned, effects: {mm: 1}}
      - {label: Roll, to: dice, requires: "m >= (4"}
  dice:
    kind: chance
    title: Dice
    options:
      - {label: Win, to: end, probability: 0.5}
      - {label: Lose, to: end, probability: 0.4}
  end: {kind: outcom, title: End}
"""


def test_ten_mistakes_give_ten_errors_in_one_run() -> None:
    assert_problems(
        TEN_MISTAKES,
        (4, 1, "error", "unknown key 'tittle' (did you mean 'title'?)"),
        (6, 20, "error", "unknown key 'shrt' in actor 'a' (did you mean 'short'?)"),
        (8, 6, "error", "metric 'm': min (5) is greater than max (1)"),
        (9, 8, "error", "start node 'opne' is not defined (did you mean 'open'?)"),
        (13, 12, "error", "node 'open': unknown actor 'c'"),
        (16, 25, "error", "'to' names unknown node 'ned' (did you mean 'end'?)"),
        (16, 40, "error", "effect on unknown metric 'mm' (did you mean 'm'?)"),
        (17, 51, "error", "bad 'requires' expression: missing ')'"),
        (21, 5, "error", "chance node 'dice': option probabilities sum to 0.9, not 1"),
        (24, 15, "error", "unknown node kind 'outcom' in node 'end' (did you mean 'outcome'?)"),
    )


def test_errors_come_before_warnings_each_in_line_order() -> None:
    text = variant("  end:\n", "  lonely: {kind: outcome, title: Alone}\n  end:\n", "        to: end\n", "        to: edn\n")
    found = problems_of(text)
    assert [row[2] for row in found] == ["error", "warning"]
    assert found[0][:2] == (17, 13) and found[1][:2] == (26, 3)
