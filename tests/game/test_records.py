"""Event records, teams, dice and the default store location."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from explorer.game import dice
from explorer.game.errors import StoreError
from explorer.game.events import Decided, Rolled, Started, body_json, now_text, parse_body, parse_time
from explorer.game.location import default_store_path, games_folder
from explorer.game.teams import TeamError, Teams, banner, parse_team_options, team_title
from explorer.loading import load_scenario
from explorer.walk import Walk

ACTORS = {"dprk": object(), "us": object(), "rok": object()}


def test_bodies_round_trip_through_json() -> None:
    bodies = [
        Decided(1, "Talk | [/] “quoted”", "deal", None),
        Decided(0, "Go", "x", "because [bold]"),
        Rolled(0, "Shots", "g", 42, 3, 0.123456789, [{"option": 0, "label": "Shots", "low": 0.0, "high": 0.4}]),
        Started("s", "T", "sha256:00", 1, None, {"Red": ["a"]}, {"a": "Alpha"}),
    ]
    for body in bodies:
        assert parse_body(body.KIND, body_json(body)) == body


@pytest.mark.parametrize(
    ("kind", "payload", "words"),
    [
        ("decide", "not json", "not JSON"),
        ("decide", "[1, 2]", "not a JSON object"),
        ("decide", json.dumps({"option": 1, "label": "x", "to": "y"}), "has fields"),
        ("decide", json.dumps({"option": "1", "label": "x", "to": "y", "rationale": None}), "bad 'option'"),
        ("decide", json.dumps({"option": True, "label": "x", "to": "y", "rationale": None}), "bad 'option'"),
        ("roll", json.dumps({"option": 0, "label": "x", "to": "y", "seed": 1, "number": 0, "value": None,
                             "bands": []}), "bad 'value'"),
        ("explode", "{}", "unknown event kind"),
    ],
)
def test_bad_payloads_are_store_errors(kind: str, payload: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        parse_body(kind, payload)


def test_times_are_utc_with_milliseconds() -> None:
    moment = dt.datetime(2019, 6, 30, 9, 15, 2, 123456, tzinfo=dt.UTC)
    assert now_text(moment) == "2019-06-30T09:15:02.123Z"
    assert parse_time("2019-06-30T09:15:02.123Z") == moment.replace(microsecond=123000)


def test_team_options_group_actors_and_keep_order() -> None:
    teams = parse_team_options(["us=Blue", "dprk= Red ", "rok=Blue"], ACTORS)
    assert teams.members == {"Blue": ("us", "rok"), "Red": ("dprk",)}
    assert teams.team_of("rok") == "Blue"
    assert teams.team_of("china") is None
    assert teams.seat_of("china") == "facilitator"
    assert teams.unassigned(["dprk", "china"]) == ["china"]


@pytest.mark.parametrize(
    ("specs", "words"),
    [
        (["dprc=Red"], "did you mean 'dprk'"),
        (["dprk"], "ACTOR=TEAM"),
        (["dprk="], "may not be empty"),
        (["dprk=Red", "dprk=Blue"], "two teams"),
        (["dprk=Facilitator"], "facilitator's seat"),
        (["dprk=" + "x" * 41], "longer than 40"),
        (["dprk=Red\x1b[31m"], "control characters"),
    ],
)
def test_bad_team_options_say_why(specs: list[str], words: str) -> None:
    with pytest.raises(TeamError, match=words):
        parse_team_options(specs, ACTORS)


def test_banner_names_team_and_actor() -> None:
    assert banner("Red", "North Korea") == "Team Red — North Korea decides"
    assert banner("Team Blue", "USA") == "Team Blue — USA decides"
    assert banner(None, "Russia") == "Facilitator — Russia decides"
    assert team_title("facilitator") == "Facilitator"
    with pytest.raises(TeamError):
        Teams({"A": ("x",), "B": ("x",)})


def test_dice_record_matches_walk_roll_and_can_be_checked(crisis: Path) -> None:
    graph = load_scenario(crisis).graph
    walk = Walk(graph, seed=42)
    walk.take(1)  # Mass troops → the border chance node
    state = walk.state
    step, record = dice.roll(walk)
    assert record.value == random.Random("42:0").random()  # the documented algorithm
    assert record.option == step.index and record.to == step.to == walk.node_id
    assert [b.label for b in record.bands] == ["Shots fired", "Calm holds"]
    assert record.bands[0].probability == pytest.approx(0.4)
    assert sum(b.holds(record.value) for b in record.bands) == 1
    assert dice.verify(graph, record, state)
    assert dice.DiceRoll.from_body(record.node, record.body()) == record
    text = "\n".join(record.explain())
    assert "Seed 42, draw #1" in text and "0.40 (unlikely)" in text and "0.60 (likely)" in text
    assert "random.Random('42:0')" in record.check_command()


def test_default_store_path_is_under_xdg_data_home(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    moment = dt.datetime(2024, 5, 1, 12, 30, 5)
    path = default_store_path("nk_hanoi", moment, env)
    assert path == tmp_path / "scenario-explorer" / "games" / "20240501-123005-nk_hanoi.sqlite"
    path.parent.mkdir(parents=True)
    path.touch()
    assert default_store_path("nk_hanoi", moment, env).name == "20240501-123005-nk_hanoi-2.sqlite"
    assert games_folder({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local/share/scenario-explorer/games"
