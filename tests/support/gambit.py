"""pygambit for the Gambit cross-checks: skipped where it is not installed, except in CI (`CI` set),
where a missing pygambit fails the run: the cross-checks are part of what CI must show."""

from __future__ import annotations

import os
from types import ModuleType

import pytest

INSTALL = "pip install -e '.[test,gambit]'"


def import_gambit() -> ModuleType:
    """The pygambit module, or a module-level skip (a failure in CI) when it is missing."""
    try:
        import pygambit
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the Gambit cross-checks, but pygambit is not installed ({INSTALL})", pytrace=False)
        pytest.skip(f"pygambit is not installed: {INSTALL} runs the Gambit cross-checks", allow_module_level=True)
    return pygambit
