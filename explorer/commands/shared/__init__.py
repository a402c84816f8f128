"""What the commands share: the error printer, loading a scenario, the analysis commands' words.

A command module imports these, never another command (an import-linter contract in
pyproject.toml checks it).
"""
