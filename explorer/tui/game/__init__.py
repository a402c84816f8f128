"""The classroom war game on one shared screen: setup, play, debrief and replay (issue 6).

Every action goes through `explorer.game.session.GameSession`; these screens only show the
game and ask the facilitator and the teams for their choices, rationales and reasons.
"""
