"""`explorer import`: Gambit .efg games (written from their published descriptions into tests/gambit_games)
turned into scenarios and solved; games the format cannot express refused at the information set, with
the reason; broken files refused at their place; our own .efg export imported back to the same game."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.unfolding import unfold
from explorer.cli import main
from explorer.export.efg import efg_text
from explorer.gambit.efg_reader import EfgError, read_efg
from explorer.gambit.importer import import_efg
from explorer.loading import load_text
from tests.analysis.analysis_helpers import graph_of
from tests.analysis.round_helpers import round_games

GAMES = Path(__file__).parents[1] / "gambit_games"

TEXTBOOK = {
    # game: (its actors, the subgame-perfect payoffs, rounds in the scenario)
    "centipede": (["player_1", "player_2"], [0.4, 0.1], 0),  # player 1 takes at once
    "entry": (["entrant", "incumbent"], [1.0, 1.0], 0),  # in, and accommodate: the threat is not credible
    "market": (["firm_1", "firm_2"], [7 / 3, 2 / 3], 0),  # high: duopoly (3, 2); low: firm 1 alone (2, 0)
    "prisoners_dilemma": (["row", "column"], [1.0, 1.0], 1),
    "matching_pennies": (["matcher", "mismatcher"], [0.0, 0.0], 1),
    "two_stages": (["row", "column"], [2.0, 2.0], 5),  # second stages worth 0 (pennies) or 1: defect first
}


def imported(name: str) -> str:
    result = import_efg((GAMES / f"{name}.efg").read_text(encoding="utf-8"), f"{name}.efg")
    assert result.text is not None, (result.error, result.refusals)
    return result.text


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_games_import_load_cleanly_and_solve_to_their_textbook_payoffs(name: str) -> None:
    actors, payoffs, rounds = TEXTBOOK[name]
    result = load_text(imported(name))
    assert result.ok and not result.problems.items, [str(p) for p in result.problems.sorted()]
    graph = result.graph
    assert list(graph.scenario.actors) == actors
    assert sum(1 for node in graph.scenario.nodes.values() if node.kind == "round") == rounds
    eq = equilibrium(unfold(graph))
    assert list(eq.values[0]) == pytest.approx(payoffs, abs=1e-12)


def test_a_simultaneous_stage_becomes_a_round_with_a_picks_rule_per_joint_move() -> None:
    text = imported("prisoners_dilemma")
    assert text.startswith("# Imported from prisoners_dilemma.efg (a Gambit extensive-form game) by `explorer import`.\n")
    assert """  round:
    kind: round
    title: "Row and Column move at once"
    moves:
      row:
        - {id: cooperate, label: "Cooperate"}
        - {id: defect, label: "Defect"}
      column:
        - {id: cooperate, label: "Cooperate"}
        - {id: defect, label: "Defect"}
    then:
      - {picks: {row: cooperate, column: cooperate}, to: both_cooperate}
      - {picks: {row: cooperate, column: defect}, to: row_is_the_sucker}
      - {picks: {row: defect, column: cooperate}, to: column_is_the_sucker}
      - {to: both_defect}
