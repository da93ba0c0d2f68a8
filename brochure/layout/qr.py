"""QR codes for links on paper: the modules of a code (segno) and the short URL set beside it."""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from types import ModuleType
from typing import cast

from brochure.caches import memo
from brochure.units import mm

#: White modules around the code that scanners need to find it (ISO/IEC 18004 asks four).
QUIET_ZONE = 4
#: Room between the code and the text beside it.
GAP = mm(2.5)


def short_url(url: str) -> str:
    """`https://www.iwf.org.uk/` -> `iwf.org.uk`: what a reader types, without scheme or www."""
    return re.sub(r"^(?:https?://|mailto:)(?:www\.)?", "", url).rstrip("/")


@memo(maxsize=256)
def modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, quiet zone included, as `segno.make(url, error="m", micro=False)`
    makes them (encoding chooses among eight masks: about 6 ms, so each address is encoded once
    per process)."""
    matrix = _encoder().encode(url, error="m", micro=False).matrix
    blank = (False,) * (len(matrix[0]) + 2 * QUIET_ZONE)
    edge = (False,) * QUIET_ZONE
    rows = [(*edge, *(bool(m) for m in row), *edge) for row in matrix]
    return (blank,) * QUIET_ZONE + tuple(rows) + (blank,) * QUIET_ZONE


_ENCODER = "_brochure_segno"
_LOADING = threading.Lock()


def _encoder() -> ModuleType:
    """segno's encoder module (with the constants it imports), loaded from segno's own files but
    without segno's package: its `__init__` imports every writer, and they pull in urllib,
    http, ssl and e-mail parsing, 15 to 50 ms and 9 MB of a cold build, for files never written.
    Under its own name, so a program that imports segno itself gets all of segno as usual."""
    with _LOADING:
        if "segno" in sys.modules:
            return cast(ModuleType, sys.modules["segno"].encoder)
        if f"{_ENCODER}.encoder" in sys.modules:
            return sys.modules[f"{_ENCODER}.encoder"]
        found = importlib.util.find_spec("segno")  # finds the folder; runs nothing of segno
        assert found is not None and found.submodule_search_locations is not None
        package = ModuleType(_ENCODER)
        package.__path__ = list(found.submodule_search_locations)
        sys.modules[_ENCODER] = package
        # The encoder's only import of its package is its constants, found through __path__.
        return importlib.import_module(f"{_ENCODER}.encoder")


def dark_runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for x, dark in enumerate([*row, False]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x - start))
            start = None
    return runs
