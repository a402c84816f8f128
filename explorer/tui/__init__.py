"""The terminal UI: screens and widgets that render a `Walk`; no scenario rules live here."""
