"""Printer's marks: crop marks, dashed fold marks and the slug line, all outside the trim."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from brochure.editions import Edition
from brochure.layout.model import Layout, Page
from brochure.render.boxes import PageFrame
from brochure.resolve.conditions import press_condition
from brochure.units import mm

#: Marks start this far outside the trim (beyond the bleed, so they are never in the print).
MARK_LENGTH = mm(5)
#: Hairline, as print shops expect.
MARK_WIDTH = 0.25
SLUG_SIZE = 6.0
TICK_GREY = 0.72
#: Crop and fold marks print on every separation: the registration colour (Separation /All).
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
#: The slug is read, not aligned: black ink alone.
SLUG_BLACK = CMYKColor(0, 0, 0, 1)
#: Marks start this far beyond the bleed, so no trim that wanders into the bleed cuts them.
MARK_GAP = mm(1)


def draw_press_marks(canvas: Canvas, page: Page, frame: PageFrame, *, slug: str, font: str) -> None:
    """Crop marks at the corners, fold marks at each fold (registration colour) and the slug line
    under them (black), all outside the bleed, drawn in trim coordinates (the trim's lower left
    corner is the origin)."""
    start = frame.bleed + MARK_GAP
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    for x in (0.0, page.width):
        for y in (0.0, page.height):
            out_x = -1 if x == 0 else 1
            out_y = -1 if y == 0 else 1
            canvas.line(x + out_x * start, y, x + out_x * (start + MARK_LENGTH), y)
            canvas.line(x, y + out_y * start, x, y + out_y * (start + MARK_LENGTH))
    canvas.setDash(mm(1), mm(0.7))
    for x in page.fold_lines:
        canvas.line(x, page.height + start, x, page.height + start + MARK_LENGTH)
        canvas.line(x, -start, x, -start - MARK_LENGTH)
    canvas.setDash()
    canvas.setFillColor(SLUG_BLACK)
    canvas.setFont(font, SLUG_SIZE)
    canvas.drawString(0.0, -start - MARK_LENGTH - SLUG_SIZE * 1.2, slug)
    canvas.restoreState()


def draw_fold_ticks(canvas: Canvas, page: Page, margin: float) -> None:
    """Short light ticks at each fold, top and bottom, just inside the printable area (office)."""
    canvas.saveState()
    canvas.setStrokeGray(TICK_GREY)
    canvas.setLineWidth(0.4)
    length = mm(3)
    for x in page.fold_lines:
        canvas.line(x, page.height - margin, x, page.height - margin - length)
        canvas.line(x, margin, x, margin + length)
    canvas.restoreState()


def slug_line(layout: Layout, page: Page, edition: Edition) -> str:
    """What the print shop needs to identify a sheet: title, version, side, date, fold, sizes."""
    meta, fold, theme = layout.document.content.meta, layout.document.fold, layout.document.theme
    side = "outside" if page.number == 1 else "inside"
    # A right-to-left title is left out: the slug is set unshaped, left to right, in a Latin face.
    parts = [
        "" if layout.document.fonts.fallback else meta.title,
        f"version {meta.version}" if meta.version else "",
        f"side {page.number} of {len(layout.pages)} ({side})",
        meta.date.isoformat() if meta.date else "",
        f"{fold.kind} fold on {fold.paper.name.upper() if fold.paper.name == 'a4' else 'US Letter'}",
        f"trim {page.width / mm(1):.1f} \u00d7 {page.height / mm(1):.1f} mm",
        f"bleed {edition.bleed / mm(1):g} mm",
        f"{'CMYK' if edition.cmyk else 'sRGB'}, {press_condition(theme.paper_stock).identifier}",
    ]
    return "  \u00b7  ".join(part for part in parts if part)
