"""Screens of the explorer TUI."""