""" in text
    assert '  both_defect: {kind: outcome, title: "Both defect", payoffs: {row: 1, column: 1}}' in text


def test_chance_odds_are_decimals_summing_to_one_and_interior_outcomes_add_up() -> None:
    market = load_text(imported("market")).graph
    odds = [o.probability for o in market.node("demand").options]
    assert odds == [1 / 3, 2 / 3] and sum(odds) == 1
    two = load_text(imported("two_stages")).scenario
    # "First stage CD" (0, 5) at the second stage's first node, then the dilemma's (3, 0): 3 and 5.
    assert two.nodes["cd_then_dilemma_th"].payoffs == {"row": 3, "column": 5}


REFUSED = {
    "one_card_poker": (8, 1, 'player 2 ("Alice"), information set 1 ("Alice faces a raise")',
                       "does not see the chance move on line 6 (Deal)"),
    "selten_horse": (6, 1, 'player 3 ("Player 3"), information set 1 ("3 does not know who went down")',
                     'does not see the move of player 1 ("Player 1") on line 5, but its 2 nodes are not the nodes'),
    "absent_minded_driver": (5, 1, 'player 1 ("Driver"), information set 1 ("An exit")', "can pass through it twice on one path"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hidden_information_a_scenario_cannot_express_is_refused_at_its_information_set(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, col, who, why = REFUSED[name]
    assert main(["import", str(GAMES / f"{name}.efg")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{GAMES / name}.efg:{line}:{col}: error: {who}: cannot be written as a scenario: the player ")
    assert why in err[0]
    assert err[1].startswith("explorer import: 1 information set cannot be written as a scenario")


def test_a_round_that_is_never_revealed_or_only_partly_hidden_is_refused() -> None:
    # Player 3 sees player 1's move but not player 2's: the stage is players 1 and 2, and player 3 moves
    # after it without learning player 2's move.
    lines = ['EFG 2 R "Partly hidden" { "A" "B" "C" }', 'p "" 1 1 "" { "x" "y" } 0']
    for a in range(2):
        lines.append('p "" 2 1 "" { "x" "y" } 0')
        for _ in range(2):
            lines.append(f'p "" 3 {a + 1} "" {{ "x" "y" }} 0')
            lines += ['t "" 1 "o" { 1 2 3 }', 't "" 1']
    refused = import_efg("\n".join(lines), "partly.efg").refusals
    assert [(r.player, r.number, r.line) for r in refused] == [(3, 1, 4), (3, 2, 11)]
    assert "does not see the move of player 2 (\"B\") on line 3, which is part of a round" in refused[0].message


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("", 1, 1, "expected 'EFG' at the start of the file, found the end of the file"),
    ('NFG 1 R "x" { "a" }', 1, 1, "this is a strategic-form game (Gambit's .nfg format), which has no tree of moves; "
     "import reads extensive-form games (.efg)"),
    ('<?xml version="1.0"?>', 1, 1, "an unexpected character '<'"),
    ('EFX 2 R "x" { "a" }', 1, 1, "expected 'EFG' at the start of the file, found 'EFX' (is this a .efg file?)"),
    ('EFG 2 R "x" { "a" }\np "" 1 1 "" { "l" "r" } 0\nt "" 1 "o" { 1 }\n', 4, 1,
     "the file ends before the tree is complete: the node on line 2 still expects 1 more child node"),
    ('EFG 2 R "x" { "a" }\np "" 2 1 "" { "l" } 0\nt "" 0', 2, 6, "player 2 does not exist: the game has 1 player(s)"),
    ('EFG 2 R "x" { "a" }\nc "" 1 "" { "l" 1/2 "r" 1/3 } 0\nt "" 0\nt "" 0', 2, 6,
     "chance event 1's probabilities must each be between 0 and 1 and sum to 1; they sum to 0.833333"),
    ('EFG 2 R "x" { "a" "b" }\nt "" 1 "o" { 1 }', 2, 6, "outcome 1 has 1 payoff(s) for 2 player(s)"),
    ('EFG 2 R "x" { "a" }\np "" 1 1 0', 2, 8, "player 1's information set 1 is used before its actions are given"),
    ('EFG 2 R "x" { "a" }\nt "" 1 "o" { 1e99999 }', 2, 14, "the number '1e99999' is too large to read"),
    ('EFG 2 R "x" { "a" }\nt "" 0\nt "" 0', 3, 1, "the tree is already complete, but the file goes on with 't'"),
    ('EFG 2 R "x" { "a" }\nt "unclosed', 2, 3, "an unterminated quoted label"),
])
def test_broken_files_are_refused_at_their_place(text: str, line: int, col: int, message: str) -> None:
    with pytest.raises(EfgError) as caught:
        read_efg(text)
    assert (caught.value.line, caught.value.col, caught.value.message) == (line, col, message)


def test_repeated_descriptions_may_be_left_out_or_must_match() -> None:
    game = read_efg((GAMES / "prisoners_dilemma.efg").read_text(encoding="utf-8"))
    assert game.infosets[(2, 1)].members == [1, 4] and game.infosets[(2, 1)].actions == ["Cooperate", "Defect"]
    changed = (GAMES / "matching_pennies.efg").read_text(encoding="utf-8").replace(
        'p "" 2 1 "" { "Heads" "Tails" } 0\nt "" 2', 'p "" 2 1 "" { "Heads" "Tail" } 0\nt "" 2')
    with pytest.raises(EfgError, match="player 2's information set 1 is described again differently"):
        read_efg(changed)


def test_a_deep_file_is_read_without_recursion() -> None:
    depth = 100_000
    lines = ['EFG 2 R "deep" { "a" }', *(f'p "" 1 {i + 1} "" {{ "on" "stop" }} 0' for i in range(depth)), *['t "" 0'] * (depth + 1)]
    game = read_efg("\n".join(lines))
    assert len(game.nodes) == 2 * depth + 1 and game.nodes[-1].parent == 0


def test_cli_writes_the_scenario_and_says_what_it_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pd.yaml"
    assert main(["import", str(GAMES / "prisoners_dilemma.efg"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == imported("prisoners_dilemma")
    assert capsys.readouterr().err == f"wrote {out}: 5 nodes (1 rounds, 4 outcomes), 2 actors\n"
    assert main(["import", str(GAMES / "entry.efg")]) == 0
    assert capsys.readouterr().out == imported("entry")
    assert main(["check", "--strict", str(out)]) == 0


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "missing.efg")]) == 2
    assert capsys.readouterr().err == f"explorer import: error: no such file: {tmp_path / 'missing.efg'}\n"
    broken = tmp_path / "broken.efg"
    broken.write_bytes(b'EFG 2 R "x" { "a" }\n\xff\xfe p')
    assert main(["import", str(broken)]) == 1
    assert capsys.readouterr().err.startswith(f"{broken}:2:1: error: an unexpected character")
    assert main(["import", str(GAMES / "entry.efg"), "-o", str(tmp_path / "no" / "such" / "dir.yaml")]) == 2
    assert main(["import", str(tmp_path)]) == 2
    assert capsys.readouterr().err.endswith(f"explorer import: error: {tmp_path} is a folder: give a .efg file\n")
    assert main(["import"]) == 2


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(round_games())
def test_our_efg_export_imports_back_to_a_game_with_the_same_equilibrium(text: str) -> None:
    u = unfold(graph_of(text))
    ours = equilibrium(u).values[0]
    back = import_efg(efg_text(u), "ours.efg")
    assert back.text is not None, [r.message for r in back.refusals]
    result = load_text(back.text)
    assert result.ok, [str(p) for p in result.problems.sorted()]
    assert list(equilibrium(unfold(result.graph)).values[0]) == pytest.approx(list(ours), abs=1e-9)
