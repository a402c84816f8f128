"""Look-alike characters: suggestions say when they differ from the word only in look-alikes,
and team names that look the same on screen are refused."""

from __future__ import annotations

import pytest

from explorer.game.teams import TeamError, Teams, parse_team_options
from explorer.lookalikes import difference, same_look, skeleton
from explorer.suggest import did_you_mean

CYRILLIC_E = "\u0435"
GREEK_O = "\u03bf"


def test_the_skeleton_folds_cyrillic_greek_fullwidth_and_invisible_characters() -> None:
    assert skeleton(f"d{CYRILLIC_E}al") == "deal"
    assert skeleton(f"n{GREEK_O}de") == "node"
    assert skeleton("ｄｅａｌ") == "deal"  # fullwidth
    assert skeleton("de\u200bal") == "deal"  # a zero-width space
    assert skeleton("déal") == "déal" and not same_look("déal", "deal")  # an accent shows
    assert not same_look("0pen", "Open") and not same_look("deal", "deal")


@pytest.mark.parametrize("pool", [["title", "text", "tags"], {f"n{i}" for i in range(5000)} | {"title"}])
def test_a_suggestion_that_only_looks_like_the_word_says_so(pool) -> None:
    hint = did_you_mean(f"titl{CYRILLIC_E}", pool)
    assert hint.startswith(" (did you mean 'title'?")
    assert "U+0435 CYRILLIC SMALL LETTER IE" in hint and "where 'title' has 'e'" in hint


@pytest.mark.parametrize("pool", [[f"d{CYRILLIC_E}al", "other"], {f"n{i}" for i in range(5000)} | {f"d{CYRILLIC_E}al"}])
def test_a_latin_word_pointed_at_a_disguised_candidate(pool) -> None:
    hint = did_you_mean("deal", pool)
    assert hint.startswith(f" (did you mean 'd{CYRILLIC_E}al'?") and "U+0435" in hint


def test_two_look_alike_letters_are_still_found_and_named() -> None:
    word = f"c{GREEK_O}nfid{CYRILLIC_E}nce"
    hint = did_you_mean(word, ["confidence", "rationale"])
    assert "did you mean 'confidence'?" in hint
    assert "U+03BF GREEK SMALL LETTER OMICRON" in hint and "U+0435 CYRILLIC SMALL LETTER IE" in hint
    assert "are written" in difference(word, "confidence")


def test_plain_misspellings_say_nothing_about_look_alikes() -> None:
    assert did_you_mean("titel", ["title"]) == " (did you mean 'title'?)"
    assert did_you_mean("Title", ["title"]) == " (did you mean 'title'?)"


@pytest.mark.parametrize("other", [f"R{CYRILLIC_E}d", "Ｒed"])
def test_team_names_that_look_the_same_are_refused(other: str) -> None:
    with pytest.raises(TeamError, match="look the same on screen"):
        Teams.from_pairs([("a", "Red"), ("b", other)])
    with pytest.raises(TeamError, match="look the same on screen"):
        Teams({"Red": ("a",), other: ("b",)})


def test_an_invisible_character_in_a_team_name_is_refused() -> None:
    with pytest.raises(TeamError, match="control characters"):
        Teams.from_pairs([("a", "Red"), ("b", "Re\u200bd")])


def test_team_names_that_merely_differ_are_fine() -> None:
    teams = Teams.from_pairs([("a", "Red"), ("b", "red"), ("c", "Rod")])
    assert teams.names == ("Red", "red", "Rod")


def test_a_team_option_naming_a_disguised_actor_says_which_letter() -> None:
    with pytest.raises(TeamError) as refused:
        parse_team_options([f"n{GREEK_O}rth=Red"], {"north": object(), "south": object()})
    assert "did you mean 'north'?" in str(refused.value) and "GREEK SMALL LETTER OMICRON" in str(refused.value)
