"""Classroom war-game mode: teams, a facilitator, visible dice, a durable event log, the debrief.

Layers: `events` (typed records) → `store` (SQLite) → `state` (replay over `explorer.walk.Walk`)
→ `session` (`GameSession`, the facade a screen calls) → `debrief` / `report` (Markdown).
"""
