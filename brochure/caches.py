"""The engine's caches: each bounded and keyed by what its result depends on, all emptied by one call.

Every cache is a `functools.lru_cache` (thread-safe, least recently used out first) made through
`memo`, or registers its own `clear` with `on_clear`; `clear_caches()` empties them all, for a
long-running process that wants its memory back or a test that wants cold caches.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")

_clearers: list[Callable[[], None]] = []
_lock = threading.Lock()


def on_clear(clear: Callable[[], None]) -> None:
    """Have `clear_caches()` call `clear` (a cache that is not an lru_cache: images, say)."""
    with _lock:
        _clearers.append(clear)


def memo(maxsize: int) -> Callable[[Callable[..., R]], functools._lru_cache_wrapper[R]]:
    """`functools.lru_cache(maxsize)`, emptied by `clear_caches()`; arguments are the key, so they
    must be everything the result depends on (bytes or a file's path, size and time, not a path)."""

    def wrap(function: Callable[..., R]) -> functools._lru_cache_wrapper[R]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        on_clear(cached.cache_clear)
        return cached

    return wrap


def clear_caches() -> None:
    """Empty every cache of the engine."""
    with _lock:
        clearers = list(_clearers)
    for clear in clearers:
        clear()
