"""What several test folders share: starting a game, other processes, a fake textual-serve, a
browser. Imported as `tests.support.<module>` (tests is a package)."""
