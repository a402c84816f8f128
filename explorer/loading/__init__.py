"""Reading scenario files: YAML with positions, includes, limits, validation."""

from explorer.loading.loader import LoadResult, load_scenario, load_text

__all__ = ["LoadResult", "load_scenario", "load_text"]
