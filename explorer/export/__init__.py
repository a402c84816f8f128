"""Scenario graphs and games in other tools' formats: DOT, Mermaid, GraphML, node-link JSON, Gambit .efg."""
