"""A cache for loaders of large tables that threads share.

`functools.lru_cache` lets two threads that ask for the same table at once both build
it: the app loads language identification's tables in a background thread from its
first page, and a page that needed them a moment later built a second copy beside it
(both took longer than one). Here the second caller waits for the first one's result.
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, NamedTuple, TypeVar

T = TypeVar("T")


class CacheInfo(NamedTuple):
    currsize: int     # argument sets whose result is kept


def load_once(maxsize: int | None = None) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate a loader: its result is kept per argument set (the oldest dropped beyond
    `maxsize`), built once however many threads ask at the same time. A loader that
    raises keeps nothing, so the next call tries again."""

    def decorate(load: Callable[..., T]) -> Callable[..., T]:
        results: dict = {}
        building: dict = {}              # argument set -> the lock its first caller holds
        guard = threading.Lock()

        @functools.wraps(load)
        def loaded(*args, **kwargs) -> T:
            key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
            try:
                return results[key]      # the common case: no lock taken
            except KeyError:
                pass
            with guard:
                lock = building.setdefault(key, threading.Lock())
            with lock:                   # a second caller waits here for the first
                if key not in results:
                    value = load(*args, **kwargs)
                    with guard:
                        results[key] = value
                        if maxsize is not None and len(results) > maxsize:
                            oldest = next(iter(results))
                            del results[oldest]
                            building.pop(oldest, None)
                return results[key]

        def cache_clear() -> None:
            with guard:
                results.clear()
                building.clear()

        loaded.cache_clear = cache_clear   # as lru_cache's, for tests that swap a table
        loaded.cache_info = lambda: CacheInfo(len(results))
        return loaded

    return decorate
