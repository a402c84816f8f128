"""Reading scenario files: YAML with positions, includes, limits, validation.

The loader is imported when first asked for (PEP 562), so that a light module of this package — the
cache's files, its limits — can be used without importing YAML and the format models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.loading.loader import LoadResult, load_scenario, load_text

__all__ = ["LoadResult", "load_scenario", "load_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from explorer.loading import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
