"""`explorer import` checked by Gambit (pygambit 16.7, the `gambit` extra): each example game imported
and solved by us gives the payoffs Gambit's own solvers give on the original file, and Gambit's own writer's
text (`Game.to_efg`) imports to the same game."""

from __future__ import annotations

import io

import pytest

from explorer.analysis.equilibrium import equilibrium
from explorer.analysis.unfolding import unfold
from explorer.gambit.importer import import_efg
from explorer.loading import load_text
from tests.analysis.test_import_efg import GAMES, TEXTBOOK
from tests.support.gambit import import_gambit

gbt = import_gambit()


def ours(text: str, name: str) -> list[float]:
    result = load_text(import_efg(text, name).text or "")
    assert result.ok
    return list(equilibrium(unfold(result.graph)).values[0])


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_import_then_solve_gives_gambits_equilibrium_payoffs(name: str) -> None:
    text = (GAMES / f"{name}.efg").read_text(encoding="utf-8")
    game = gbt.read_efg(io.StringIO(text))
    mine = ours(text, f"{name}.efg")
    # The limit of the logit path on the extensive form is a sequential (so subgame-perfect) equilibrium;
    # in these games the subgame-perfect payoffs are unique.
    (logit,) = gbt.nash.logit_solve(game).equilibria
    assert [float(logit.payoff(p)) for p in game.players] == pytest.approx(mine, abs=1e-6)
    if name in ("prisoners_dilemma", "matching_pennies", "centipede"):  # every Nash equilibrium pays the same here
        for found in gbt.nash.lcp_solve(game, rational=True).equilibria:
            assert [float(found.payoff(p)) for p in game.players] == pytest.approx(mine, abs=1e-12)


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_gambits_own_writing_of_each_game_imports_to_the_same_game(name: str) -> None:
    text = (GAMES / f"{name}.efg").read_text(encoding="utf-8")
    rewritten = gbt.read_efg(io.StringIO(text)).to_efg()
    assert ours(rewritten, f"{name}.efg") == pytest.approx(ours(text, f"{name}.efg"), abs=1e-12)
