"""Opened images kept by their file's path and bytes: a rebuild in one process decodes once."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from brochure.caches import on_clear
from brochure.diagnostics import Diagnostic, Diagnostics, Location
from brochure.resolve.images import MAX_IMAGE_BYTES, Asset, ImageAsset, open_image

#: Decoded pixels kept at most (about 4 bytes each): enough for every image of a few leaflets.
MAX_PIXELS_KEPT = 120_000_000

_Key = tuple[str, bytes]
_cache: OrderedDict[_Key, tuple[Asset | None, tuple[Diagnostic, ...]]] = OrderedDict()
_lock = threading.Lock()


def cached_image(path: Path, location: Location, diagnostics: Diagnostics) -> Asset | None:
    """`open_image`, remembered while the file holds the same bytes (a file saved again with its
    size and time kept is read again); its diagnostics are given again, at this block's location."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:  # refused (A007) before it is read
            return open_image(path, location, diagnostics)
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).digest())
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return open_image(path, location, diagnostics)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
    if hit is None:
        found = Diagnostics()
        hit = (open_image(path, location, found), tuple(found))
        with _lock:
            _cache[key] = hit
            _evict()
    asset, problems = hit
    diagnostics.extend(replace(problem, location=location) for problem in problems)
    return asset


def _evict() -> None:
    """Forget the least recently used images beyond MAX_PIXELS_KEPT (always keep the newest)."""

    def pixels(entry: tuple[Asset | None, tuple[Diagnostic, ...]]) -> int:
        asset = entry[0]
        return asset.width_px * asset.height_px if isinstance(asset, ImageAsset) else 0

    total = sum(pixels(entry) for entry in _cache.values())
    while total > MAX_PIXELS_KEPT and len(_cache) > 1:
        _, entry = _cache.popitem(last=False)
        total -= pixels(entry)


def clear() -> None:
    """Forget every cached image."""
    with _lock:
        _cache.clear()


on_clear(clear)
