"""Gambit games in and out of scenarios: reading `.efg` files and turning them into format-2 scenarios."""
