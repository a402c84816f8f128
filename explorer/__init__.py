"""Scenario explorer: sourced, playable, analysable game trees from YAML."""

__version__ = "0.1.0"
