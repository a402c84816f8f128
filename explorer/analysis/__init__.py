"""Answers from a scenario graph: the unfolded game, equilibrium, odds, simulation, sensitivity."""
