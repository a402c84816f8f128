"""Widgets of the explorer TUI."""
