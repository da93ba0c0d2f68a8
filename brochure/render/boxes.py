"""Page boxes: the sheet as a printer sees it (media, bleed and trim) for one edition."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from brochure.editions import Edition
from brochure.layout.model import EDGES, Field
from brochure.units import Box, mm

#: Room beyond the bleed for crop marks, fold marks and the slug line.
MARK_MARGIN = mm(12)

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageFrame:
    """Where the trimmed page lies on the media: layout coordinates are shifted by `offset`."""

    trim_width: float
    trim_height: float
    bleed: float = 0.0
    #: Room for marks beyond the bleed.
    margin: float = 0.0

    @property
    def offset(self) -> float:
        return self.bleed + self.margin

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset

    @property
    def trim_box(self) -> Rect:
        o = self.offset
        return o, o, o + self.trim_width, o + self.trim_height

    @property
    def bleed_box(self) -> Rect:
        m = self.margin
        return m, m, m + self.trim_width + 2 * self.bleed, m + self.trim_height + 2 * self.bleed


def page_frame(width: float, height: float, edition: Edition) -> PageFrame:
    return PageFrame(width, height, edition.bleed, MARK_MARGIN if edition.marks else 0.0)


def start_page(canvas: Canvas, frame: PageFrame) -> None:
    """Size the page and declare its boxes; the crop box is the media box (marks stay visible)."""
    canvas.setPageSize(frame.media)
    canvas.setBleedBox(frame.bleed_box)
    canvas.setTrimBox(frame.trim_box)


def field_extent(field: Field, *, bleed: float, inset: float) -> Box:
    """A colour field as painted: its edges on the trim run into the bleed (press) or stop at
    the printer's margin (office); edges at a fold stay at the fold."""
    box, shift = field.box, bleed - inset
    grow = {edge: (shift if edge in field.bleed_edges else 0.0) for edge in EDGES}
    return Box(
        box.x - grow["left"],
        box.y - grow["bottom"],
        box.width + grow["left"] + grow["right"],
        box.height + grow["top"] + grow["bottom"],
    )
