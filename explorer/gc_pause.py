"""Pausing Python's cyclic garbage collector around passes that allocate many small objects."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (restoring it as it was): loading and passes over
    positions allocate millions of small acyclic objects, and with a large scenario in memory each
    collection costs more than the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _age_survivors()
            gc.enable()


def _age_survivors() -> None:
    """Move what the paused block left alive into the oldest generation, unexamined.

    Else the first collection after the pause examines every object the block made (a load of
    100k nodes: 0.1-0.2 s of CPU, on objects that are mostly alive and acyclic); in the oldest
    generation they wait for a full collection, which the collector runs only once enough new
    long-lived objects have come (`gc.freeze` then `gc.unfreeze` moves them without examining
    them). Not while objects are frozen on purpose (a forked seat, `explorer play`): unfreezing
    would let those go too."""
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` run with the collector paused (see `paused_gc`)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return fn(*args, **kwargs)

    return wrapper
