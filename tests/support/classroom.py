"""The classroom fixture (`classroom.yaml`): a format-2 game of four teams and an envoy the facilitator
plays, three rounds, a chance node, private text, a hidden metric, a covert move and injects.
Every private thing in it carries a SECRET-… marker, so that tests can look for leaks."""

from __future__ import annotations

from pathlib import Path

from explorer.game.teams import Teams

SCENARIO = Path(__file__).with_name("classroom.yaml")
TEAMS = Teams.from_pairs([("north", "North"), ("south", "South"), ("east", "East"), ("west", "West")])
"""One team per capital; the UN envoy is the facilitator's."""
SECRET = "SECRET-"
