"""QR codes for links on paper: the modules of a code (segno) and the short URL set beside it."""

from __future__ import annotations

import re

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
    """The code's modules, quiet zone included (encoding chooses among eight masks: about 6 ms,
    so each address is encoded once per process). segno is imported here, when a leaflet has a
    QR code: importing it costs a cold build about 17 ms (its writers pull in urllib)."""
    import segno

    symbol = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in symbol.matrix_iter(border=QUIET_ZONE))


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
