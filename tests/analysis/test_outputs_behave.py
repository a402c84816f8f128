"""Outputs that behave (issue 15): GraphML booleans as `true`/`false`; an .efg export of a big unfolded
tree warns with its size first; simulate shows enough digits for exact odds outside the interval."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

import explorer.export.efg as efg
from explorer.cli import main
from explorer.commands.simulate import interval_digits
from explorer.export.graphml import to_graphml
from tests.tui.tui_helpers import FIXTURE, load_graph


def test_graphml_writes_booleans_as_xml_schema_does_and_reads_them_back() -> None:
    text = to_graphml(load_graph(FIXTURE))
    assert ">true</data>" in text and ">false</data>" in text
    assert ">True</data>" not in text and ">False</data>" not in text
    back = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    assert back.nodes["seize"]["start"] is True and back.nodes["talks"]["start"] is False
    assert {d["historical"] for *_, d in back.edges(data=True)} == {True, False}


def test_an_efg_export_of_a_big_tree_warns_with_its_size(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "game.efg"
    assert main(["export", str(FIXTURE), "--format", "efg", "-o", str(out)]) == 0
    assert "game tree unfolds" not in capsys.readouterr().err
    monkeypatch.setattr(efg, "WARN_TREE_NODES", 3)
    assert main(["export", str(FIXTURE), "--format", "efg", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "explorer export: warning: the game tree unfolds into" in err and "nodes (8 in the scenario" in err
    assert out.read_text(encoding="utf-8").startswith("EFG 2 R")


def test_simulate_shows_enough_digits_to_believe_odds_outside_the_interval() -> None:
    assert interval_digits(0.249, 0.288, 0.28, True) == 3
    assert interval_digits(0.0, 0.00015, 0.0004, False) == 4  # 0.000 – 0.000 beside 0.000 would not be believed
    assert interval_digits(0.1, 0.2, 0.25, False) == 3
