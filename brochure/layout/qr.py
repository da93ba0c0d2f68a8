"""QR codes for links on paper: vector modules (segno), with the short URL set beside them."""

from __future__ import annotations

import functools
import re

from reportlab.lib.colors import Color
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

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


class QRSymbol(Flowable):
    """A QR code `size` points square (quiet zone included), dark modules in `ink` as
    rectangles merged along rows, on a white square so it scans on a colour field too."""

    def __init__(self, url: str, size: float, ink: Color, paper: Color) -> None:
        super().__init__()
        self.url, self.size, self.ink, self.paper = url, size, ink, paper
        self.rows = modules(url)
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    @functools.cached_property
    def dark_modules(self) -> PDFPathObject:
        """The dark modules as one path of rectangles, made once: a code is drawn in several
        editions (and, in a batch, in every leaflet that shares its panel)."""
        path, module = PDFPathObject(), self.size / len(self.rows)
        for n, row in enumerate(self.rows):
            y = self.size - (n + 1) * module
            for start, length in _runs(row):
                path.rect(start * module, y, length * module, module)
        return path

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.paper)
        canvas.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColor(self.ink)
        canvas.drawPath(self.dark_modules, stroke=0, fill=1)
        canvas.linkURL(self.url, (0, 0, self.size, self.size), relative=1)


def _runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
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


class Beside(Flowable):
    """A fixed-size flowable (a QR code) with a text flowable to its right, centred on each
    other; never split."""

    def __init__(self, left: Flowable, right: Flowable, left_width: float) -> None:
        super().__init__()
        self.left, self.right, self.left_width = left, right, left_width
        self._right_height = 0.0
        self.spaceBefore, self.spaceAfter = right.getSpaceBefore(), right.getSpaceAfter()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self._right_height = self.right.wrap(avail_width - self.left_width - GAP, avail_height)
        self.width = avail_width
        self.height = max(self.left_width, self._right_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        for child, x, y in self.parts(0.0, 0.0):
            child.drawOn(self.canv, x, y)

    def parts(self, x: float, y: float) -> list[tuple[Flowable, float, float]]:
        """Both flowables with the position each is drawn at, for a pair whose corner is at x, y."""
        return [
            (self.left, x, y + (self.height - self.left_width) / 2),
            (self.right, x + self.left_width + GAP, y + (self.height - self._right_height) / 2),
        ]
